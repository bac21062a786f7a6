//! `/updates/…`: the desktop app's update manifest and installers, from the folder
//! `updates_dir` names. Without one, `latest.json` answers 204 No Content, which the app's
//! updater reads as "no update", so a server that publishes none says so plainly.

use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use tower_http::services::ServeDir;

use crate::state::AppState;

/// Where the manifest is, relative to the server.
pub const MANIFEST: &str = "/updates/latest.json";

/// The update routes for `state`'s configuration.
pub fn routes(state: &AppState) -> Router<AppState> {
    match &state.config.updates_dir {
        Some(dir) => Router::new().nest_service("/updates", ServeDir::new(dir)),
        None => Router::new().route(MANIFEST, get(|| async { StatusCode::NO_CONTENT })),
    }
}
