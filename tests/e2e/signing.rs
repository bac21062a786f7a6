//! «Подписать ЭЦП/QR»: NCALayer and eGov QR.

use std::time::Duration;

use homeportal_domain::signing::SigningMethod;
use homeportal_testkit::{ServerProcess, TestAccount};

use crate::app::{App, ONE_AT_A_TIME};

#[tokio::test]
async fn signs_a_document_through_ncalayer_and_by_qr() {
    use homeportal_testkit::egov_mobile::{self, Behaviour};
    use homeportal_testkit::pki::Scenario;
    use homeportal_testkit::FakeNcaLayer;

    let _turn = ONE_AT_A_TIME.lock().await;
    let fake = FakeNcaLayer::start();
    let pki_files = tempfile::tempdir().expect("tempdir");
    let bundle = pki_files.path().join("trust.pem");
    std::fs::write(&bundle, fake.trust_store().to_bundle()).expect("bundle");
    let ca = pki_files.path().join("ncalayer-ca.pem");
    let account = TestAccount::nova_city();
    let server = ServerProcess::start_configured(
        std::slice::from_ref(&account),
        &format!("trust_bundle = {:?}\n", bundle),
    );
    let api = server.signed_in(&account).await;
    let id = api.upload_document("Устав.pdf", b"%PDF-1.7 charter").await;

    let port = fake.port().to_string();
    let ca_path = ca.to_string_lossy().into_owned();
    let local = tempfile::tempdir().expect("local store");
    let app = App::launch_in(
        server.url(),
        local.path(),
        &[("HOMEPORTAL_PICK_FILE", &ca_path)],
    )
    .await;
    app.log_in(account.bin, account.password).await;

    // NCALayer's CA is imported in «Настройки»: a file without a certificate is refused in
    // words, the right one counted; the app trusts this NCALayer only through it.
    app.click("#menu-toggle").await;
    app.click("a.nav-link[href='#/settings']").await;
    let system = app
        .wait_for_text("#settings-ncalayer-ca", "системным")
        .await;
    assert!(system.contains("корневым сертификатам"), "{system}");
    std::fs::write(&ca, b"not a certificate").expect("garbage written");
    app.click("#settings-ncalayer-ca-import").await;
    app.wait_for_text("#settings-ncalayer-ca-error", "В файле нет сертификатов")
        .await;
    std::fs::write(&ca, fake.ca_pem()).expect("ca");
    app.click("#settings-ncalayer-ca-import").await;
    app.wait_for_text("#settings-ncalayer-ca", "Доверенных сертификатов: 1")
        .await;
    app.wait_gone("#settings-ncalayer-ca-error").await;
    app.screenshot("07c-settings-ncalayer-ca").await;
    // «Сбросить» returns to the system's roots; imported again, it stays.
    app.click("#settings-ncalayer-ca-forget").await;
    app.wait_for_text("#settings-ncalayer-ca", "системным")
        .await;
    app.click("#settings-ncalayer-ca-import").await;
    app.wait_for_text("#settings-ncalayer-ca", "Доверенных сертификатов: 1")
        .await;
    app.click("#menu-toggle").await;
    app.click("a.nav-link[href='#/']").await;
    app.click("#open-documents").await;
    app.wait_for_text(&format!("#signature-{id}"), "Не подписан")
        .await;

    // Through NCALayer.
    app.click(&format!("#sign-{id}")).await;
    app.find("#sign-dialog").await;
    app.screenshot("08-sign-choice").await;
    app.click("#sign-eds").await;
    // Nothing listens on 13579 here: the accountant is told NCALayer is not running…
    app.click("#sign-eds-go").await;
    let not_running = app
        .wait_for_text("#sign-error", "NCALayer не запущен")
        .await;
    assert!(
        not_running.contains("https://ncl.pki.gov.kz/"),
        "{not_running}"
    );
    // …and points the app at the port this NCALayer uses.
    app.click(".ncalayer-settings summary").await;
    let field = app.find("#ncalayer-port").await;
    field.clear().await.expect("cleared");
    field.send_keys("70000").await.expect("typed");
    app.click("#ncalayer-port-save").await;
    let refused = app
        .wait_for_text("#ncalayer-port-error", "от 1 до 65535")
        .await;
    assert!(refused.contains("от 1 до 65535"), "{refused}");
    field.clear().await.expect("cleared");
    field.send_keys(&port).await.expect("typed");
    app.click("#ncalayer-port-save").await;
    let kept = app.wait_for_text(".port-form", "Сохранено").await;
    assert!(kept.contains("Сохранено"), "{kept}");
    // WebKit's screenshot can lag a frame behind the page.
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.screenshot("09-sign-eds").await;
    app.click("#sign-eds-go").await;
    let done = app
        .wait_for_text("#sign-done", "ТЕСТОВ АЙДАР СЕРИКОВИЧ")
        .await;
    assert!(done.contains("первый руководитель"), "{done}");
    app.screenshot("10-signed-ncalayer").await;
    app.click("#sign-close").await;
    app.wait_for_text(&format!("#signature-{id}"), "ТЕСТОВ АЙДАР СЕРИКОВИЧ")
        .await;
    let sent = fake.requests();
    assert!(sent
        .iter()
        .any(|r| r["args"]["signerParams"]["bin"] == account.bin));

    // By QR, with the eGov Business app double scanning what the window shows.
    app.click(&format!("#sign-{id}")).await;
    app.click("#sign-qr").await;
    let qr_text = app
        .find("#qr-image")
        .await
        .attr("data-qr")
        .await
        .expect("attr")
        .expect("the QR text");
    let countdown = app
        .wait_for_text("#qr-countdown", "Получить новый QR-код через 09:")
        .await;
    assert!(countdown.contains("09:"), "{countdown}");
    app.screenshot("11-sign-qr").await;
    // Another signatory this time: the same certificate over the same content is kept once.
    let signatory = fake.key(Scenario::SigningRight).expect("key");
    let answer = egov_mobile::sign(&qr_text, &signatory, &Behaviour::default())
        .await
        .expect("the phone followed the protocol");
    assert_eq!(answer.status, 200, "{:?}", answer.body);
    app.wait_for_text("#sign-done", "ОМАРОВА ДАНА БОЛАТОВНА")
        .await;
    app.screenshot("12-signed-qr").await;
    app.click("#sign-close").await;
    // The table shows the latest signature: the signatory who used the phone.
    app.wait_for_text(&format!("#signature-{id}"), "ОМАРОВА ДАНА БОЛАТОВНА")
        .await;
    app.screenshot("13-documents-signed").await;

    // Both signatures are on the server, verified and kept.
    let methods: Vec<SigningMethod> = api.signatures(id).await.iter().map(|s| s.method).collect();
    assert_eq!(methods, [SigningMethod::NcaLayer, SigningMethod::EgovQr]);
    app.close().await;
}
