//! A fake of the state registry of legal entities the server's `[registry] mode = "http"` asks:
//! `GET /{bin}` answers `{"name"}` for a known БИН and 404 for another, and refuses a request
//! without its key, as a real service would.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};

/// The key the fake accepts.
pub const KEY: &str = "test-registry-key";

/// The running registry.
pub struct RegistryFake {
    url: String,
    runtime: Option<tokio::runtime::Runtime>,
}

async fn lookup(
    State(known): State<Arc<BTreeMap<String, String>>>,
    headers: HeaderMap,
    Path(bin): Path<String>,
) -> Response {
    let authorised = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        == Some(&format!("Bearer {KEY}"));
    if !authorised {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    match known.get(&bin) {
        Some(name) => Json(serde_json::json!({ "name": name })).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

impl RegistryFake {
    /// Starts on a free port, knowing `organisations` (БИН, name).
    pub fn start(organisations: &[(&str, &str)]) -> RegistryFake {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a runtime for the registry");
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("registry port");
        listener.set_nonblocking(true).expect("nonblocking");
        let url = format!(
            "http://{}/legal-entities",
            listener.local_addr().expect("address")
        );
        let known: BTreeMap<String, String> = organisations
            .iter()
            .map(|(bin, name)| ((*bin).to_owned(), (*name).to_owned()))
            .collect();
        let app = Router::new()
            .route("/legal-entities/{bin}", get(lookup))
            .with_state(Arc::new(known));
        runtime.spawn(async move {
            if let Ok(listener) = tokio::net::TcpListener::from_std(listener) {
                let _ = axum::serve(listener, app).await;
            }
        });
        RegistryFake {
            url,
            runtime: Some(runtime),
        }
    }

    /// The server configuration that asks this registry.
    pub fn config(&self) -> String {
        format!(
            "[registry]\nmode = \"http\"\nurl = \"{}\"\nkey = \"{KEY}\"\n",
            self.url
        )
    }
}

impl Drop for RegistryFake {
    fn drop(&mut self) {
        // Tests drop it inside their own runtime, where a blocking shutdown is not allowed.
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}
