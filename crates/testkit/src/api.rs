//! The few API calls tests need before the part they test: log in, put a document in place.

use base64::Engine;

use crate::{ServerProcess, TestAccount};

impl ServerProcess {
    /// Logs `account` in with its password; the session token.
    pub async fn login(&self, account: &TestAccount) -> String {
        let session: serde_json::Value = reqwest::Client::new()
            .post(format!("{}/api/v1/auth/login", self.url()))
            .json(&serde_json::json!({ "bin": account.bin, "password": account.password }))
            .send()
            .await
            .expect("login sent")
            .json()
            .await
            .expect("a session");
        session["token"].as_str().expect("a token").to_owned()
    }

    /// Uploads `bytes` as library document `name` in slot `charter` (tus creation-with-upload);
    /// the new document's id.
    pub async fn upload_document(&self, token: &str, name: &str, bytes: &[u8]) -> i64 {
        let b64 = |v: &[u8]| base64::engine::general_purpose::STANDARD.encode(v);
        let http = reqwest::Client::new();
        let created = http
            .post(format!("{}/api/v1/uploads", self.url()))
            .bearer_auth(token)
            .header("Tus-Resumable", "1.0.0")
            .header("Upload-Length", bytes.len().to_string())
            .header(
                "Upload-Metadata",
                format!("filename {},slot {}", b64(name.as_bytes()), b64(b"charter")),
            )
            .header("Content-Type", "application/offset+octet-stream")
            .body(bytes.to_vec())
            .send()
            .await
            .expect("upload sent");
        assert_eq!(created.status().as_u16(), 201, "document created");
        let documents: serde_json::Value = http
            .get(format!("{}/api/v1/documents", self.url()))
            .bearer_auth(token)
            .send()
            .await
            .expect("list sent")
            .json()
            .await
            .expect("documents");
        documents[0]["id"].as_i64().expect("a document id")
    }
}
