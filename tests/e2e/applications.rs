//! «Гарантирование»: the list, and the wizard rendered from the guarantee form's spec, in the
//! embedded default exactly as a user gets it.

use std::time::Duration;

use homeportal_testkit::{server, TestAccount};

use crate::app::{App, ONE_AT_A_TIME};

/// WebDriver's code for the Tab key: leaving a field, as a person does.
pub(crate) const TAB: &str = "\u{e004}";
/// Ctrl+A: selects what a field holds, so typing replaces it.
const SELECT_ALL: &str = "\u{e009}a";

/// The input of the form field at `path`.
pub(crate) fn input(path: &str) -> String {
    format!("[data-path='{path}']")
}

/// The message under the form field at `path`.
fn message(path: &str) -> String {
    let id: String = path
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("#field-{}-error", id.trim_end_matches('-'))
}

impl App {
    /// Replaces what the field at `path` holds with `text`, then leaves it.
    pub(crate) async fn fill(&self, path: &str, text: &str) {
        let field = self.find(&input(path)).await;
        // Modifiers are released at the end of each call.
        field.send_keys(SELECT_ALL).await.expect("selected");
        field
            .send_keys(&format!("{text}{TAB}"))
            .await
            .unwrap_or_else(|e| panic!("cannot type into {path}: {e}"));
    }

    /// Waits for the message under `path` and checks it word for word.
    async fn expect_message(&self, path: &str, expected: &str) {
        let shown = self.wait_for_text(&message(path), expected).await;
        assert_eq!(shown, expected, "message under {path}");
    }

    /// Opens a tab of the current stage and waits for its panel.
    pub(crate) async fn open_tab(&self, tab: &str) {
        self.click(&format!("#tab-{tab}")).await;
        self.find(&format!("#panel-{tab}")).await;
    }

    /// A screenshot once the page settled.
    async fn settled_screenshot(&self, name: &str) {
        tokio::time::sleep(Duration::from_millis(300)).await;
        self.screenshot(name).await;
    }
}

/// The tabs of each stage of the guarantee form, in order.
const STAGES: [&[&str]; 4] = [
    &["uk", "shareholders", "head", "project", "developer"],
    &["uk_documents", "developer_documents"],
    &["project_documents"],
    &["consents"],
];

#[tokio::test]
async fn the_guarantee_wizard_walks_every_stage_checks_as_you_type_and_saves_a_draft() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let account = TestAccount::nova_city();
    let data = tempfile::tempdir().expect("data folder");
    // КЖК staff create the account in the embedded server's folder, as in a real install.
    server::create_account(&data.path().join("server"), &account);
    let app = App::launch_embedded(data.path(), &[]).await;
    app.choose_local_mode().await;
    app.log_in(account.bin, account.password).await;
    app.find("#profile-bin").await;

    app.click("#menu-toggle").await;
    app.click("a.nav-link[href='#/applications/guarantee']")
        .await;
    let empty = app
        .wait_for_text("#applications-empty", "Заявок пока нет")
        .await;
    assert!(empty.contains("Создать заявку"), "{empty}");
    app.click("#create-application").await;

    // Stage 1, «Информация об УК»: every rule speaks as the user leaves the field.
    app.find("#panel-uk").await;
    assert!(!app.is_there("#wizard-back").await, "no «Назад» on stage 1");
    assert!(app.is_there("#wizard-next").await, "«Далее» on stage 1");
    app.fill("uk.bin", "940140000386").await;
    app.expect_message("uk.bin", "Неверная контрольная цифра: проверьте номер")
        .await;
    app.fill("uk_bank.iik", "KZ00722S000010366450").await;
    app.expect_message(
        "uk_bank.iik",
        "Неверные контрольные цифры ИИК: проверьте номер счёта",
    )
    .await;
    app.fill("uk_contacts.phone", "+7 703 123 45 67").await;
    app.expect_message(
        "uk_contacts.phone",
        "Это не номер мобильного оператора Казахстана",
    )
    .await;
    app.settled_screenshot("14-guarantee-rules").await;

    // Corrected, the messages go; a matching ИИК and БИК name the bank.
    app.fill("uk.bin", account.bin).await;
    app.wait_gone(&message("uk.bin")).await;
    app.fill("uk_bank.iik", "KZ31722S000010366450").await;
    app.wait_gone(&message("uk_bank.iik")).await;
    app.fill("uk_contacts.phone", "+7 701 123 45 67").await;
    app.wait_gone(&message("uk_contacts.phone")).await;
    assert_eq!(
        app.find(&input("uk_bank.bank_name"))
            .await
            .prop("value")
            .await
            .expect("value")
            .unwrap_or_default(),
        "",
        "no bank before the БИК"
    );
    app.fill("uk_bank.bik", "CASPKZKA").await;
    let bank = app
        .wait_for_prop(&input("uk_bank.bank_name"), "value", |v| !v.is_empty())
        .await;
    assert!(bank.contains("Kaspi"), "{bank}");

    // Enter in a half-filled stage neither submits nor moves on.
    app.find(&input("uk.org_name_ru"))
        .await
        .send_keys("ТОО «Nova City Development»\u{e007}")
        .await
        .expect("typed");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        app.is_there("#panel-uk").await,
        "still on «Информация об УК»"
    );
    assert!(
        !app.is_there("#documents-save-first").await,
        "Enter did not jump to another stage"
    );

    // «Соответствует юридическому адресу» copies the legal address and locks the actual one.
    app.fill("uk.legal_address", "г. Астана, пр. Мангилик Ел, 55")
        .await;
    app.click(&input("uk.same_as_legal")).await;
    app.wait_for_prop(&input("uk.same_as_legal"), "checked", |v| v == "true")
        .await;
    app.settled_screenshot("14b-same-as-legal").await;
    let actual = app
        .wait_for_prop(&input("uk.actual_address"), "value", |v| {
            v.contains("Мангилик")
        })
        .await;
    assert_eq!(actual, "г. Астана, пр. Мангилик Ел, 55");
    assert!(
        app.find(&input("uk.actual_address"))
            .await
            .attr("disabled")
            .await
            .expect("attr")
            .is_some(),
        "the actual address is locked"
    );

    // «Состав акционеров / учредителей»: blocks are added and removed.
    app.open_tab("shareholders").await;
    app.click("#add-shareholders").await;
    app.find("#block-shareholders-0").await;
    app.click("#add-shareholders").await;
    app.find("#block-shareholders-1").await;
    app.fill("shareholders[1].share", "150").await;
    app.expect_message(
        "shareholders[1].share",
        "Процент должен быть больше 0 и не больше 100",
    )
    .await;
    app.click("#remove-shareholders-1").await;
    app.wait_gone("#block-shareholders-1").await;
    assert!(app.is_there("#block-shareholders-0").await);

    // «Руководитель Исполнительного органа»: the tab is marked complete once its required
    // fields are valid.
    app.open_tab("head").await;
    assert!(!app.is_there("#tab-head .complete-mark").await);
    app.fill("head.iin", "830717350867").await;
    app.fill("head.last_name", "Сапаров").await;
    app.fill("head.first_name", "Ерлан").await;
    app.fill("head.position", "Генеральный директор").await;
    app.fill("head.phone", "+7 701 765 43 21").await;
    app.fill("head.email", "director@novacity.kz").await;
    app.find("#tab-head .complete-mark").await;

    app.open_tab("project").await;
    app.fill("project.name", "ЖК «Нұрлы Көш»").await;
    app.open_tab("developer").await;
    app.settled_screenshot("15-guarantee-stage-1-ru").await;

    // Every stage and every tab, with «Назад» and «Далее» where they belong.
    for (index, tabs) in STAGES.iter().enumerate().skip(1) {
        app.click("#wizard-next").await;
        app.find(&format!("#panel-{}", tabs[0])).await;
        for tab in tabs.iter() {
            app.open_tab(tab).await;
        }
        assert!(
            app.is_there("#wizard-back").await,
            "«Назад» on stage {}",
            index + 1
        );
        assert_eq!(
            app.is_there("#wizard-next").await,
            index < 3,
            "«Далее» only before stage 4"
        );
        app.settled_screenshot(&format!("1{}-guarantee-stage-{}-ru", 5 + index, index + 1))
            .await;
    }
    assert!(
        !app.is_there("#documents-save-first").await,
        "the draft saved itself while it was typed, so documents can be attached"
    );

    // The same stages in Kazakh, without losing what was typed.
    app.click("#lang-kk").await;
    for (index, tabs) in STAGES.iter().enumerate() {
        app.click(&format!("#stage-{index}")).await;
        app.find(&format!("#panel-{}", tabs[0])).await;
        app.settled_screenshot(&format!("2{index}-guarantee-stage-{}-kk", index + 1))
            .await;
    }
    app.click("#stage-0").await;
    app.open_tab("project").await;
    let kept = app
        .wait_for_prop(&input("project.name"), "value", |v| !v.is_empty())
        .await;
    assert_eq!(kept, "ЖК «Нұрлы Көш»");
    app.click("#lang-ru").await;

    // Typing was saved by itself and reached the embedded server; «Сохранить черновик» saves
    // at once too. The list shows it as «Черновик».
    app.click("#save-draft").await;
    app.wait_for_text("#draft-status", "Синхронизировано").await;
    app.click("#back-to-list").await;
    let row = app
        .wait_for_text("#applications tbody tr", "Черновик")
        .await;
    assert!(row.contains("ЖК «Нұрлы Көш»"), "{row}");
    assert!(
        row.contains("Редактировать") && row.contains("Удалить"),
        "{row}"
    );
    app.settled_screenshot("24-guarantee-list").await;

    // «Редактировать» opens it again with what was saved.
    app.click("#applications tbody tr .link").await;
    app.open_tab("project").await;
    let reopened = app
        .wait_for_prop(&input("project.name"), "value", |v| !v.is_empty())
        .await;
    assert_eq!(reopened, "ЖК «Нұрлы Көш»");
    app.close().await;
}
