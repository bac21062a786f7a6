//! `GET /health`: liveness and version, no authentication.

use axum::Json;
use homeportal_domain::api::Health;

/// Answers `{"status":"ok","version":…}`.
pub async fn health() -> Json<Health> {
    Json(Health {
        status: "ok".to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
    })
}
