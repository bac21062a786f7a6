//! The test PKI's key files read like НУЦ РК's: named `RSA256_<id>.p12` / `AUTH_RSA256_<id>.p12`,
//! opened by OpenSSL with the password, holding the key and its chain.

use homeportal_testkit::pki::{Scenario, TestPki};

#[test]
fn key_files_open_in_openssl_with_their_password() {
    let pki = TestPki::new(1_795_000_000);
    let dir = tempfile::tempdir().expect("tempdir");
    let files = pki
        .export_key_files(dir.path(), "Qwerty12")
        .expect("written");
    assert_eq!(files.len(), Scenario::ALL.len());
    let name = |scenario: Scenario| {
        files
            .iter()
            .find(|(s, _)| *s == scenario)
            .and_then(|(_, p)| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .expect("file")
    };
    let auth = name(Scenario::HeadAuth);
    let sign = name(Scenario::Head);
    assert!(
        auth.starts_with("AUTH_RSA256_") && auth.ends_with(".p12"),
        "{auth}"
    );
    assert!(
        sign.starts_with("RSA256_") && sign.len() == "RSA256_".len() + 40 + 4,
        "{sign}"
    );

    let head = &files
        .iter()
        .find(|(s, _)| *s == Scenario::Head)
        .expect("head")
        .1;
    let opened = std::process::Command::new("openssl")
        .args(["pkcs12", "-nodes", "-passin", "pass:Qwerty12", "-in"])
        .arg(head)
        .output()
        .expect("openssl runs");
    assert!(
        opened.status.success(),
        "{}",
        String::from_utf8_lossy(&opened.stderr)
    );
    let pem = String::from_utf8_lossy(&opened.stdout);
    assert!(pem.contains("BEGIN PRIVATE KEY"));
    assert_eq!(
        pem.matches("BEGIN CERTIFICATE").count(),
        2,
        "the key and its issuing CA"
    );
    let wrong = std::process::Command::new("openssl")
        .args(["pkcs12", "-nodes", "-passin", "pass:wrong", "-in"])
        .arg(head)
        .output()
        .expect("openssl runs");
    assert!(!wrong.status.success());
}
