//! EDS signatures on the server's side: a strict verifier built from the configured trust
//! bundle, acts signed through NCALayer, eGov QR signing (API №1/№2), and the challenge a login
//! by EDS answers.

mod acts;
pub(crate) mod challenge;
pub(crate) mod egov;
mod egov_login;
mod manifest;
pub(crate) mod verdict;

use std::path::Path;

use axum::routing::{get, post};
use axum::Router;
use homeportal_domain::access::paths as access;
use homeportal_domain::signing::paths;
use homeportal_pki::{TrustStore, Verifier};

use crate::state::AppState;
use crate::StartError;

/// The verifier: roots and issuing CAs from `bundle`; without one nothing is trusted.
pub fn verifier(bundle: Option<&Path>) -> Result<Verifier, StartError> {
    let Some(path) = bundle else {
        return Ok(Verifier::new(TrustStore::default()));
    };
    let trust_error = |detail: String| StartError::Trust {
        path: path.to_owned(),
        detail,
    };
    let pem = std::fs::read(path).map_err(|e| trust_error(e.to_string()))?;
    let trust = TrustStore::from_bundle(&pem).map_err(|e| trust_error(e.to_string()))?;
    Ok(Verifier::new(trust))
}

/// The cabinet's signing routes (authenticated, `{code, message}` errors).
pub fn api_routes() -> Router<AppState> {
    Router::new()
        .route(paths::DOCUMENT_MANIFEST, get(acts::manifest))
        .route(paths::DOCUMENT_SIGNATURES, get(acts::list).post(acts::sign))
        .route(paths::QR_SESSIONS, post(egov::create_session))
        .route(paths::QR_SESSION, get(egov::session_status))
        .route(paths::CHALLENGE, post(challenge::issue))
        .route(paths::LOGIN_EDS, post(challenge::login))
        .route(access::QR_LOGIN, post(egov_login::start))
        .route(access::QR_LOGIN_STATUS, post(egov_login::status))
}

/// eGov mobile's API №1/№2 (public, `{"message"}` errors as the app expects).
pub fn egov_routes() -> Router<AppState> {
    Router::new()
        .route(paths::EGOV_API1, get(egov::api1))
        .route(paths::EGOV_API2, get(egov::api2).put(egov::api2_put))
        .route(access::EGOV_LOGIN_API1, get(egov_login::api1))
        .route(
            access::EGOV_LOGIN_API2,
            get(egov_login::api2).put(egov_login::api2_put),
        )
}
