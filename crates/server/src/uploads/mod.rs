//! Resumable uploads (tus 1.0.0) into the content-addressed blob store: the protocol, the
//! chunk writer, the running whole-file hash, and what a finished file holds.

mod chunk_writer;
mod content;
pub(crate) mod protocol;
pub mod running_hash;

use axum::routing::{options, patch};
use axum::Router;
use homeportal_domain::api::paths;

pub use protocol::{complete_pending, remove_expired};

use crate::state::AppState;

/// The tus routes, behind the version check.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            paths::UPLOADS,
            options(protocol::options).post(protocol::create),
        )
        .route(
            paths::UPLOAD,
            patch(protocol::patch)
                .head(protocol::head)
                .delete(protocol::terminate),
        )
        .layer(axum::middleware::from_fn(protocol::tus_version))
}
