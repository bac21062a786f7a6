//! `tauri-driver` (WebDriver for Tauri apps, backed by WebKitWebDriver on Linux), started per
//! test with its own ports and environment, and stopped with SIGTERM so that it also stops
//! its WebKitWebDriver child.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::ports::free_port;
use crate::process::{kill_marked, terminate};

/// Set on tauri-driver and so inherited by everything it starts, to find them all again.
const MARKER: &str = "HOMEPORTAL_E2E_DRIVER";

/// A running tauri-driver.
pub struct TauriDriver {
    child: Child,
    port: u16,
}

/// Path of tauri-driver: `TAURI_DRIVER`, else `~/.cargo/bin/tauri-driver`, else from PATH.
pub fn tauri_driver_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(path);
    }
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    if let Some(candidate) = home.map(|h| h.join("bin").join("tauri-driver")) {
        if candidate.exists() {
            return candidate;
        }
    }
    PathBuf::from("tauri-driver")
}

impl TauriDriver {
    /// Starts tauri-driver; the app it launches inherits `env`.
    pub fn start(env: &[(&str, &str)]) -> TauriDriver {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "DISPLAY is not set: end-to-end tests need an X server; run them with `cargo xtask test` (Xvfb)"
        );
        let port = free_port();
        let native_port = free_port();
        let mut command = Command::new(tauri_driver_binary());
        command
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env(MARKER, port.to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        for (key, value) in env {
            command.env(key, value);
        }
        let child = command
            .spawn()
            .expect("tauri-driver starts (install it with `cargo xtask setup`)");
        let driver = TauriDriver { child, port };
        // Both tauri-driver and the WebKitWebDriver it starts must be up before a session.
        wait_until_listening(port, Duration::from_secs(20));
        wait_until_listening(native_port, Duration::from_secs(20));
        driver
    }

    /// The WebDriver URL to connect to.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

/// Waits (up to `limit`) for something to listen on `port`; panics otherwise.
pub(crate) fn wait_until_listening(port: u16, limit: Duration) {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("nothing listened on port {port} within {limit:?}");
}

impl Drop for TauriDriver {
    fn drop(&mut self) {
        terminate(&mut self.child, Duration::from_secs(5));
        kill_marked(MARKER, &self.port.to_string());
    }
}
