//! Updates as the person sees them when the source fails: an unreachable source is reported in
//! words and the message can be dismissed; the app goes on. (Installing signed updates, and
//! refusing tampered ones, is tested on the installed Debian package: `tests/installed`.)

use homeportal_testkit::ports;

use crate::app::{App, ONE_AT_A_TIME};

#[tokio::test]
async fn an_unreachable_update_source_is_reported_not_hidden() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let source = format!("{}/latest.json", ports::closed_url());
    let data = tempfile::tempdir().expect("data dir");
    let app = App::launch_in(
        &ports::closed_url(),
        data.path(),
        &[("HOMEPORTAL_UPDATE_URL", &source)],
    )
    .await;
    let message = app
        .wait_for_text("#update-error", "Сервер обновлений недоступен")
        .await;
    assert!(
        message.starts_with("Не удалось проверить обновления."),
        "{message}"
    );
    app.screenshot("62-update-unreachable").await;
    // The login page works beside it, and the message goes when dismissed.
    app.find("#login-email").await;
    app.click("#update-error .dismiss").await;
    app.wait_gone("#update-error").await;
    let log =
        std::fs::read_to_string(data.path().join("logs").join("homeportal.log")).expect("the log");
    assert!(log.contains("update failed"), "the failure is in the log");
    app.close().await;
}
