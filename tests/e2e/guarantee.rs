//! A guarantee application between the УК and its developer, each in its own app against КЖК's
//! server: the УК fills «Информация об УК» with a ФЛК error shown and corrected, finds the
//! developer by БИН in the registry and invites it; the developer registers with its own keys,
//! confirms the invitation with its EDS in «Приглашения», sees the shared application with the
//! УК's fields read-only, fills its own and uploads its document; the УК attaches a library
//! document and uploads another, forms and signs a consent, sends the application to moderation,
//! gets КЖК's remarks in «История заявки», makes a new version, signs the application by eGov QR
//! (the phone fake), and its list shows the registration «№1 от …» with the deadline.

use std::process::{Command, Stdio};
use std::time::Duration;

use homeportal_domain::forms::merge::Unit;
use homeportal_domain::forms::{FormData, Party};
use homeportal_domain::guarantee::staff::{paths as staff_paths, PostRemarks};
use homeportal_domain::sync::UpdateApplication;
use homeportal_testkit::egov_mobile::{self, Behaviour};
use homeportal_testkit::front_door::CODE_PATIENCE;
use homeportal_testkit::guarantee::{complete_guarantee, part_of};
use homeportal_testkit::pki::Scenario;
use homeportal_testkit::registry::RegistryFake;
use homeportal_testkit::server::server_binary;
use homeportal_testkit::sms_gateway::delivery_config;
use homeportal_testkit::{FakeNcaLayer, ServerProcess, SmsGateway, SmtpSink, TestAccount, TestApp};

use crate::app::{App, ONE_AT_A_TIME};
use crate::applications::input;

const DEVELOPER_BIN: &str = "950341000052";
const DEVELOPER_NAME: &str = "ТОО «СтройИнвест»";

/// КЖК's server trusting the fake NCALayer's PKI, mailing through the SMTP sink and asking the
/// registry fake, with the УК's account.
struct Route {
    fake: FakeNcaLayer,
    mail: SmtpSink,
    sms: SmsGateway,
    _registry: RegistryFake,
    server: ServerProcess,
    files: tempfile::TempDir,
}

impl Route {
    fn start() -> Route {
        let fake = FakeNcaLayer::start();
        fake.select(Scenario::Head);
        let files = tempfile::tempdir().expect("tempdir");
        let trust = files.path().join("trust.pem");
        std::fs::write(&trust, fake.trust_store().to_bundle()).expect("bundle");
        std::fs::write(files.path().join("ncalayer-ca.pem"), fake.ca_pem()).expect("ca");
        std::fs::write(files.path().join("scan.pdf"), b"%PDF-1.7 scan").expect("file");
        let (mail, sms) = (SmtpSink::start(), SmsGateway::start());
        let registry = RegistryFake::start(&[(DEVELOPER_BIN, DEVELOPER_NAME)]);
        let config = format!(
            "trust_bundle = {trust:?}\nrefusal_hold_ms = 0\nrobot_bits = 12\ncode_resend_secs = 1\n{}\n{}",
            delivery_config(mail.port(), sms.url()),
            registry.config()
        );
        // The developer has no cabinet yet: it registers when invited.
        let accounts = [TestAccount::nova_city()];
        Route {
            server: ServerProcess::start_configured(&accounts, &config),
            fake,
            mail,
            sms,
            _registry: registry,
            files,
        }
    }

    async fn app(&self, data: &std::path::Path) -> App {
        let path = |name: &str| self.files.path().join(name).to_string_lossy().into_owned();
        let (ca, file, port) = (
            path("ncalayer-ca.pem"),
            path("scan.pdf"),
            self.fake.port().to_string(),
        );
        App::launch_in(
            self.server.url(),
            data,
            &[
                ("HOMEPORTAL_NCALAYER_CA", &ca),
                ("HOMEPORTAL_NCALAYER_PORT", &port),
                ("HOMEPORTAL_PICK_FILE", &file),
            ],
        )
        .await
    }

    /// A member of КЖК staff with `role`; their key.
    fn staff(&self, role: &str) -> String {
        let out = Command::new(server_binary())
            .arg("--data-dir")
            .arg(self.server.data_dir())
            .args(["staff", "add", "--name", "Сотрудник КЖК", "--role", role])
            .stdin(Stdio::null())
            .output()
            .expect("the subcommand runs");
        assert!(out.status.success(), "{out:?}");
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    /// `POST` a staff step on application `id`.
    async fn staff_step(&self, key: &str, path: &str, id: i64, body: Option<&PostRemarks>) {
        let app: TestApp<'_> = self.server.app();
        let answer = app
            .staff_step(key, path, id, body)
            .await
            .unwrap_or_else(|r| panic!("{path}: {r:?}"));
        assert_eq!(answer.id, id);
    }
}

/// Brings what `party` fills of a complete application in from that party's other computer,
/// leaving alone what was typed in the app (`typed`).
async fn fill_elsewhere(api: &TestApp<'_>, id: i64, party: Party, typed: &[Unit]) {
    let mut part = part_of(&complete_guarantee(), party);
    for unit in typed {
        part.set_unit(unit, None);
    }
    let current = api.application(id).await.expect("the application");
    let update = UpdateApplication {
        changes: FormData::default().diff(&part),
        resolutions: Vec::new(),
    };
    api.update_application(id, Some(current.version), None, &update)
        .await
        .applied();
}

/// The developer registers its cabinet with its own keys in NCALayer (AUTH to prove who it is,
/// SIGN for the licence), codes from the SMTP sink and the SMS gateway fake.
async fn register(route: &Route, app: &App, account: &TestAccount) {
    app.click("#login-register").await;
    app.click("#register-pick-key").await;
    app.wait_for_prop("#register-bin", "value", |v| v == account.bin)
        .await;
    app.type_into("#register-email", account.email).await;
    app.type_into("#register-phone", account.phone).await;
    app.click("#register-robot").await;
    let (mail_seen, sms_seen) = (route.mail.received().len(), route.sms.sent().len());
    app.click("#register-sign").await;
    app.find("#code-email").await;
    let email_code = route
        .mail
        .wait_for_code(account.email, mail_seen, CODE_PATIENCE);
    let sms_code = route
        .sms
        .wait_for_code(account.phone, sms_seen, CODE_PATIENCE);
    app.type_into("#code-email", &email_code).await;
    app.type_into("#code-sms", &sms_code).await;
    app.click("#codes-next").await;
    app.type_into("#password-new", account.password).await;
    app.type_into("#password-repeat", account.password).await;
    app.wait_gone("#password-rules li.todo").await;
    app.click("#password-submit").await;
    app.wait_for_text("#profile-bin", account.bin).await;
}

/// Uploads the picked file into the application's field `slot` and waits for it to be there.
async fn upload_into(app: &App, slot: &str) {
    app.click(&format!("[id^='upload-app'][id$='-{slot}']"))
        .await;
    app.wait_for_text(&format!("[id^='slot-app'][id$='-{slot}']"), "scan.pdf")
        .await;
}

async fn open_guarantee_list(app: &App) {
    app.click("#menu-toggle").await;
    app.click("a.nav-link[href='#/applications/guarantee']")
        .await;
}

/// Whether the control `css` cannot be used (itself, or a disabled fieldset around it).
async fn is_disabled(app: &App, css: &str) -> bool {
    let element = app.find(css).await;
    let reference = serde_json::to_value(&element).expect("element reference");
    app.client
        .execute("return arguments[0].matches(':disabled')", vec![reference])
        .await
        .expect("script")
        .as_bool()
        .expect("a boolean")
}

#[tokio::test]
async fn the_uk_and_its_developer_fill_send_and_sign_and_kzhk_registers() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let route = Route::start();
    let (nova, stroy) = (TestAccount::nova_city(), TestAccount::stroy());
    let (uk_data, developer_data) = (
        tempfile::tempdir().expect("data"),
        tempfile::tempdir().expect("data"),
    );

    // 1. The УК: «Информация об УК» with a ФЛК error corrected; «Поиск» and the invitation.
    let uk = route.app(uk_data.path()).await;
    uk.log_in(nova.bin, nova.password).await;
    uk.find("#profile-bin").await;
    open_guarantee_list(&uk).await;
    uk.click("#create-application").await;
    uk.find("#panel-uk").await;
    uk.fill("uk.bin", "940140000386").await;
    uk.wait_for_text("#field-uk-bin-error", "контрольная цифра")
        .await;
    uk.fill("uk.bin", nova.bin).await;
    uk.wait_gone("#field-uk-bin-error").await;
    // The whole of «Информация об УК», as an accountant types it.
    let complete = complete_guarantee();
    for (path, value) in &complete.values {
        let in_tab = ["uk.", "uk_address.", "uk_contacts.", "uk_bank."]
            .iter()
            .any(|g| path.starts_with(g));
        let skipped = [
            "uk.bin",
            "uk.same_as_legal",
            "uk_address.region",
            "uk_bank.bank_name",
        ];
        if in_tab && !skipped.contains(&path.as_str()) {
            uk.fill(path, value).await;
        }
    }
    uk.click(&input("uk.same_as_legal")).await;
    uk.click(&format!(
        "{} option[value='71']",
        input("uk_address.region")
    ))
    .await;
    let bank = uk
        .wait_for_prop(&input("uk_bank.bank_name"), "value", |v| !v.is_empty())
        .await;
    assert!(bank.contains("Kaspi"), "{bank}");
    uk.find("#tab-uk .complete-mark").await;
    uk.open_tab("developer").await;
    uk.fill("developer.bin", DEVELOPER_BIN).await;
    uk.click("#developer-search").await;

    uk.wait_for_text("#developer-found", DEVELOPER_NAME).await;
    let found = uk
        .wait_for_prop(&input("developer.org_name"), "value", |v| !v.is_empty())
        .await;
    assert_eq!(found, DEVELOPER_NAME);
    uk.fill("developer.phone", "+7 777 123 45 67").await;
    uk.fill("developer.email", "info@stroy.kz").await;
    uk.wait_for_text("#draft-status", "Синхронизировано").await;
    uk.click("#developer-invite").await;
    uk.wait_for_text("#developer-invited", "info@stroy.kz")
        .await;
    uk.screenshot("60-guarantee-developer-invited").await;
    // Sending waits for both parties; «Проверить заявку» names what is missing.
    assert!(is_disabled(&uk, "#send-to-moderation").await);
    assert!(is_disabled(&uk, "#sign-application").await);
    uk.click("#check-application").await;
    let problems = uk.text("#problem-list").await;
    assert!(problems.contains("developer.head_iin"), "{problems}");
    uk.screenshot("61-guarantee-check").await;
    uk.close().await;
    let code = route
        .mail
        .wait_for_invitation("info@stroy.kz", Duration::from_secs(30));

    // 2. The developer confirms with its EDS and fills its own part; the УК's is read-only.
    route.fake.select(Scenario::OtherBin);
    let developer = route.app(developer_data.path()).await;
    register(&route, &developer, &stroy).await;
    developer.click("#menu-toggle").await;
    developer.click("a.nav-link[href='#/invitations']").await;
    developer.type_into("#invitation-code", &code).await;
    developer.click("#open-invitation").await;
    developer
        .wait_for_text("#invitation-uk", "БИН 940140000385")
        .await;
    developer.screenshot("62-invitation").await;
    developer.click("#confirm-invitation").await;
    developer
        .wait_for_text("#invitation-accepted", "Nova City")
        .await;
    developer.click("#invitation-accepted a").await;
    developer
        .wait_for_text("#applications tbody tr", "Черновик")
        .await;
    assert!(
        !developer
            .is_there("#applications tbody tr button[id^='delete-']")
            .await,
        "only the УК deletes its application"
    );
    assert!(
        !developer
            .is_there("#applications tbody tr button[id^='based-on-']")
            .await
    );
    developer
        .click("#applications tbody tr button[id^='edit-']")
        .await;
    developer.find("#panel-uk").await;
    assert!(
        is_disabled(&developer, &input("uk.bin")).await,
        "the УК's field"
    );
    developer.open_tab("developer").await;
    assert!(is_disabled(&developer, &input("developer.bin")).await);
    assert!(!is_disabled(&developer, &input("developer.legal_address")).await);
    developer
        .fill("developer.legal_address", "Алматы, проспект Абая, 1")
        .await;
    developer.find("#developer-part-hint").await;
    developer.click("#stage-1").await;
    developer.open_tab("developer_documents").await;
    assert!(
        !developer
            .is_there("[id^='upload-app'][id$='-uk_charter']")
            .await,
        "the УК's documents cannot be uploaded here"
    );
    upload_into(&developer, "dev_charter").await;
    developer.click("#stage-0").await;
    developer.open_tab("developer").await;
    developer
        .wait_for_text("#draft-status", "Синхронизировано")
        .await;
    developer.screenshot("63-developer-tab").await;
    developer.close().await;

    // Both parties' other accountants bring the rest in from their own computers.
    let uk_api = route.server.signed_in(&nova).await;
    let developer_api = route.server.signed_in(&stroy).await;
    let id = uk_api.applications().await.expect("list")[0].id;
    let typed = |paths: &[&str]| -> Vec<Unit> {
        paths.iter().map(|p| Unit::Value((*p).to_owned())).collect()
    };
    let mut developer_typed = typed(&["developer.legal_address"]);
    developer_typed.push(Unit::Documents("dev_charter".into()));
    fill_elsewhere(&developer_api, id, Party::Developer, &developer_typed).await;
    let mut uk_typed = typed(&[
        "developer.bin",
        "developer.org_name",
        "developer.phone",
        "developer.email",
    ]);
    uk_typed.extend(
        complete_guarantee()
            .values
            .keys()
            .filter(|p| {
                ["uk.", "uk_address.", "uk_contacts.", "uk_bank."]
                    .iter()
                    .any(|g| p.starts_with(g))
            })
            .map(|p| Unit::Value(p.clone())),
    );
    for slot in [
        "consent_data_processing",
        "uk_charter",
        "uk_founders_decision",
    ] {
        uk_typed.push(Unit::Documents(slot.into()));
    }
    fill_elsewhere(&uk_api, id, Party::Uk, &uk_typed).await;

    // 3. The УК forms and signs a consent and sends the application to moderation.
    route.fake.select(Scenario::Head);
    let uk = route.app(uk_data.path()).await;
    uk.find("#profile-bin").await;
    // «Документы организации» once; then «Взять из документов организации» in the application.
    uk.click("#open-documents").await;
    uk.click("#upload-charter").await;
    uk.wait_for_text("#slot-charter", "scan.pdf").await;
    open_guarantee_list(&uk).await;
    uk.click("#applications tbody tr button[id^='edit-']").await;
    uk.click("#stage-1").await;
    uk.click("[id^='library-app'][id$='-uk_charter']").await;
    uk.click("#library-dialog [id^='library-pick-']").await;
    uk.wait_gone("#library-dialog").await;
    uk.wait_for_text("[id^='slot-app'][id$='-uk_charter']", "scan.pdf")
        .await;
    upload_into(&uk, "uk_founders_decision").await;
    uk.screenshot("63b-uk-documents").await;
    uk.click("#stage-3").await;
    uk.find("#consents-panel").await;
    uk.click("#form-consent-data_processing").await;
    uk.find("#consent-formed").await;
    uk.click("[id$='-consent_data_processing'] button.sign")
        .await;
    uk.click("#sign-eds").await;
    uk.click("#sign-eds-go").await;
    uk.find("#sign-done").await;
    uk.click("#sign-close").await;
    uk.wait_for_text("#consent-data_processing", "Подписан")
        .await;
    uk.screenshot("64-consent-signed").await;
    uk.wait_for_text("#draft-status", "Синхронизировано").await;
    uk.click("#check-application").await;
    uk.find("#check-ok").await;
    uk.click("#send-to-moderation").await;
    uk.wait_for_text("#send-done", "модерацию").await;

    // 4. КЖК's remarks arrive in «История заявки»; a new version, signed and sent.
    let moderator = route.staff("moderator");
    let remarks = PostRemarks {
        text: "Приложите устав в последней редакции".into(),
    };
    route
        .staff_step(&moderator, staff_paths::REMARKS, id, Some(&remarks))
        .await;
    uk.wait_for_text("#history", "Приложите устав").await;
    uk.click("#new-version").await;
    uk.wait_for_text("#send-done", "новая версия").await;
    // «Подписать заявку» by eGov QR: the phone signs; the dialog notices by itself.
    uk.click("#sign-application").await;
    uk.click("#sign-application-qr").await;
    let qr_text = uk
        .find("#application-qr-image")
        .await
        .attr("data-qr")
        .await
        .expect("attr")
        .expect("the code's text");
    uk.find("#qr-countdown").await;
    uk.screenshot("64b-sign-application-qr").await;
    let head = route.fake.key(Scenario::Head).expect("the head's key");
    let phone = egov_mobile::sign(&qr_text, &head, &Behaviour::default())
        .await
        .expect("the phone got an answer");
    assert_eq!(phone.status, 200, "{:?}", phone.body);
    uk.wait_gone("#sign-application-dialog").await;
    uk.wait_for_text("#send-done", "подписана").await;
    uk.find("#sent-hint").await;
    uk.screenshot("65-signed-and-sent").await;

    // 5. КЖК registers it; the list shows «№1 от …» and «Срок исполнения».
    let registrar = route.staff("registrar");
    route
        .staff_step(&registrar, staff_paths::REGISTRATION, id, None)
        .await;
    uk.click("#back-to-list").await;
    let registration = uk
        .wait_for_text("#applications tbody tr .registration", "№1")
        .await;
    assert!(registration.contains(" от "), "{registration}");
    let deadline = uk.text("#applications tbody tr .deadline").await;
    assert!(
        deadline.chars().filter(|c| *c == '.').count() == 2,
        "{deadline}"
    );
    uk.wait_for_text("#applications tbody tr", "Заявка зарегистрирована")
        .await;
    uk.screenshot("66-registered").await;
    uk.close().await;
}
