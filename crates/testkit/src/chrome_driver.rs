//! ChromeDriver with headless Chromium (Debian `chromium` and `chromium-driver`), for the
//! server's back-office page: started per test on its own port and stopped with it.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::ports::free_port;
use crate::process::terminate;
use crate::tauri_driver::wait_until_listening;

/// A running chromedriver.
pub struct ChromeDriver {
    child: Child,
    port: u16,
}

impl ChromeDriver {
    /// Starts chromedriver on a free port.
    pub fn start() -> ChromeDriver {
        let port = free_port();
        let child =
            Command::new(std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into()))
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::inherit())
                .spawn()
                .expect(
                    "chromedriver starts (install chromium-driver with `cargo xtask setup test`)",
                );
        wait_until_listening(port, Duration::from_secs(20));
        ChromeDriver { child, port }
    }

    /// The WebDriver URL to connect to.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Capabilities of a headless Chromium session.
    pub fn headless() -> serde_json::Map<String, serde_json::Value> {
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
            }),
        );
        capabilities
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        terminate(&mut self.child, Duration::from_secs(5));
    }
}
