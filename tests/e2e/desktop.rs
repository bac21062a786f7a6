//! The app behaves like a desktop program: one instance per data folder (a second launch hands
//! its arguments to the first), the window keeps its size and place across a restart, and the
//! log rotates at its size and is saved for support from «Настройки».

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use homeportal_testkit::{ports, ServerProcess, SessionBus, TestAccount};

use crate::app::{App, ONE_AT_A_TIME, PATIENCE};

/// Waits until `check` holds; fails the test saying `what` if it never does.
async fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + PATIENCE;
    while !check() {
        assert!(Instant::now() < deadline, "{what}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Opens the menu's page at `href` and waits for `css` on it.
async fn open_page(app: &App, href: &str, css: &str) {
    app.click("#menu-toggle").await;
    app.click(&format!("a.nav-link[href='{href}']")).await;
    app.find(css).await;
}

/// The app's log as it stands.
fn log_text(data_dir: &Path) -> String {
    std::fs::read_to_string(data_dir.join("logs").join("homeportal.log")).unwrap_or_default()
}

#[tokio::test]
async fn a_second_launch_hands_its_arguments_to_the_first_and_exits() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let bus = SessionBus::start();
    let data = tempfile::tempdir().expect("data dir");
    let url = ports::closed_url();
    let first = App::launch_in(
        &url,
        data.path(),
        &[("DBUS_SESSION_BUS_ADDRESS", bus.address())],
    )
    .await;
    first.find("#login-email").await;

    let mut second = Command::new(env!("CARGO_BIN_EXE_homeportal"))
        .arg("--from-a-second-launch")
        .envs(App::environment(data.path()))
        .env("HOMEPORTAL_SERVER_URL", &url)
        .env("DBUS_SESSION_BUS_ADDRESS", bus.address())
        .spawn()
        .expect("a second launch");
    let deadline = Instant::now() + PATIENCE;
    let status = loop {
        if let Some(status) = second.try_wait().expect("second launch status") {
            break status;
        }
        if Instant::now() >= deadline {
            let _ = second.kill();
            panic!("the second launch did not hand over and exit: it opened a second app");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(status.success(), "the second launch failed: {status}");

    eventually(
        "the first app never logged the second launch's arguments",
        || {
            let log = log_text(data.path());
            log.contains("a second launch passed its arguments")
                && log.contains("--from-a-second-launch")
        },
    )
    .await;
    // The first app still stands, in its one window.
    let windows = first.client.windows().await.expect("windows");
    assert_eq!(windows.len(), 1);
    first.find("#login-email").await;
    first.close().await;
}

#[tokio::test]
async fn the_window_keeps_its_size_and_place_across_a_restart() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let data = tempfile::tempdir().expect("data dir");
    let url = ports::closed_url();
    let app = App::launch_in(&url, data.path(), &[]).await;
    app.find("#login-email").await;
    app.client
        .set_window_rect(40, 30, 1000, 700)
        .await
        .expect("window resized");
    let state = data
        .path()
        .join("xdg-config")
        .join("kz.khc.homeportal.desktop")
        .join(".window-state.json");
    eventually("the window's new size was never written", || {
        std::fs::read_to_string(&state).is_ok_and(|s| s.contains("1000") && s.contains("700"))
    })
    .await;
    // WebKit's own data lands in the test's folder too, never in the user's.
    let webkit = data
        .path()
        .join("xdg-data")
        .join("kz.khc.homeportal.desktop")
        .join("WebKitCache");
    assert!(
        webkit.is_dir(),
        "WebKit's data is not in {}",
        webkit.display()
    );
    // Killed, not closed: the place is kept even when the app does not get to tidy up.
    drop(app);

    let app = App::launch_in(&url, data.path(), &[]).await;
    app.find("#login-email").await;
    let (x, y, width, height) = app.client.get_window_rect().await.expect("window rect");
    assert_eq!((width, height), (1000, 700), "size after the restart");
    assert_eq!((x, y), (40, 30), "place after the restart");
    app.close().await;
}

#[tokio::test]
async fn the_log_rotates_at_its_size_and_is_saved_for_support() {
    let _turn = ONE_AT_A_TIME.lock().await;
    const MAX: u64 = 1024;
    let account = TestAccount::nova_city();
    let server = ServerProcess::start_with(&account);
    let data = tempfile::tempdir().expect("data dir");
    let saved = tempfile::tempdir().expect("save dir");
    let app = App::launch_in(
        server.url(),
        data.path(),
        &[
            ("HOMEPORTAL_LOG", "debug"),
            ("HOMEPORTAL_LOG_MAX_BYTES", &MAX.to_string()),
            ("HOMEPORTAL_SAVE_DIR", &saved.path().to_string_lossy()),
        ],
    )
    .await;
    let logs = data.path().join("logs");
    let rotated = |logs: &Path| -> Vec<std::path::PathBuf> {
        std::fs::read_dir(logs)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| {
                        p.file_name()
                            .and_then(|n| n.to_str())
                            .is_some_and(|n| n.starts_with("homeportal_") && n.ends_with(".log"))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    // A new data folder's store is created at start, and its migrations alone are logged at
    // the debug level in more than a few kilobytes.
    eventually("the log never rotated", || !rotated(&logs).is_empty()).await;
    for file in rotated(&logs) {
        let text = std::fs::read_to_string(&file).expect("rotated file");
        let records = text.lines().filter(|l| l.starts_with("[20")).count();
        assert!(
            text.len() as u64 <= MAX || records == 1,
            "{} holds {records} records in {} bytes, more than {MAX}",
            file.display(),
            text.len()
        );
    }
    assert!(
        rotated(&logs).len() <= 7,
        "more rotated files kept than a week's"
    );

    app.log_in(account.bin, account.password).await;
    app.find("#profile-bin").await;
    open_page(&app, "#/settings", "#settings-data-dir").await;
    app.click("#settings-save-log").await;
    let notice = app
        .wait_for_text("#settings-log-saved", "Журнал сохранён")
        .await;
    let path = notice
        .split_once(": ")
        .map(|(_, p)| p.trim().to_owned())
        .expect("the notice names the file");
    assert!(path.starts_with(&*saved.path().to_string_lossy()), "{path}");
    let support = std::fs::read_to_string(&path).expect("the saved log");
    let headers = support.lines().filter(|l| l.starts_with("===== ")).count();
    assert!(headers >= 2, "the saved log holds the rotated files too");
    assert!(support.contains("homeportal.log ====="));
    app.screenshot("60-settings-log-saved").await;
    app.close().await;
}
