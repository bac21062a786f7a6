//! The server's SQLite store: WAL mode, migrations from `migrations/server`, blocking calls
//! moved off the async runtime. One writer connection (each call is atomic, as it always was)
//! beside a small pool of read-only connections, so lists and session checks never wait
//! behind a write.

use std::path::Path;
use std::sync::{Arc, Mutex};

use r2d2_sqlite::SqliteConnectionManager;
use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{Migrations, M};

use crate::error::AppError;

const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("../migrations/0001_accounts.sql")),
    M::up(include_str!("../migrations/0002_uploads_documents.sql")),
    M::up(include_str!("../migrations/0003_signing.sql")),
    M::up(include_str!("../migrations/0004_signature_once.sql")),
    M::up(include_str!("../migrations/0005_applications.sql")),
    M::up(include_str!("../migrations/0006_login_failures.sql")),
    M::up(include_str!("../migrations/0007_signature_times.sql")),
    M::up(include_str!("../migrations/0008_front_door.sql")),
    M::up(include_str!("../migrations/0009_qr_logins.sql")),
    M::up(include_str!("../migrations/0010_guarantee.sql")),
    M::up(include_str!("../migrations/0011_consents.sql")),
    M::up(include_str!("../migrations/0012_submission_qr.sql")),
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
    /// The read-only connections could not be opened.
    #[error("cannot open the database for reading: {0}")]
    Readers(String),
}

/// Read-only connections kept open for readers.
const READERS: u32 = 4;

/// A shared handle to the database.
#[derive(Clone)]
pub struct Db {
    conn: Arc<Mutex<Connection>>,
    readers: r2d2::Pool<SqliteConnectionManager>,
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
        let manager = SqliteConnectionManager::file(data_dir.join("server.sqlite3"))
            .with_flags(OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .with_init(|c| c.busy_timeout(std::time::Duration::from_secs(5)));
        let readers = r2d2::Pool::builder()
            .max_size(READERS)
            .build(manager)
            .map_err(|e| OpenError::Readers(e.to_string()))?;
        Ok(Db {
            conn: Arc::new(Mutex::new(conn)),
            readers,
        })
    }

    /// Runs `f` — which only reads — on a read-only connection of the pool, on the blocking pool.
    pub async fn read<F, T>(&self, f: F) -> Result<T, AppError>
    where
        F: FnOnce(&Connection) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let readers = self.readers.clone();
        tokio::task::spawn_blocking(move || {
            let conn = readers
                .get()
                .map_err(|e| AppError::internal(format!("no reader connection: {e}")))?;
            f(&conn)
        })
        .await
        .map_err(|e| AppError::internal(format!("database task failed: {e}")))?
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
        let bins: i64 = tokio::runtime::Runtime::new()
            .expect("runtime")
            .block_on(
                db.read(|c| Ok(c.query_row("SELECT count(*) FROM accounts", [], |r| r.get(0))?)),
            )
            .expect("a reader reads");
        assert_eq!(bins, 0);
        let refused = tokio::runtime::Runtime::new()
            .expect("runtime")
            .block_on(db.read(|c| Ok(c.execute("DELETE FROM accounts", [])?)));
        assert!(refused.is_err(), "readers cannot write");
        // Opening again is idempotent.
        drop(db);
        Db::open(dir.path()).expect("reopens");
    }
}
