//! The front door as a new organisation meets it: the first run in local mode, registration
//! through the fake NCALayer with the codes read from a real SMTP server and the SMS gateway
//! fake, a confirmed change of the e-mail, logout, the four ways to log in (the QR code signed by
//! the fake eGov Business app), and «Забыли пароль?» ending the old sessions.

use homeportal_domain::api::{paths, LoginRequest, LoginResponse};
use homeportal_testkit::egov_mobile::{self, Behaviour};
use homeportal_testkit::front_door::CODE_PATIENCE;
use homeportal_testkit::pki::Scenario;
use homeportal_testkit::sms_gateway::delivery_config;
use homeportal_testkit::{ports, FakeNcaLayer, SmsGateway, SmtpSink};

use crate::app::{App, ONE_AT_A_TIME};

const BIN: &str = "940140000385";
const EMAIL: &str = "buh@novacity.kz";
const NEW_EMAIL: &str = "glavbuh@novacity.kz";
const FIRST_PHONE: &str = "+77025550011";
const PHONE: &str = "+77011234567";
const PASSWORD: &str = "Nova-City-2026";
const NEW_PASSWORD: &str = "Novyi-Parol-7";

/// A new install whose embedded server (configured by `server/server.toml` in the app's data
/// folder, as an administrator would) sends codes through the SMTP sink and the SMS gateway
/// fake, with the fake NCALayer's PKI trusted for the run.
struct Cabinet {
    fake: FakeNcaLayer,
    mail: SmtpSink,
    sms: SmsGateway,
    pki: tempfile::TempDir,
    data: tempfile::TempDir,
    url: String,
}

impl Cabinet {
    fn start() -> Cabinet {
        let fake = FakeNcaLayer::start();
        fake.select(Scenario::Head);
        let pki = tempfile::tempdir().expect("tempdir");
        std::fs::write(pki.path().join("trust.pem"), fake.trust_store().to_bundle())
            .expect("bundle");
        std::fs::write(pki.path().join("ncalayer-ca.pem"), fake.ca_pem()).expect("ca");
        let (mail, sms) = (SmtpSink::start(), SmsGateway::start());
        let data = tempfile::tempdir().expect("data folder");
        let address = format!("127.0.0.1:{}", ports::free_port());
        let config = format!(
            "listen = \"{address}\"\nrobot_bits = 12\ncode_resend_secs = 1\n{}",
            delivery_config(mail.port(), sms.url())
        );
        std::fs::create_dir_all(data.path().join("server")).expect("server folder");
        std::fs::write(data.path().join("server").join("server.toml"), config).expect("config");
        Cabinet {
            fake,
            mail,
            sms,
            pki,
            data,
            url: format!("http://{address}"),
        }
    }

    async fn app(&self) -> App {
        let folder = self.pki.path().to_string_lossy().into_owned();
        let ca = self
            .pki
            .path()
            .join("ncalayer-ca.pem")
            .to_string_lossy()
            .into_owned();
        let port = self.fake.port().to_string();
        App::launch_embedded(
            self.data.path(),
            &[
                ("HOMEPORTAL_TEST_PKI", &folder),
                ("HOMEPORTAL_NCALAYER_CA", &ca),
                ("HOMEPORTAL_NCALAYER_PORT", &port),
            ],
        )
        .await
    }

    /// A session opened by another computer, straight through the API.
    async fn session_elsewhere(&self, password: &str) -> String {
        let answer = reqwest::Client::new()
            .post(format!("{}{}", self.url, paths::LOGIN))
            .json(&LoginRequest {
                bin: BIN.into(),
                password: password.into(),
            })
            .send()
            .await
            .expect("the embedded server answers");
        assert!(answer.status().is_success(), "{}", answer.status());
        answer
            .json::<LoginResponse>()
            .await
            .expect("a session")
            .token
    }

    /// The status the server gives a profile request with `token`.
    async fn profile_status(&self, token: &str) -> reqwest::StatusCode {
        reqwest::Client::new()
            .get(format!("{}{}", self.url, paths::PROFILE))
            .bearer_auth(token)
            .send()
            .await
            .expect("the embedded server answers")
            .status()
    }
}

async fn value_of(app: &App, css: &str) -> String {
    app.wait_for_prop(css, "value", |v| !v.is_empty()).await
}

async fn logged_out(app: &App) {
    app.click("#logout").await;
    app.find("#login-email").await;
}

#[tokio::test]
async fn an_organisation_registers_logs_in_every_way_changes_its_email_and_recovers_access() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let cabinet = Cabinet::start();
    let app = cabinet.app().await;

    // First run: «Локальный режим». Codes leave by SMTP and SMS here, so no local mailbox.
    app.find("#first-run").await;
    app.choose_local_mode().await;
    app.wait_gone("#local-mailbox").await;

    // «Регистрация»: the AUTH key through NCALayer fills the form from the certificate.
    app.click("#login-register").await;
    app.find("#register-pick-key").await;
    app.screenshot("40-register-key").await;
    app.click("#register-pick-key").await;
    assert_eq!(value_of(&app, "#register-bin").await, BIN);
    assert_eq!(value_of(&app, "#register-iin").await, "830717350867");
    assert_eq!(value_of(&app, "#register-last-name").await, "ТЕСТОВ");
    let readonly = app
        .find("#register-bin")
        .await
        .attr("readonly")
        .await
        .expect("attr");
    assert!(readonly.is_some(), "БИН comes from the certificate only");
    // A bad e-mail is named as typed; «Я не робот» must be ticked.
    app.type_into("#register-email", "buh@").await;
    app.type_into("#register-phone", "8 702 555 00 11").await;
    app.click("#register-sign").await;
    app.wait_for_text("#register-email-error", "адрес").await;
    app.find("#register-robot-error").await;
    app.screenshot("41-register-form-errors").await;
    app.type_into("#register-email", "novacity.kz").await;
    app.click("#register-robot").await;
    app.screenshot("42-register-form").await;
    let (mail_seen, sms_seen) = (cabinet.mail.received().len(), cabinet.sms.sent().len());
    app.click("#register-sign").await;

    // «ПОДТВЕРЖДЕНИЕ»: the e-mail code over SMTP, the SMS code from the gateway.
    app.find("#code-email").await;
    app.wait_for_text("#codes-email-target", EMAIL).await;
    app.screenshot("43-register-codes").await;
    let email_code = cabinet.mail.wait_for_code(EMAIL, mail_seen, CODE_PATIENCE);
    cabinet
        .sms
        .wait_for_code(FIRST_PHONE, sms_seen, CODE_PATIENCE);
    // «Изменить номер телефона»: the code goes to the new number, which the window now names.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    app.click("#change-phone").await;
    app.type_into("#change-contact-value", "8 (701) 123-45-67")
        .await;
    app.screenshot("43b-register-change-phone").await;
    let sms_seen = cabinet.sms.sent().len();
    app.click("#change-contact-send").await;
    app.wait_for_text("#codes-phone-target", "+7 701 123 45 67")
        .await;
    let sms_code = cabinet.sms.wait_for_code(PHONE, sms_seen, CODE_PATIENCE);
    app.type_into("#code-email", &email_code).await;
    app.type_into("#code-sms", &sms_code).await;
    app.click("#codes-next").await;

    // The password with the policy as a live checklist.
    app.type_into("#password-new", "nova").await;
    let rules = app.text("#password-rules").await;
    assert!(rules.contains("Минимум 8 значений"), "{rules}");
    let unmet = app
        .client
        .find_all(fantoccini::Locator::Css("#password-rules li.todo"))
        .await
        .expect("rules");
    assert_eq!(unmet.len(), 5, "only the lower-case rule holds");
    // WebKit's screenshot can lag a frame behind the page.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    app.screenshot("44-register-password").await;
    app.find("#password-new")
        .await
        .clear()
        .await
        .expect("cleared");
    app.type_into("#password-new", PASSWORD).await;
    app.type_into("#password-repeat", PASSWORD).await;
    app.wait_gone("#password-rules li.todo").await;
    app.click("#password-submit").await;

    // Signed in: the profile with both contacts verified.
    app.wait_for_text("#profile-bin", BIN).await;
    app.wait_for_text("#profile-email", EMAIL).await;
    app.find("#profile-email .badge.ok").await;
    app.find("#profile-phone .badge.ok").await;
    app.screenshot("45-registered-profile").await;

    // A new e-mail takes effect only with the code sent to it.
    app.click("#profile-email-change").await;
    app.type_into("#profile-email-new", NEW_EMAIL).await;
    let seen = cabinet.mail.received().len();
    app.click("#profile-email-send").await;
    let code = cabinet.mail.wait_for_code(NEW_EMAIL, seen, CODE_PATIENCE);
    let before = app.text("#profile-email").await;
    assert!(
        !before.contains(NEW_EMAIL),
        "changed before its code: {before}"
    );
    app.type_into("#profile-email-code", &code).await;
    app.click("#profile-email-confirm").await;
    app.wait_for_text("#profile-email", NEW_EMAIL).await;
    app.find("#profile-email .badge.ok").await;
    let history = app.wait_for_text("#profile-history", NEW_EMAIL).await;
    assert!(history.contains(EMAIL), "{history}");
    app.screenshot("46-profile-email-changed").await;
    logged_out(&app).await;

    // 1. Электронная почта and a one-time code.
    app.type_into("#login-email", NEW_EMAIL).await;
    let seen = cabinet.mail.received().len();
    app.click("#login-get-code").await;
    app.find("#login-code-sent").await;
    let code = cabinet.mail.wait_for_code(NEW_EMAIL, seen, CODE_PATIENCE);
    app.type_into("#login-code", &code).await;
    app.screenshot("47-login-email-code").await;
    app.click("#login-submit-email").await;
    app.wait_for_text("#profile-bin", BIN).await;
    logged_out(&app).await;

    // 2. БИН/Пароль.
    app.log_in(BIN, PASSWORD).await;
    app.wait_for_text("#profile-bin", BIN).await;
    logged_out(&app).await;

    // 3. ЭЦП: the AUTH key through NCALayer.
    app.click("#tab-eds").await;
    app.screenshot("48-login-eds").await;
    app.click("#login-eds").await;
    app.wait_for_text("#profile-bin", BIN).await;
    logged_out(&app).await;

    // 4. QR: eGov Business scans the code and signs; the cabinet opens by itself.
    app.click("#tab-eds").await;
    app.click("#login-qr").await;
    let qr_text = app
        .find("#login-qr-image")
        .await
        .attr("data-qr")
        .await
        .expect("attr")
        .expect("the QR text");
    app.find("#login-qr-countdown").await;
    // The embedded server listens on 127.0.0.1, so the window warns that a phone cannot reach
    // it (the fake phone runs on this computer).
    app.find("#qr-loopback").await;
    app.screenshot("48b-login-qr").await;
    let key = cabinet.fake.key(Scenario::Head).expect("the head's key");
    let phone = egov_mobile::sign(&qr_text, &key, &Behaviour::default())
        .await
        .expect("the phone signed");
    assert_eq!(phone.status, 200, "{:?}", phone.body);
    app.wait_for_text("#profile-bin", BIN).await;
    logged_out(&app).await;

    // «Забыли пароль?»: codes to the registered contacts, a new password; old sessions end.
    let elsewhere = cabinet.session_elsewhere(PASSWORD).await;
    app.click("#login-forgot").await;
    app.type_into("#recovery-bin", BIN).await;
    app.type_into("#recovery-email", NEW_EMAIL).await;
    app.type_into("#recovery-phone", PHONE).await;
    app.screenshot("49-recovery").await;
    let (mail_seen, sms_seen) = (cabinet.mail.received().len(), cabinet.sms.sent().len());
    app.click("#recovery-send-codes").await;
    app.find("#code-email").await;
    let email_code = cabinet
        .mail
        .wait_for_code(NEW_EMAIL, mail_seen, CODE_PATIENCE);
    let sms_code = cabinet.sms.wait_for_code(PHONE, sms_seen, CODE_PATIENCE);
    app.type_into("#code-email", &email_code).await;
    app.type_into("#code-sms", &sms_code).await;
    app.click("#codes-next").await;
    app.type_into("#password-new", NEW_PASSWORD).await;
    app.type_into("#password-repeat", NEW_PASSWORD).await;
    app.click("#password-submit").await;
    app.find("#recovery-done").await;
    app.screenshot("50-recovery-done").await;
    assert_eq!(
        cabinet.profile_status(&elsewhere).await,
        reqwest::StatusCode::UNAUTHORIZED,
        "the old session is refused"
    );
    app.click("#recovery-to-login").await;
    app.log_in(BIN, NEW_PASSWORD).await;
    app.wait_for_text("#profile-bin", BIN).await;
    app.close().await;
}
