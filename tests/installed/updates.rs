//! Signed updates of the installed package from a static source.

use std::time::{Duration, Instant};

use homeportal_testkit::{ports, UpdateSource};

use crate::app::{App, ONE_AT_A_TIME, PATIENCE};
use crate::package::{given, install, installed_version, INSTALLED};

/// The installed program of version N, looking for updates at `source`.
async fn launch_current(source: &UpdateSource, data: &std::path::Path) -> App {
    let server = ports::closed_url();
    let manifest = source.manifest_url();
    App::start_binary(
        INSTALLED,
        data,
        &[
            ("HOMEPORTAL_SERVER_URL", server.as_str()),
            ("HOMEPORTAL_UPDATE_URL", manifest.as_str()),
        ],
    )
    .await
}

#[tokio::test]
async fn version_n_finds_n_plus_one_checks_its_signature_and_installs_it() {
    let _turn = ONE_AT_A_TIME.lock().await;
    install(&given("HOMEPORTAL_DEB_CURRENT"));
    let before = installed_version();
    let next = given("HOMEPORTAL_DEB_NEXT_VERSION");
    let source = UpdateSource::start();
    let url = source.publish(
        std::path::Path::new(&given("HOMEPORTAL_DEB_NEXT")),
        "next.deb",
    );
    source.offer(
        &next,
        "Исправления и ускорение",
        &url,
        &given("HOMEPORTAL_DEB_NEXT_SIG"),
    );

    let data = tempfile::tempdir().expect("data dir");
    let app = launch_current(&source, data.path()).await;
    app.wait_for_text("#update-version", &next).await;
    app.wait_for_text("#update-notes", "Исправления и ускорение")
        .await;
    app.screenshot("71-update-offered").await;
    app.click("#update-install").await;

    // dpkg now knows the new version; the app restarted into it by itself.
    let deadline = Instant::now() + PATIENCE * 2;
    while installed_version() != next {
        assert!(
            Instant::now() < deadline,
            "the update was never installed: dpkg still says {} (was {before})",
            installed_version()
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let log =
        std::fs::read_to_string(data.path().join("logs").join("homeportal.log")).expect("the log");
    assert!(log.contains("signature verified"), "{log}");
    assert!(log.contains("update installed"), "{log}");
    drop(app);
}

#[tokio::test]
async fn a_tampered_package_or_manifest_is_refused_and_the_old_version_stays() {
    let _turn = ONE_AT_A_TIME.lock().await;
    install(&given("HOMEPORTAL_DEB_CURRENT"));
    let current = installed_version();
    let next = given("HOMEPORTAL_DEB_NEXT_VERSION");
    let signature = given("HOMEPORTAL_DEB_NEXT_SIG");
    let genuine = std::fs::read(given("HOMEPORTAL_DEB_NEXT")).expect("the package");

    // A package changed on the way: one byte in its middle.
    let mut changed = genuine.clone();
    let middle = changed.len() / 2;
    changed[middle] ^= 0x01;
    let source = UpdateSource::start();
    let url = source.publish_bytes(&changed, "next.deb");
    source.offer(&next, "", &url, &signature);
    refused(&source, &next, &current, "72-update-tampered-package").await;

    // A manifest changed on the way: the genuine package, its signature altered.
    let url = source.publish_bytes(&genuine, "next.deb");
    source.offer(&next, "", &url, &altered_signature(&signature));
    refused(&source, &next, &current, "73-update-tampered-manifest").await;
}

/// The installed version N is offered `next` by `source`, is told in words that the update's
/// signature does not verify, installs nothing, and goes on working.
async fn refused(source: &UpdateSource, next: &str, current: &str, screenshot: &str) {
    let data = tempfile::tempdir().expect("data dir");
    let app = launch_current(source, data.path()).await;
    app.wait_for_text("#update-version", next).await;
    app.click("#update-install").await;
    app.wait_for_text("#update-error", "Подпись обновления не прошла проверку")
        .await;
    app.screenshot(screenshot).await;
    assert_eq!(installed_version(), current, "nothing was installed");
    app.find("#login-email").await;
    app.close().await;
}

/// The manifest's signature with one bit of its signature bytes flipped: the same key named,
/// the same shape, but not a signature of this package.
fn altered_signature(signature: &str) -> String {
    use base64::Engine;
    let engine = base64::engine::general_purpose::STANDARD;
    let text = String::from_utf8(engine.decode(signature).expect("base64")).expect("text");
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    // Line 2 is the signature (base64 of algorithm, key id and 64 bytes).
    let mut raw = engine.decode(&lines[1]).expect("signature line");
    let last = raw.len() - 1;
    raw[last] ^= 0x01;
    lines[1] = engine.encode(raw);
    engine.encode(lines.join("\n") + "\n")
}
