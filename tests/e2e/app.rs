//! The app under test: launched through tauri-driver, with waits that fail the test when what
//! they wait for does not come.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use homeportal_testkit::TauriDriver;
use serde_json::json;

/// One app window at a time: the tests share the display.
pub static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// How long a wait lasts before it fails the test.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// The desktop app in its window.
pub struct App {
    /// The WebDriver session.
    pub client: Client,
    // Dropped after the client: stops tauri-driver, WebKitWebDriver and the app.
    _driver: TauriDriver,
    _data_dir: Option<tempfile::TempDir>,
}

impl App {
    /// Starts the desktop app pointed at `server_url`, with a fresh local store.
    pub async fn launch(server_url: &str) -> App {
        let data_dir = tempfile::tempdir().expect("temp data dir");
        let mut app = App::launch_in(server_url, data_dir.path(), &[]).await;
        app._data_dir = Some(data_dir);
        app
    }

    /// Starts the desktop app with its local store in `data_dir` and extra environment.
    pub async fn launch_in(server_url: &str, data_dir: &Path, env: &[(&str, &str)]) -> App {
        let mut vars = vec![("HOMEPORTAL_SERVER_URL", server_url)];
        vars.extend_from_slice(env);
        App::start(data_dir, &vars).await
    }

    /// Starts the desktop app as a user gets it: its own embedded server (on a new free port
    /// each time), its data in `data_dir`, and extra environment.
    pub async fn launch_embedded(data_dir: &Path, env: &[(&str, &str)]) -> App {
        App::start(data_dir, env).await
    }

    /// The environment the app gets for `data_dir`: its local store there, and WebKit's data,
    /// cache and the window's remembered place too, so a test never writes into the user's
    /// folders.
    pub fn environment(data_dir: &Path) -> Vec<(&'static str, String)> {
        let inside = |name: &str| data_dir.join(name).to_string_lossy().into_owned();
        vec![
            (
                "HOMEPORTAL_DATA_DIR",
                data_dir.to_string_lossy().into_owned(),
            ),
            ("XDG_DATA_HOME", inside("xdg-data")),
            ("XDG_CACHE_HOME", inside("xdg-cache")),
            ("XDG_CONFIG_HOME", inside("xdg-config")),
        ]
    }

    async fn start(data_dir: &Path, env: &[(&str, &str)]) -> App {
        App::start_binary(env!("CARGO_BIN_EXE_homeportal"), data_dir, env).await
    }

    /// Starts the program at `binary` (an installed package's, say) with its data in
    /// `data_dir` and extra environment.
    pub async fn start_binary(binary: &str, data_dir: &Path, env: &[(&str, &str)]) -> App {
        let own = App::environment(data_dir);
        let mut vars: Vec<(&str, &str)> = own.iter().map(|(k, v)| (*k, v.as_str())).collect();
        vars.extend_from_slice(env);
        let driver = TauriDriver::start(&vars);
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), json!("wry"));
        capabilities.insert("tauri:options".into(), json!({ "application": binary }));
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

    /// The element at `css`, once it is there.
    pub async fn find(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} did not appear: {e}"))
    }

    /// The text of the element at `css`, once it is there.
    pub async fn text(&self, css: &str) -> String {
        // A page that re-renders (a language switch, a reload) can replace the element between
        // finding and reading it: read the new one.
        let deadline = Instant::now() + PATIENCE;
        loop {
            match self.find(css).await.text().await {
                Ok(text) => return text,
                Err(e) => assert!(Instant::now() < deadline, "cannot read {css}: {e}"),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the text of `css` contains `expected`; fails the test with what it saw.
    pub async fn wait_for_text(&self, css: &str, expected: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let text = self.text(css).await;
            if text.contains(expected) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "{css} never said {expected:?}; it said {text:?}"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Waits until nothing matches `css`; fails the test if something still does.
    pub async fn wait_gone(&self, css: &str) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            match self.client.find(Locator::Css(css)).await {
                Err(_) => return,
                Ok(element) => {
                    let text = element.text().await.unwrap_or_default();
                    assert!(
                        Instant::now() < deadline,
                        "{css} is still there, saying {text:?}"
                    );
                }
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Whether something matches `css` right now.
    pub async fn is_there(&self, css: &str) -> bool {
        self.client.find(Locator::Css(css)).await.is_ok()
    }

    /// Waits until the DOM property `property` of `css` satisfies `accept`; fails the test
    /// with what it saw.
    pub async fn wait_for_prop(
        &self,
        css: &str,
        property: &str,
        accept: impl Fn(&str) -> bool,
    ) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let value = self
                .find(css)
                .await
                .prop(property)
                .await
                .expect("property")
                .unwrap_or_default();
            if accept(&value) {
                return value;
            }
            assert!(
                Instant::now() < deadline,
                "{css}.{property} never became what was expected; it is {value:?}"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Types `text` into the input at `css`.
    pub async fn type_into(&self, css: &str, text: &str) {
        self.find(css)
            .await
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("cannot type into {css}: {e}"));
    }

    /// Clicks the element at `css`, once it can be clicked (a sliding drawer, a button that
    /// appears); fails the test if it never can.
    pub async fn click(&self, css: &str) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let element = self.find(css).await;
            // Into the middle of the window first, as a person scrolls before clicking:
            // WebKitWebDriver alone may leave a button at the page's bottom edge unclickable.
            let reference = serde_json::to_value(&element).expect("element reference");
            self.client
                .execute(
                    "arguments[0].scrollIntoView({block: 'center'})",
                    vec![reference],
                )
                .await
                .unwrap_or_else(|e| panic!("cannot scroll to {css}: {e}"));
            match element.click().await {
                Ok(()) => return,
                Err(e) => assert!(Instant::now() < deadline, "cannot click {css}: {e}"),
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Answers the first run's question with «Локальный режим», as a new user does; the login
    /// page follows.
    pub async fn choose_local_mode(&self) {
        self.click("#first-run-local").await;
        self.click("#first-run-continue").await;
        self.find("#login-email").await;
    }

    /// Logs in on the login page with BIN and password (its «БИН/Пароль» tab).
    pub async fn log_in(&self, bin: &str, password: &str) {
        self.click("#tab-bin").await;
        self.type_into("#login-bin", bin).await;
        self.type_into("#login-password", password).await;
        self.click("#login-submit").await;
    }

    /// Saves what the window shows as `target/e2e-screenshots/<name>.png`.
    pub async fn screenshot(&self, name: &str) {
        // Every finite animation (a drawer sliding shut, a card fading in) ends, then two frames
        // pass: the picture is of what the page now holds, not of a frame halfway there. A page
        // that never settles fails at the script timeout.
        self.client
            .execute_async(
                "const done = arguments[0];
                 const moving = document.getAnimations()
                     .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
                     .map(a => a.finished.catch(() => null));
                 Promise.all(moving).then(() =>
                     requestAnimationFrame(() => requestAnimationFrame(() => done())));",
                vec![],
            )
            .await
            .expect("the page settled and painted");
        let png = self.client.screenshot().await.expect("screenshot");
        self.check_accessibility(name).await;
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).expect("screenshot dir");
        std::fs::write(dir.join(format!("{name}.png")), png).expect("screenshot written");
    }

    /// Ends the WebDriver session.
    pub async fn close(self) {
        let _ = self.client.close().await;
    }
}

/// axe-core's source, from the npm registry (`tests/e2e/axe`, installed by `cargo xtask setup`).
fn axe_source() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/e2e/axe/node_modules/axe-core/axe.min.js"
    );
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{path}: {e} (run `cargo xtask setup` to install axe-core)"))
}

/// What axe-core reports of one rule broken on a screen.
#[derive(serde::Deserialize)]
struct Violation {
    id: String,
    impact: Option<String>,
    help: String,
    nodes: Vec<String>,
}

impl App {
    /// Runs axe-core (WCAG 2.1 A and AA rules) in the window; adds the screen's result to
    /// `axe-report.txt` beside the screenshots and fails the test on any serious or critical
    /// violation.
    pub async fn check_accessibility(&self, screen: &str) {
        let loaded = self
            .client
            .execute("return typeof window.axe === 'object';", vec![])
            .await
            .expect("axe probe");
        if loaded != serde_json::Value::Bool(true) {
            self.client
                .execute(&axe_source(), vec![])
                .await
                .expect("axe-core injected");
        }
        let answer = self
            .client
            .execute_async(
                "const done = arguments[0];
                 axe.run(document, {
                     runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
                     resultTypes: ['violations'],
                 }).then(r => done(JSON.stringify(r.violations.map(v => ({
                     id: v.id, impact: v.impact, help: v.help,
                     nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
                 }))))).catch(e => done(JSON.stringify([{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [] }])));",
                vec![],
            )
            .await
            .expect("axe-core ran");
        let violations: Vec<Violation> =
            serde_json::from_str(answer.as_str().unwrap_or("[]")).expect("axe's report");
        let blocking: Vec<&Violation> = violations
            .iter()
            .filter(|v| matches!(v.impact.as_deref(), Some("serious" | "critical")))
            .collect();
        let mut report = format!(
            "{screen}: {} violations, {} serious or critical\n",
            violations.len(),
            blocking.len()
        );
        for v in &violations {
            report.push_str(&format!(
                "  [{}] {}: {} — {}\n",
                v.impact.as_deref().unwrap_or("-"),
                v.id,
                v.help,
                v.nodes.join(", ")
            ));
        }
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).expect("report dir");
        use std::io::Write;
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(dir.join("axe-report.txt"))
            .and_then(|mut f| f.write_all(report.as_bytes()))
            .expect("axe report written");
        assert!(blocking.is_empty(), "accessibility on {screen}:\n{report}");
    }
}

fn screenshot_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"))
        .join("e2e-screenshots")
}
