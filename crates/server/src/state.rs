//! What every handler shares.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::accounts::throttle::LoginThrottle;
use crate::blobs::BlobStore;
use crate::config::Config;
use crate::db::Db;
use crate::uploads::running_hash::RunningHashes;

/// Application state passed to handlers.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub db: Db,
    /// The configuration the server started with.
    pub config: Arc<Config>,
    /// Finished document bytes.
    pub blobs: Arc<dyn BlobStore>,
    /// Where unfinished uploads grow.
    pub uploads_dir: PathBuf,
    /// Uploads a PATCH is writing right now (one writer per upload).
    pub busy_uploads: Arc<Mutex<HashSet<String>>>,
    /// Whole-file hash states of uploads in progress.
    pub running_hashes: Arc<RunningHashes>,
    /// Where phones reach this server (eGov API №1/№2 links), without a trailing slash.
    pub public_url: Arc<str>,
    /// Checks EDS signatures against the configured trust bundle.
    pub verifier: Arc<homeportal_pki::Verifier>,
    /// Wrong-password counts per BIN.
    pub login_throttle: Arc<LoginThrottle>,
}

/// Seconds since the Unix epoch, UTC.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}
