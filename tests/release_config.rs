//! A build for clients never trusts the test PKI: nothing the bundle ships (its configuration,
//! the interface, the icons) holds a test CA certificate or names the test PKI, and the shell
//! ignores `HOMEPORTAL_TEST_PKI` outside development builds (its unit test).

use std::path::{Path, PathBuf};

use base64::Engine;
use homeportal_testkit::pki::TestPki;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files_under(path: &Path, found: &mut Vec<PathBuf>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path)
            .expect("a readable folder")
            .flatten()
        {
            files_under(&entry.path(), found);
        }
    } else if path.is_file() {
        found.push(path.to_owned());
    }
}

/// Every file `tauri.conf.json` puts into a bundle: the interface, the icons, any resources.
fn shipped(config: &serde_json::Value) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let dist = config["build"]["frontendDist"]
        .as_str()
        .expect("frontendDist");
    files_under(&root().join(dist), &mut files);
    let bundle = &config["bundle"];
    let listed = ["icon", "resources", "externalBin"]
        .iter()
        .flat_map(|key| match &bundle[*key] {
            serde_json::Value::Array(items) => items.clone(),
            serde_json::Value::Object(map) => map.keys().cloned().map(Into::into).collect(),
            _ => Vec::new(),
        })
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect::<Vec<_>>();
    for path in listed {
        files_under(&root().join(path), &mut files);
    }
    files
}

/// Whether `text` holds a PEM certificate block (a header followed by base64), not merely
/// the words of its header (as the message that asks for one does).
fn holds_pem_certificate(text: &str) -> bool {
    text.match_indices("-----BEGIN CERTIFICATE-----")
        .any(|(at, header)| {
            let body = text[at + header.len()..].trim_start();
            body.chars()
                .take(40)
                .filter(|c| c.is_ascii_alphanumeric() || *c == '+' || *c == '/')
                .count()
                == 40
        })
}

#[test]
fn the_release_bundle_holds_no_test_root() {
    let text = std::fs::read_to_string(root().join("tauri.conf.json")).expect("tauri.conf.json");
    let config: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    for word in [
        "testkit",
        "test-pki",
        "HOMEPORTAL_TEST_PKI",
        ".pem",
        "trust",
    ] {
        assert!(!text.contains(word), "tauri.conf.json mentions {word}");
    }
    let files = shipped(&config);
    assert!(
        files.iter().any(|f| f.ends_with("index.html")),
        "the interface is built (ui/dist) and checked: {files:?}"
    );
    let keys = TestPki::new(0).ca_public_keys();
    let b64 = base64::engine::general_purpose::STANDARD;
    for file in &files {
        let bytes = std::fs::read(file).expect("a readable file");
        let text = String::from_utf8_lossy(&bytes);
        let compact: String = text.split_whitespace().collect();
        assert!(
            !holds_pem_certificate(&text),
            "{} ships a certificate",
            file.display()
        );
        for key in &keys {
            let in_der = bytes.windows(key.len()).any(|w| w == key.as_slice());
            // A PEM body is base64 of the certificate, which holds the key at some offset.
            let in_base64 = (0..3).any(|shift| {
                let encoded = b64.encode(&key[shift..]);
                compact.contains(&encoded[8..encoded.len() - 8])
            });
            assert!(!in_der && !in_base64, "{} holds a test CA", file.display());
        }
    }
}
