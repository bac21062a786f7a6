//! End-to-end: the real desktop app, in a real window under Xvfb, driven through tauri-driver
//! (WebKitWebDriver), against a real `homeportal-server` process. Every run leaves screenshots
//! in `target/e2e-screenshots/`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use homeportal_testkit::{ports, BrokenServer, ServerProcess, TauriDriver, TestAccount};
use serde_json::json;

/// One app window at a time: the tests share the display.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

const PATIENCE: Duration = Duration::from_secs(30);

struct App {
    client: Client,
    // Dropped after the client: stops tauri-driver, WebKitWebDriver and the app.
    _driver: TauriDriver,
    _data_dir: Option<tempfile::TempDir>,
}

impl App {
    /// Starts the desktop app pointed at `server_url`, with a fresh local store.
    async fn launch(server_url: &str) -> App {
        let data_dir = tempfile::tempdir().expect("temp data dir");
        let mut app = App::launch_in(server_url, data_dir.path(), &[]).await;
        app._data_dir = Some(data_dir);
        app
    }

    /// Starts the desktop app with its local store in `data_dir` and extra environment.
    async fn launch_in(server_url: &str, data_dir: &std::path::Path, env: &[(&str, &str)]) -> App {
        let data_path = data_dir.to_string_lossy().into_owned();
        let mut vars = vec![
            ("HOMEPORTAL_SERVER_URL", server_url),
            ("HOMEPORTAL_DATA_DIR", data_path.as_str()),
        ];
        vars.extend_from_slice(env);
        let driver = TauriDriver::start(&vars);
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), json!("wry"));
        capabilities.insert(
            "tauri:options".into(),
            json!({ "application": env!("CARGO_BIN_EXE_homeportal") }),
        );
        // tauri-driver speaks plain HTTP on loopback. On a loaded machine the first attempt can
        // be cut off while the app starts; a second one gets through.
        let mut attempts = 0;
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(capabilities.clone())
                .connect(&driver.url())
                .await
            {
                Ok(client) => break client,
                Err(e) if attempts < 2 => {
                    attempts += 1;
                    eprintln!("WebDriver session attempt {attempts} failed: {e}; retrying");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
                Err(e) => panic!("no WebDriver session with the app: {e}"),
            }
        };
        App {
            client,
            _driver: driver,
            _data_dir: None,
        }
    }

    async fn find(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} did not appear: {e}"))
    }

    async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.expect("element text")
    }

    /// Waits until the text of `css` contains `expected`.
    async fn wait_for_text(&self, css: &str, expected: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let text = self.text(css).await;
            if text.contains(expected) || Instant::now() > deadline {
                return text;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    async fn type_into(&self, css: &str, text: &str) {
        self.find(css)
            .await
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("cannot type into {css}: {e}"));
    }

    async fn click(&self, css: &str) {
        self.find(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot click {css}: {e}"));
    }

    async fn log_in(&self, bin: &str, password: &str) {
        self.type_into("#login-bin", bin).await;
        self.type_into("#login-password", password).await;
        self.click("#login-submit").await;
    }

    async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.expect("screenshot");
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).expect("screenshot dir");
        std::fs::write(dir.join(format!("{name}.png")), png).expect("screenshot written");
    }

    async fn close(self) {
        let _ = self.client.close().await;
    }
}

fn screenshot_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"))
        .join("e2e-screenshots")
}

#[tokio::test]
async fn logs_in_shows_the_profile_and_logs_out() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let account = TestAccount::nova_city();
    let server = ServerProcess::start_with(&account);
    let app = App::launch(server.url()).await;

    app.find("#login-bin").await;
    app.screenshot("01-login").await;
    app.log_in(account.bin, account.password).await;

    assert_eq!(app.text("#profile-bin").await, account.bin);
    assert_eq!(app.text("#profile-org-name").await, account.org_name);
    assert_eq!(app.text("#profile-iin").await, account.iin);
    app.screenshot("02-profile").await;

    // R4: the menu is hidden until its icon is pressed, and holds every item.
    let hidden = app
        .find("#side-menu")
        .await
        .attr("aria-hidden")
        .await
        .expect("attr");
    assert_eq!(hidden.as_deref(), Some("true"));
    app.click("#menu-toggle").await;
    // Compared case-insensitively: the group title is upper-cased by the stylesheet.
    let menu = app.wait_for_text("#side-menu", "FAQ").await.to_lowercase();
    for item in [
        "Профиль",
        "Заявки",
        "Гарантирование",
        "Субсидирование",
        "Корректировка",
        "Сообщения",
        "Опросы",
        "Часто задаваемые вопросы (FAQ)",
    ] {
        assert!(
            menu.contains(&item.to_lowercase()),
            "menu lacks {item}: {menu}"
        );
    }
    // Let the drawer finish sliding in before the picture.
    tokio::time::sleep(Duration::from_millis(500)).await;
    app.screenshot("03-menu").await;
    app.click("#menu-toggle").await;

    app.click("#logout").await;
    app.find("#login-bin").await;
    app.close().await;
}

#[tokio::test]
async fn a_wrong_password_is_reported_in_russian() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let account = TestAccount::nova_city();
    let server = ServerProcess::start_with(&account);
    let app = App::launch(server.url()).await;

    app.log_in(account.bin, "not-the-password").await;
    let message = app.wait_for_text("#login-error", "Неверный").await;
    assert_eq!(message, "Неверный БИН или пароль");
    app.screenshot("04-wrong-password").await;
    app.close().await;
}

#[tokio::test]
async fn an_unreachable_server_is_reported_in_russian() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let account = TestAccount::nova_city();
    let app = App::launch(&ports::closed_url()).await;

    app.log_in(account.bin, account.password).await;
    let message = app.wait_for_text("#login-error", "Сервер").await;
    assert!(message.starts_with("Сервер недоступен"), "{message}");
    app.screenshot("05-server-unreachable").await;
    app.close().await;
}

#[tokio::test]
async fn a_malformed_server_answer_is_reported_in_russian() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let account = TestAccount::nova_city();
    let broken = BrokenServer::start();
    let app = App::launch(broken.url()).await;

    app.log_in(account.bin, account.password).await;
    let message = app.wait_for_text("#login-error", "Сервер").await;
    assert!(
        message.starts_with("Сервер вернул некорректный ответ"),
        "{message}"
    );
    app.close().await;
}

/// The percentage the first upload row shows, once it shows one.
async fn upload_percent(app: &App) -> Option<u64> {
    let text = app
        .client
        .find(Locator::Css(".upload-percent"))
        .await
        .ok()?
        .text()
        .await
        .ok()?;
    text.split('%').next()?.trim().parse().ok()
}

#[tokio::test]
async fn uploads_a_document_and_resumes_by_itself_after_a_crash() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let account = TestAccount::nova_city();
    let server = ServerProcess::start_with(&account);
    let files = tempfile::tempdir().expect("tempdir");
    let file = files.path().join("Устав ТОО.pdf");
    let mut data = b"%PDF-1.7\n".to_vec();
    data.extend((0..300u32 * 1024 * 1024).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    std::fs::write(&file, &data).expect("file written");
    let expected = {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(&data))
    };
    drop(data);
    let file_path = file.to_string_lossy().into_owned();
    let local = tempfile::tempdir().expect("local store");

    let app = App::launch_in(
        server.url(),
        local.path(),
        &[("HOMEPORTAL_PICK_FILE", &file_path)],
    )
    .await;
    app.log_in(account.bin, account.password).await;
    app.click("#open-documents").await;
    app.find("#slot-charter .files-empty").await;
    app.click("#upload-charter").await;
    // Wait until bytes flow, then look, then crash the app mid-upload.
    let deadline = Instant::now() + PATIENCE;
    let mut seen = None;
    while Instant::now() < deadline {
        if let Some(percent) = upload_percent(&app).await.filter(|p| (1..90).contains(p)) {
            seen = Some(percent);
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let seen = seen.expect("the progress bar showed a partial upload");
    app.screenshot("06-upload-progress").await;
    drop(app); // SIGKILL: the app gets no chance to tidy up

    // Restarted, the app picks the upload up by itself: no click needed.
    let saved = tempfile::tempdir().expect("save dir");
    let save_dir = saved.path().to_string_lossy().into_owned();
    let app = App::launch_in(
        server.url(),
        local.path(),
        &[("HOMEPORTAL_SAVE_DIR", &save_dir)],
    )
    .await;
    app.click("#open-documents").await;
    let table = app.wait_for_text("#slot-charter", "Устав ТОО.pdf").await;
    assert!(
        table.contains("Устав ТОО.pdf"),
        "not uploaded after the restart: {table}"
    );
    let sha = app
        .find("#slot-charter .files .sha")
        .await
        .attr("title")
        .await
        .expect("attr");
    assert_eq!(sha.as_deref(), Some(expected.as_str()));
    app.screenshot("07-documents").await;

    // Download streams it back to disk, byte-exact.
    app.click("#slot-charter .files .actions .link").await;
    app.wait_for_text("#documents-saved", "Устав ТОО.pdf").await;
    let copy = std::fs::read(saved.path().join("Устав ТОО.pdf")).expect("downloaded file");
    let copied = {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(&copy))
    };
    assert_eq!(copied, expected);
    println!("crashed at {seen}% and resumed");
    app.close().await;
}

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
    std::fs::write(&ca, fake.ca_pem()).expect("ca");
    let account = TestAccount::nova_city();
    let server = ServerProcess::start_configured(
        std::slice::from_ref(&account),
        &format!("trust_bundle = {:?}\n", bundle),
    );
    let token = server.login(&account).await;
    let id = server
        .upload_document(&token, "Устав.pdf", b"%PDF-1.7 charter")
        .await;

    let port = fake.port().to_string();
    let ca_path = ca.to_string_lossy().into_owned();
    let local = tempfile::tempdir().expect("local store");
    let app = App::launch_in(
        server.url(),
        local.path(),
        &[("HOMEPORTAL_NCALAYER_CA", &ca_path)],
    )
    .await;
    app.log_in(account.bin, account.password).await;
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
    let head = fake.key(Scenario::Head).expect("key");
    let answer = egov_mobile::sign(&qr_text, &head, &Behaviour::default())
        .await
        .expect("the phone followed the protocol");
    assert_eq!(answer.status, 200, "{:?}", answer.body);
    app.wait_for_text("#sign-done", "ТЕСТОВ АЙДАР СЕРИКОВИЧ")
        .await;
    app.screenshot("12-signed-qr").await;
    app.click("#sign-close").await;
    app.wait_for_text(&format!("#signature-{id}"), "Подписан")
        .await;
    app.screenshot("13-documents-signed").await;

    // Both signatures are on the server, verified and kept.
    let signatures: serde_json::Value = reqwest::Client::new()
        .get(format!("{}/api/v1/documents/{id}/signatures", server.url()))
        .bearer_auth(token)
        .send()
        .await
        .expect("signatures")
        .json()
        .await
        .expect("list");
    let methods: Vec<&str> = signatures
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|s| s["method"].as_str())
        .collect();
    assert_eq!(methods, ["nca_layer", "egov_qr"]);
    app.close().await;
}
