//! Installing the package with dpkg and logging in through the installed program.

use std::path::Path;
use std::process::Command;

use homeportal_testkit::{ServerProcess, TestAccount};

use crate::app::{App, ONE_AT_A_TIME};

/// Where the package puts the program.
pub const INSTALLED: &str = "/usr/bin/homeportal";
/// The package's name (the product name in kebab case).
pub const PACKAGE: &str = "homeportal-desktop";

/// The path in environment variable `name`, set by `cargo xtask test`.
pub fn given(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!("{name} is not set: run these tests through `cargo xtask test`, which builds the packages")
    })
}

/// `dpkg -i <deb>`; fails the test with dpkg's words when it fails.
pub fn install(deb: &str) {
    assert!(Path::new(deb).is_file(), "no package at {deb}");
    let out = Command::new("dpkg")
        .args(["-i", deb])
        .output()
        .expect("dpkg runs");
    assert!(
        out.status.success(),
        "dpkg -i {deb} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The installed version of the package, as dpkg knows it.
pub fn installed_version() -> String {
    let out = Command::new("dpkg-query")
        .args(["-W", "-f", "${Version}", PACKAGE])
        .output()
        .expect("dpkg-query runs");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

#[tokio::test]
async fn the_package_installs_and_a_person_logs_in_with_the_installed_program() {
    let _turn = ONE_AT_A_TIME.lock().await;
    install(&given("HOMEPORTAL_DEB_SHIPPED"));
    assert!(Path::new(INSTALLED).is_file(), "{INSTALLED} is not there");
    let desktop_entry =
        std::fs::read_to_string("/usr/share/applications/Homeportal Desktop.desktop")
            .expect("the menu entry");
    assert!(desktop_entry.contains("Exec=homeportal"), "{desktop_entry}");

    let account = TestAccount::nova_city();
    let server = ServerProcess::start_with(&account);
    let data = tempfile::tempdir().expect("data dir");
    let app = App::start_binary(
        INSTALLED,
        data.path(),
        &[("HOMEPORTAL_SERVER_URL", server.url())],
    )
    .await;
    app.log_in(account.bin, account.password).await;
    assert_eq!(app.text("#profile-bin").await, account.bin);
    app.wait_for_text("#profile-org-name", account.org_name)
        .await;
    app.screenshot("70-installed-package-logged-in").await;
    app.close().await;
}
