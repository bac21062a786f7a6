//! What every handler shares.

use std::sync::Arc;

use crate::config::Config;
use crate::db::Db;

/// Application state passed to handlers.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub db: Db,
    /// The configuration the server started with.
    pub config: Arc<Config>,
}

/// Seconds since the Unix epoch, UTC.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}
