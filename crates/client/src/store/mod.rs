//! The desktop's own SQLite store in the OS app-data folder (WAL, migrations inside this
//! crate), with one query module per table.

pub mod cursors;
pub mod drafts;
mod json;
pub mod outbox;
pub mod session;
pub mod settings;
mod token_vault;
pub mod uploads;

use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::{Connection, Transaction};
use rusqlite_migration::{Migrations, M};

use crate::error::{ClientError, Result};

const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("../../migrations/0001_settings_session.sql")),
    M::up(include_str!("../../migrations/0002_uploads.sql")),
    M::up(include_str!("../../migrations/0003_drafts.sql")),
    M::up(include_str!("../../migrations/0004_sync.sql")),
    M::up(include_str!("../../migrations/0005_parties.sql")),
];

/// The open local database (clones share the one connection).
#[derive(Clone)]
pub struct LocalStore {
    conn: Arc<Mutex<Connection>>,
    /// The session token kept in the keychain, as last read or written: every command and
    /// sync round asks for the session, and the keychain is asked once.
    keychain_token: Arc<Mutex<Option<String>>>,
}

impl LocalStore {
    /// Opens `desktop.sqlite3` in `dir`, creating and migrating it as needed.
    pub fn open(dir: &Path) -> Result<LocalStore> {
        std::fs::create_dir_all(dir)?;
        let mut conn = Connection::open(dir.join("desktop.sqlite3"))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // A saved edit must survive a power cut: every commit reaches the disk.
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Migrations::from_slice(MIGRATIONS).to_latest(&mut conn)?;
        Ok(LocalStore {
            conn: Arc::new(Mutex::new(conn)),
            keychain_token: Arc::default(),
        })
    }

    /// Runs `f` with the connection.
    pub(crate) fn with<T>(&self, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Result<T> {
        let conn = self.conn.lock().map_err(|_| ClientError::Poisoned)?;
        Ok(f(&conn)?)
    }

    /// Runs `f` in one transaction, committed (and on disk) when `f` succeeds.
    pub fn transaction<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.conn.lock().map_err(|_| ClientError::Poisoned)?;
        let tx = conn.transaction()?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(Migrations::from_slice(MIGRATIONS).validate().is_ok());
    }
}
