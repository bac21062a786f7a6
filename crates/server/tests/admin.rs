//! The staff subcommand `homeportal-server accounts …`.

use std::process::{Command, Stdio};

use homeportal_testkit::server::{create_account, server_binary};
use homeportal_testkit::TestAccount;

fn accounts(data_dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(server_binary())
        .arg("--data-dir")
        .arg(data_dir)
        .arg("accounts")
        .args(args)
        .env("HOMEPORTAL_ACCOUNT_PASSWORD", "Qwerty12!")
        .stdin(Stdio::null())
        .output()
        .expect("the subcommand runs")
}

#[test]
fn creates_lists_and_refuses_duplicates_and_bad_identifiers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let account = TestAccount::nova_city();
    create_account(dir.path(), &account);

    let list = accounts(dir.path(), &["list"]);
    assert!(list.status.success());
    let listed = String::from_utf8_lossy(&list.stdout);
    assert!(
        listed.contains(account.bin) && listed.contains(account.org_name),
        "{listed}"
    );

    let base = [
        "create",
        "--org-name",
        "ТОО",
        "--last-name",
        "А",
        "--first-name",
        "Б",
        "--email",
        "a@b.kz",
        "--phone",
        "+77011234567",
    ];
    let duplicate = accounts(
        dir.path(),
        &[&base[..], &["--bin", account.bin, "--iin", account.iin]].concat(),
    );
    assert!(!duplicate.status.success());
    assert!(String::from_utf8_lossy(&duplicate.stderr).contains("уже зарегистрирована"));

    let bad = accounts(
        dir.path(),
        &[
            &base[..],
            &["--bin", "940140000386", "--iin", "830717350868"],
        ]
        .concat(),
    );
    assert!(!bad.status.success());
    let message = String::from_utf8_lossy(&bad.stderr);
    assert!(
        message.contains("bin: Неверная контрольная цифра"),
        "{message}"
    );
    assert!(
        message.contains("iin: Неверная контрольная цифра"),
        "{message}"
    );
}
