//! A real tus client (tuspy, from PyPI) uploads to the server, which stores it byte-exact.

use std::process::Command;

use homeportal_domain::api::paths;
use homeportal_testkit::{ServerProcess, TestAccount};
use sha2::{Digest, Sha256};

#[tokio::test]
async fn tuspy_uploads_byte_exact() {
    let account = TestAccount::nova_city();
    let server = ServerProcess::start_with(&account);
    let app = server.signed_in(&account).await;
    let token = app.token().to_owned();

    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("decision.pdf");
    let mut data = b"%PDF-1.4\n".to_vec();
    data.extend((0..1_300_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    std::fs::write(&file, &data).expect("file written");
    let sha = hex::encode(Sha256::digest(&data));

    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../testkit/interop/tus_upload.py"
    );
    let output = Command::new("python3")
        .arg(script)
        .arg(format!("{}{}", server.url(), paths::UPLOADS))
        .arg(&token)
        .arg(&file)
        .arg(&sha)
        .output()
        .expect("python3 runs (install tuspy with `cargo xtask setup`)");
    assert!(
        output.status.success(),
        "tuspy failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );

    let documents = app.documents().await;
    assert_eq!(documents.len(), 1);
    assert_eq!(documents[0].sha256, sha);
    assert_eq!(documents[0].file_name, "Решение учредителя.pdf");
    let body = app
        .request(
            reqwest::Method::GET,
            &format!("{}/{}", paths::DOCUMENTS, documents[0].id),
        )
        .send()
        .await
        .expect("sent")
        .bytes()
        .await
        .expect("bytes");
    assert!(body.as_ref() == data.as_slice(), "downloaded bytes differ");
}
