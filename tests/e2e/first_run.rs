//! A new install as a user gets it: the first run's question, «Локальный режим» with the
//! embedded server, registration through the fake NCALayer with the codes read from the
//! «Локальный режим: письма и SMS» panel, and the settings page.

use homeportal_testkit::codes::six_digits;
use homeportal_testkit::pki::Scenario;
use homeportal_testkit::{ports, FakeNcaLayer};

use crate::app::{App, ONE_AT_A_TIME};

/// The code in the newest message of `channel` in the local mailbox panel.
async fn code_from_mailbox(app: &App, channel: &str) -> String {
    let css = format!("#local-mailbox .message[data-channel='{channel}'] .message-text");
    let text = app.wait_for_text(&css, "").await;
    six_digits(&text).unwrap_or_else(|| panic!("no code in the {channel} message: {text}"))
}

#[tokio::test]
async fn a_new_install_chooses_local_mode_registers_alone_and_shows_its_settings() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let fake = FakeNcaLayer::start();
    fake.select(Scenario::Head);
    let pki = tempfile::tempdir().expect("test PKI folder");
    std::fs::write(pki.path().join("trust.pem"), fake.trust_store().to_bundle()).expect("trust");
    let ca = pki.path().join("ncalayer-ca.pem");
    std::fs::write(&ca, fake.ca_pem()).expect("ca");
    let (folder, ca, port) = (
        pki.path().to_string_lossy().into_owned(),
        ca.to_string_lossy().into_owned(),
        fake.port().to_string(),
    );
    let data = tempfile::tempdir().expect("data folder");
    let app = App::launch_embedded(
        data.path(),
        &[
            ("HOMEPORTAL_TEST_PKI", &folder),
            ("HOMEPORTAL_NCALAYER_CA", &ca),
            ("HOMEPORTAL_NCALAYER_PORT", &port),
        ],
    )
    .await;

    // The first run asks; the banner says the test keys are trusted in this run.
    app.find("#first-run").await;
    app.wait_for_text("#test-banner", "Тестовый режим: тестовые ключи НУЦ")
        .await;
    app.screenshot("51-first-run").await;
    // КЖК's server: a malformed address, then one where nothing answers.
    app.click("#first-run-remote").await;
    app.type_into("#first-run-url", "ftp://cabinet").await;
    app.click("#first-run-continue").await;
    app.wait_for_text("#first-run-url-error", "https://").await;
    let field = app.find("#first-run-url").await;
    field.clear().await.expect("cleared");
    field.send_keys(&ports::closed_url()).await.expect("typed");
    app.click("#first-run-continue").await;
    app.wait_for_text("#first-run-error", "Сервер недоступен")
        .await;
    app.screenshot("52-first-run-unreachable").await;

    // «Локальный режим»: the login page, with the local mailbox beside it.
    app.choose_local_mode().await;
    app.find("#local-mailbox #mailbox-empty").await;
    app.screenshot("53-local-login").await;

    app.click("#login-register").await;
    app.click("#register-pick-key").await;
    app.wait_for_prop("#register-bin", "value", |v| v == "940140000385")
        .await;
    app.type_into("#register-email", "buh@novacity.kz").await;
    app.type_into("#register-phone", "+7 701 765 43 21").await;
    app.click("#register-robot").await;
    app.click("#register-sign").await;
    app.find("#code-email").await;
    let email_code = code_from_mailbox(&app, "email").await;
    let sms_code = code_from_mailbox(&app, "sms").await;
    app.screenshot("54-local-mailbox-codes").await;
    app.type_into("#code-email", &email_code).await;
    app.type_into("#code-sms", &sms_code).await;
    app.click("#codes-next").await;
    app.type_into("#password-new", "Nova-City-2026").await;
    app.type_into("#password-repeat", "Nova-City-2026").await;
    app.click("#password-submit").await;
    app.wait_for_text("#profile-bin", "940140000385").await;
    app.find("#test-banner").await;

    // «Настройки»: local mode, the test PKI for this run, where the session is kept.
    app.click("#menu-toggle").await;
    app.click("a.nav-link[href='#/settings']").await;
    app.wait_for_text("#settings-server-now", "Локальный режим")
        .await;
    app.find("#settings-trust-test").await;
    let count = app.text("#settings-trust-count").await;
    assert!(count.ends_with(" 2"), "the test root and its CA: {count}");
    let place = app.text("#settings-token-place").await;
    assert!(
        place.contains("операционной системы") || place.contains("базе приложения"),
        "{place}"
    );
    app.screenshot("55-settings").await;
    app.close().await;
}
