//! Offline-first drafts in the real window against a server process that is stopped and started
//! again on the same port: a draft typed offline survives a restart of the app and arrives
//! intact; two computers editing the same field meet on the conflict screen; an app killed right
//! after «Сохранено локально» keeps the edit and sends it once.

use homeportal_domain::forms::merge::UnitValue;
use homeportal_domain::sync::{HistoryKind, ServerApplication};
use homeportal_testkit::{ServerProcess, TestAccount};

use crate::app::{App, ONE_AT_A_TIME, PATIENCE};

const OFFLINE: &str = "Нет связи — изменения сохранены на этом компьютере";

impl App {
    /// Opens «Гарантирование» from the menu.
    async fn open_guarantee_list(&self) {
        self.click("#menu-toggle").await;
        self.click("a.nav-link[href='#/applications/guarantee']")
            .await;
        self.find("#create-application").await;
    }

    /// Logs in, opens «Гарантирование», creates a draft and names its project `project`.
    async fn new_draft_named(&self, account: &TestAccount, project: &str) {
        self.log_in(account.bin, account.password).await;
        self.find("#profile-bin").await;
        self.open_guarantee_list().await;
        self.click("#create-application").await;
        self.find("#panel-uk").await;
        self.open_tab("project").await;
        self.fill("project.name", project).await;
    }

    /// Opens the draft whose row shows `project` and waits for its first tab.
    async fn open_draft(&self, project: &str) {
        self.wait_for_text("#applications tbody", project).await;
        self.click("#applications tbody tr .link").await;
        self.find("#panel-uk").await;
    }

    /// Waits until the app's window is gone; fails the test if it stays.
    async fn wait_until_closed(&self) {
        let deadline = std::time::Instant::now() + PATIENCE;
        while self.client.title().await.is_ok() {
            assert!(
                std::time::Instant::now() < deadline,
                "the window did not close"
            );
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
    }

    /// Scrolls the element at `css` into the middle of the window.
    async fn scroll_to(&self, css: &str) {
        let element = serde_json::to_value(self.find(css).await).expect("element reference");
        self.client
            .execute(
                "arguments[0].scrollIntoView({block: 'center'})",
                vec![element],
            )
            .await
            .unwrap_or_else(|e| panic!("cannot scroll to {css}: {e}"));
    }

    /// Waits until `#draft-status` has ever said `expected` (a change is seen even if the next
    /// one follows within milliseconds).
    async fn wait_for_status_seen(&self, expected: &str) {
        let script = r#"
            const [expected, done] = arguments;
            const status = () => document.querySelector('#draft-status');
            const seen = () => status() && status().textContent.includes(expected);
            if (seen()) { done(true); return; }
            const observer = new MutationObserver(() => {
                if (seen()) { observer.disconnect(); done(true); }
            });
            observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        "#;
        let seen = tokio::time::timeout(
            PATIENCE,
            self.client
                .execute_async(script, vec![serde_json::json!(expected)]),
        )
        .await
        .unwrap_or_else(|_| panic!("#draft-status never said {expected:?}"))
        .expect("the observer ran");
        assert_eq!(seen, serde_json::json!(true));
    }
}

/// The organisation's applications on the server, waiting until `accept` holds.
async fn on_server(
    server: &ServerProcess,
    account: &TestAccount,
    accept: impl Fn(&[ServerApplication]) -> bool,
) -> Vec<ServerApplication> {
    let api = server.signed_in(account).await;
    let deadline = std::time::Instant::now() + PATIENCE;
    loop {
        let found = api.applications().await.expect("the list");
        if accept(&found) {
            return found;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the server never had what was expected: {found:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
}

fn project_of(application: &ServerApplication) -> &str {
    application.data.value("project", "name")
}

#[tokio::test]
async fn a_draft_typed_offline_survives_a_restart_and_arrives_intact() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let account = TestAccount::nova_city();
    let mut server = ServerProcess::start_with(&account);
    let url = server.url().to_owned();
    let data = tempfile::tempdir().expect("data folder");
    let app = App::launch_in(&url, data.path(), &[]).await;
    app.log_in(account.bin, account.password).await;
    app.find("#profile-bin").await;

    server.stop();
    app.open_guarantee_list().await;
    app.click("#create-application").await;
    app.find("#panel-uk").await;
    app.fill("uk.bin", account.bin).await;
    app.fill("uk.org_name_ru", "ТОО «Nova City Development»")
        .await;
    app.open_tab("project").await;
    app.fill("project.name", "ЖК «Офлайн»").await;
    app.wait_for_text("#draft-status", OFFLINE).await;
    app.screenshot("30-draft-offline").await;
    drop(app);

    // The app starts again with the server still away: the cabinet and the draft are there.
    let app = App::launch_in(&url, data.path(), &[]).await;
    app.open_guarantee_list().await;
    let row = app
        .wait_for_text("#applications tbody tr", "ЖК «Офлайн»")
        .await;
    assert!(row.contains("Черновик"), "{row}");
    app.wait_for_text("#applications tbody .sync-state", "Нет связи")
        .await;
    app.screenshot("31-list-offline").await;

    server.resume();
    app.wait_gone("#applications tbody .sync-state").await;
    let arrived = on_server(&server, &account, |found| !found.is_empty()).await;
    assert_eq!(arrived.len(), 1, "created once: {arrived:?}");
    assert_eq!(project_of(&arrived[0]), "ЖК «Офлайн»");
    assert_eq!(arrived[0].data.value("uk", "bin"), account.bin);
    assert_eq!(
        arrived[0].data.value("uk", "org_name_ru"),
        "ТОО «Nova City Development»"
    );
    app.open_draft("ЖК «Офлайн»").await;
    app.wait_for_text("#draft-status", "Синхронизировано").await;
    app.close().await;
}

#[tokio::test]
async fn the_same_field_edited_on_two_computers_meets_on_the_conflict_screen() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let account = TestAccount::nova_city();
    let mut server = ServerProcess::start_with(&account);
    let url = server.url().to_owned();
    let (dir_a, dir_b) = (
        tempfile::tempdir().expect("computer A"),
        tempfile::tempdir().expect("computer B"),
    );

    // Computer A creates the draft and it reaches the server.
    let a = App::launch_in(&url, dir_a.path(), &[]).await;
    a.new_draft_named(&account, "ЖК «Общий»").await;
    a.wait_for_text("#draft-status", "Синхронизировано").await;
    drop(a);

    // Computer B receives it, then edits the name with no connection.
    let b = App::launch_in(&url, dir_b.path(), &[]).await;
    b.log_in(account.bin, account.password).await;
    b.find("#profile-bin").await;
    b.open_guarantee_list().await;
    b.open_draft("ЖК «Общий»").await;
    server.stop();
    b.open_tab("project").await;
    b.fill("project.name", "ЖК «Вариант Б»").await;
    b.wait_for_text("#draft-status", OFFLINE).await;
    drop(b);

    // Meanwhile computer A changes the same field, online.
    server.resume();
    let a = App::launch_in(&url, dir_a.path(), &[]).await;
    a.open_guarantee_list().await;
    a.open_draft("ЖК «Общий»").await;
    a.open_tab("project").await;
    a.fill("project.name", "ЖК «Вариант А»").await;
    a.wait_for_text("#draft-status", "Синхронизировано").await;
    drop(a);

    // B reconnects: both values side by side, B chooses its own.
    let b = App::launch_in(&url, dir_b.path(), &[]).await;
    b.open_guarantee_list().await;
    b.wait_for_text("#applications tbody .sync-state", "Конфликт")
        .await;
    b.click("#applications tbody tr .link").await;
    b.find("#conflict").await;
    assert_eq!(
        b.text("#conflict-0 .conflict-local").await,
        "ЖК «Вариант Б»"
    );
    assert_eq!(
        b.text("#conflict-0 .conflict-remote").await,
        "ЖК «Вариант А»"
    );
    assert!(b.text("#conflict-0 th").await.contains("Наименование"));
    b.screenshot("32-conflict").await;
    b.click("#conflict-choice-0-0").await;
    b.click("#conflict-apply").await;
    b.wait_gone("#conflict").await;
    b.wait_for_text("#draft-status", "Синхронизировано").await;
    let history = b
        .wait_for_text("#history", "Конфликт изменений разрешён")
        .await;
    assert!(history.contains("оставлено «ЖК «Вариант Б»»"), "{history}");
    assert!(history.contains("отклонено «ЖК «Вариант А»»"), "{history}");
    b.scroll_to("#history").await;
    b.screenshot("33-conflict-history").await;

    let kept = on_server(&server, &account, |found| {
        found.len() == 1 && project_of(&found[0]) == "ЖК «Вариант Б»"
    })
    .await;
    let discarded: Vec<Option<UnitValue>> = kept[0]
        .history
        .iter()
        .filter_map(|e| match &e.event {
            HistoryKind::ConflictResolved { resolutions } => Some(resolutions.clone()),
            _ => None,
        })
        .flatten()
        .map(|r| r.discarded)
        .collect();
    assert_eq!(
        discarded,
        vec![Some(UnitValue::Text("ЖК «Вариант А»".into()))]
    );
    b.close().await;
}

#[tokio::test]
async fn an_app_killed_right_after_saved_locally_keeps_the_edit_and_sends_it_once() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let account = TestAccount::nova_city();
    let server = ServerProcess::start_with(&account);
    let url = server.url().to_owned();
    let data = tempfile::tempdir().expect("data folder");
    let app = App::launch_in(&url, data.path(), &[]).await;
    app.new_draft_named(&account, "ЖК «Крах»").await;
    app.wait_for_status_seen("Сохранено локально").await;
    drop(app); // SIGKILL, at once

    let app = App::launch_in(&url, data.path(), &[]).await;
    app.open_guarantee_list().await;
    app.open_draft("ЖК «Крах»").await;
    app.open_tab("project").await;
    app.wait_for_prop(&crate::applications::input("project.name"), "value", |v| {
        v == "ЖК «Крах»"
    })
    .await;
    app.wait_for_text("#draft-status", "Синхронизировано").await;
    let arrived = on_server(&server, &account, |found| !found.is_empty()).await;
    assert_eq!(arrived.len(), 1, "sent once: {arrived:?}");
    assert_eq!(project_of(&arrived[0]), "ЖК «Крах»");
    app.close().await;
}

#[tokio::test]
async fn closing_the_window_saves_what_was_just_typed() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let account = TestAccount::nova_city();
    let data = tempfile::tempdir().expect("data folder");
    // The embedded default, as a user gets it.
    homeportal_testkit::server::create_account(&data.path().join("server"), &account);
    let app = App::launch_embedded(data.path(), &[]).await;
    app.choose_local_mode().await;
    app.log_in(account.bin, account.password).await;
    app.find("#profile-bin").await;
    app.open_guarantee_list().await;
    app.click("#create-application").await;
    app.find("#panel-uk").await;
    app.open_tab("project").await;
    app.type_into(&crate::applications::input("project.name"), "ЖК «Закрытие»")
        .await;
    let status = app.text("#draft-status").await;
    // The same request the window manager's close makes (WebDriver's own close bypasses it).
    app.client
        .execute("window.__TAURI__.window.getCurrentWindow().close()", vec![])
        .await
        .expect("the close is asked for");
    println!("closed while the form said {status:?}");
    app.wait_until_closed().await;
    drop(app);

    let app = App::launch_embedded(data.path(), &[]).await;
    app.open_guarantee_list().await;
    app.open_draft("ЖК «Закрытие»").await;
    app.open_tab("project").await;
    app.wait_for_prop(&crate::applications::input("project.name"), "value", |v| {
        v == "ЖК «Закрытие»"
    })
    .await;
    app.close().await;
}
