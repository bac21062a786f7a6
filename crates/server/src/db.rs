//! The server's SQLite store: WAL mode, migrations from `migrations/server`, blocking calls
//! moved off the async runtime.

use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use crate::error::AppError;

const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("../migrations/0001_accounts.sql")),
    M::up(include_str!("../migrations/0002_uploads_documents.sql")),
    M::up(include_str!("../migrations/0003_signing.sql")),
    M::up(include_str!("../migrations/0004_signature_once.sql")),
    M::up(include_str!("../migrations/0005_applications.sql")),
];

/// Why the store could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The data directory could not be created.
    #[error("cannot create the data directory {0}: {1}")]
    DataDir(String, std::io::Error),
    /// SQLite refused to open or configure the file.
    #[error("cannot open the database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A migration failed.
    #[error("cannot migrate the database: {0}")]
    Migration(#[from] rusqlite_migration::Error),
}

/// A shared handle to the database.
#[derive(Clone)]
pub struct Db {
    conn: Arc<Mutex<Connection>>,
}

impl Db {
    /// Opens (creating if needed) `server.sqlite3` in `data_dir` and migrates it to the latest schema.
    pub fn open(data_dir: &Path) -> Result<Db, OpenError> {
        std::fs::create_dir_all(data_dir)
            .map_err(|e| OpenError::DataDir(data_dir.display().to_string(), e))?;
        let mut conn = Connection::open(data_dir.join("server.sqlite3"))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // An answered change must survive a power cut: the desktop forgets it once answered.
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Migrations::from_slice(MIGRATIONS).to_latest(&mut conn)?;
        Ok(Db {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// Runs `f` with the connection on the blocking pool.
    pub async fn call<F, T>(&self, f: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut Connection) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let conn = Arc::clone(&self.conn);
        tokio::task::spawn_blocking(move || {
            let mut guard = conn
                .lock()
                .map_err(|_| AppError::internal("database mutex poisoned"))?;
            f(&mut guard)
        })
        .await
        .map_err(|e| AppError::internal(format!("database task failed: {e}")))?
    }

    /// Runs `f` with the connection on the current thread (for the admin commands).
    pub fn call_blocking<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let mut guard = self
            .conn
            .lock()
            .map_err(|_| AppError::internal("database mutex poisoned"))?;
        f(&mut guard)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid_and_wal_is_on() {
        assert!(Migrations::from_slice(MIGRATIONS).validate().is_ok());
        let dir = tempfile::tempdir().expect("tempdir");
        let db = Db::open(dir.path()).expect("opens");
        let mode: String = db
            .call_blocking(|c| Ok(c.query_row("PRAGMA journal_mode", [], |r| r.get(0))?))
            .expect("pragma");
        assert_eq!(mode, "wal");
        // Opening again is idempotent.
        drop(db);
        Db::open(dir.path()).expect("reopens");
    }
}
