//! A static update source, as КЖК publishes one: a folder with `latest.json` and the artifacts,
//! served over HTTP on loopback. The test writes the folder; the app's updater reads it like
//! any web server's.

use std::path::{Path, PathBuf};

use axum::Router;
use serde_json::json;
use tower_http::services::ServeDir;

/// The running source.
pub struct UpdateSource {
    folder: tempfile::TempDir,
    base: String,
    runtime: Option<tokio::runtime::Runtime>,
}

impl UpdateSource {
    /// Serves a new empty folder on a free port.
    pub fn start() -> UpdateSource {
        let folder = tempfile::tempdir().expect("update folder");
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a runtime for the update source");
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("update source port");
        listener.set_nonblocking(true).expect("nonblocking");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let app = Router::new().fallback_service(ServeDir::new(folder.path()));
        runtime.spawn(async move {
            if let Ok(listener) = tokio::net::TcpListener::from_std(listener) {
                let _ = axum::serve(listener, app).await;
            }
        });
        UpdateSource {
            folder,
            base,
            runtime: Some(runtime),
        }
    }

    /// The manifest's address (what `HOMEPORTAL_UPDATE_URL` is set to).
    pub fn manifest_url(&self) -> String {
        format!("{}/latest.json", self.base)
    }

    /// Puts `artifact` in the folder under `name`; its address.
    pub fn publish(&self, artifact: &Path, name: &str) -> String {
        std::fs::copy(artifact, self.folder.path().join(name)).expect("artifact copied");
        format!("{}/{name}", self.base)
    }

    /// Puts `bytes` in the folder under `name`; its address.
    pub fn publish_bytes(&self, bytes: &[u8], name: &str) -> String {
        std::fs::write(self.folder.path().join(name), bytes).expect("artifact written");
        format!("{}/{name}", self.base)
    }

    /// Writes `latest.json` offering `version` for Debian packages at `url` with `signature`.
    pub fn offer(&self, version: &str, notes: &str, url: &str, signature: &str) {
        let manifest = json!({
            "version": version,
            "notes": notes,
            "pub_date": "2026-12-01T09:00:00Z",
            "platforms": {
                "linux-x86_64-deb": { "url": url, "signature": signature },
                "linux-x86_64": { "url": url, "signature": signature },
            },
        });
        let path: PathBuf = self.folder.path().join("latest.json");
        std::fs::write(path, manifest.to_string()).expect("manifest written");
    }
}

impl Drop for UpdateSource {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}
