//! The real `ncalayer-js-client` (npm, run with Node) signs through the fake NCALayer over
//! wss with the fake's own TLS chain: proof that the fake speaks NCALayer's protocol.

use std::path::PathBuf;
use std::process::Command;

use base64::Engine;
use homeportal_domain::ids::Bin;
use homeportal_pki::{Policy, Verifier};
use homeportal_testkit::ncalayer::Scripted;
use homeportal_testkit::{FakeNcaLayer, TestAccount};

fn client_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("interop/ncalayer-js")
}

#[test]
fn ncalayer_js_client_signs_through_the_fake() {
    let dir = client_dir();
    assert!(
        dir.join("node_modules/ncalayer-js-client").is_dir(),
        "run `cargo xtask setup --test` (npm ci in {})",
        dir.display()
    );
    let fake = FakeNcaLayer::start();
    fake.script(Scripted::Sign);
    fake.script(Scripted::Cancel);
    let ca = tempfile::NamedTempFile::new().expect("temp file");
    std::fs::write(ca.path(), fake.ca_pem()).expect("ca");
    let document = "Согласие на обработку персональных данных".as_bytes();
    let data = base64::engine::general_purpose::STANDARD.encode(document);
    let nova = TestAccount::nova_city();

    let output = Command::new("node")
        .arg(dir.join("sign.js"))
        .arg(fake.url())
        .arg(&data)
        .arg(nova.bin)
        .current_dir(&dir)
        .env("NODE_EXTRA_CA_CERTS", ca.path())
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let answer: serde_json::Value = serde_json::from_slice(&output.stdout).expect("one JSON line");
    assert_eq!(answer["version"], "1.4");
    assert_eq!(
        answer["cancelled"], true,
        "the scripted cancel reached the client as one"
    );

    let cms = base64::engine::general_purpose::STANDARD
        .decode(answer["cms"].as_str().expect("a CMS string"))
        .expect("base64");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs() as i64;
    let verification = Verifier::new(fake.trust_store())
        .verify(
            &cms,
            Some(document),
            &Policy::act_of(Bin::parse(nova.bin).expect("bin")),
            now,
        )
        .expect("a CMS");
    let signer = verification.verdict().expect("a valid head signature");
    assert_eq!(signer.iin.as_deref(), Some(nova.iin));

    let requests = fake.requests();
    let signs: Vec<_> = requests
        .iter()
        .filter(|r| r["module"] == "kz.gov.pki.knca.basics")
        .collect();
    assert_eq!(signs.len(), 2);
    assert_eq!(signs[0]["method"], "sign");
    assert_eq!(signs[0]["args"]["format"], "cms");
    assert_eq!(signs[0]["args"]["signerParams"]["bin"], nova.bin);
    assert_eq!(
        signs[0]["args"]["signerParams"]["extKeyUsageOids"],
        serde_json::json!(["1.3.6.1.5.5.7.3.4"])
    );
    assert!(
        requests
            .iter()
            .any(|r| r["module"] == "kz.digiflow.mobile.extensions"),
        "the client's KAZTOKEN probe was answered and tolerated"
    );
}
