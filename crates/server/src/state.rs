//! What every handler shares.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use homeportal_domain::calendar::WorkingCalendar;

use crate::blobs::{BlobStore, FsBlobStore};
use crate::clock::{Clock, SystemClock};
use crate::config::Config;
use crate::db::Db;
use crate::registry::Registry;
use crate::throttle::AddressThrottle;
use crate::uploads::running_hash::RunningHashes;
use crate::{signing, StartError};

/// Application state passed to handlers.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub(crate) db: Db,
    /// The configuration the server started with.
    pub(crate) config: Arc<Config>,
    /// Finished document bytes.
    pub(crate) blobs: Arc<dyn BlobStore>,
    /// Where unfinished uploads grow.
    pub(crate) uploads_dir: PathBuf,
    /// Uploads a PATCH is writing right now (one writer per upload).
    pub(crate) busy_uploads: Arc<Mutex<HashSet<String>>>,
    /// Whole-file hash states of uploads in progress.
    pub(crate) running_hashes: Arc<RunningHashes>,
    /// Where phones reach this server (eGov API №1/№2 links), without a trailing slash.
    pub(crate) public_url: Arc<str>,
    /// Checks EDS signatures against the configured trust bundle.
    pub(crate) verifier: Arc<homeportal_pki::Verifier>,
    /// Login attempts per client address.
    pub(crate) login_throttle: Arc<AddressThrottle>,
    /// Anonymous login challenges per client address.
    pub(crate) challenge_throttle: Arc<AddressThrottle>,
    /// How one-time codes leave the server.
    pub(crate) delivery: crate::delivery::Delivery,
    /// Password checks allowed at once (each takes a core and 19 MiB for a moment).
    pub(crate) hashing: Arc<tokio::sync::Semaphore>,
    /// The time (injectable).
    pub(crate) clock: Arc<dyn Clock>,
    /// КЖК's working days.
    pub(crate) calendar: Arc<WorkingCalendar>,
    /// Where «Поиск» finds organisations.
    pub(crate) registry: Arc<dyn Registry>,
}

impl AppState {
    /// The state of a server over `db` with `config`; `bound_url` is where it listens, used for
    /// phones' links when no public URL is configured.
    pub fn open(config: Config, db: Db, bound_url: &str) -> Result<AppState, StartError> {
        let delivery = crate::delivery::Delivery::from_config(&config, &db)?;
        let registry =
            crate::registry::from_config(&config.registry, &db).map_err(StartError::Registry)?;
        Ok(AppState {
            clock: Arc::new(SystemClock),
            calendar: Arc::new(WorkingCalendar::embedded()),
            registry,
            delivery,
            db,
            blobs: Arc::new(FsBlobStore::new(config.data_dir.join("blobs"))),
            uploads_dir: config.data_dir.join("uploads"),
            busy_uploads: Arc::default(),
            running_hashes: Arc::default(),
            public_url: Arc::from(
                config
                    .public_url
                    .as_deref()
                    .unwrap_or(bound_url)
                    .trim_end_matches('/'),
            ),
            verifier: Arc::new(signing::verifier(config.trust_bundle.as_deref())?),
            login_throttle: Arc::new(AddressThrottle::logins()),
            challenge_throttle: Arc::new(AddressThrottle::challenges()),
            hashing: Arc::new(tokio::sync::Semaphore::new(
                std::thread::available_parallelism().map_or(2, |n| n.get()),
            )),
            config: Arc::new(config),
        })
    }

    /// The same state telling the time by `clock`.
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> AppState {
        self.clock = clock;
        self
    }

    /// The clock's time, Unix seconds.
    pub(crate) fn now(&self) -> i64 {
        self.clock.now()
    }
}

/// Seconds since the Unix epoch, UTC.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// Unix seconds as RFC 3339 UTC (empty for a time out of range).
pub fn rfc3339(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|t| t.to_rfc3339())
        .unwrap_or_default()
}
