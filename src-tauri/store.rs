//! The desktop's own SQLite store (WAL, migrations from `migrations/local`): settings and the
//! session, in the OS app-data folder.

use std::path::Path;
use std::sync::Mutex;

use homeportal_domain::api::Profile;
use homeportal_domain::{ErrorBody, ErrorCode, Lang};
use rusqlite::{params, Connection, OptionalExtension};
use rusqlite_migration::{Migrations, M};

const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!(
        "../migrations/local/0001_settings_session.sql"
    )),
    M::up(include_str!("../migrations/local/0002_uploads.sql")),
];

/// Keys of the settings table.
pub mod keys {
    /// Interface language code.
    pub const LANG: &str = "lang";
    /// Remote server URL; absent means the embedded server.
    pub const SERVER_URL: &str = "server_url";
}

/// A failure of the local store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The folder could not be created.
    #[error("cannot create {0}: {1}")]
    Dir(String, std::io::Error),
    /// SQLite failed.
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A migration failed.
    #[error("migration: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// The mutex around the connection was poisoned by a panic.
    #[error("the local store is unusable after an earlier failure")]
    Poisoned,
}

impl StoreError {
    /// The user-facing form: the local-storage error in `lang`.
    pub fn to_body(&self, lang: Lang) -> ErrorBody {
        tracing::error!(error = %self, "local store");
        ErrorBody::new(ErrorCode::LocalStorage, lang)
    }
}

/// The session kept on this computer.
#[derive(Debug, Clone)]
pub struct StoredSession {
    /// Bearer token.
    pub token: String,
    /// The profile as last seen.
    pub profile: Profile,
}

/// The open local database.
pub struct LocalStore {
    conn: Mutex<Connection>,
}

impl LocalStore {
    /// Opens `desktop.sqlite3` in `dir`, creating and migrating it as needed.
    pub fn open(dir: &Path) -> Result<LocalStore, StoreError> {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Dir(dir.display().to_string(), e))?;
        let mut conn = Connection::open(dir.join("desktop.sqlite3"))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Migrations::from_slice(MIGRATIONS).to_latest(&mut conn)?;
        Ok(LocalStore {
            conn: Mutex::new(conn),
        })
    }

    /// Runs `f` with the connection.
    pub(crate) fn with<T>(
        &self,
        f: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        let conn = self.conn.lock().map_err(|_| StoreError::Poisoned)?;
        Ok(f(&conn)?)
    }

    /// A setting's value.
    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.with(|c| {
            c.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()
        })
    }

    /// Stores a setting.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.with(|c| {
            c.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) \
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )
            .map(|_| ())
        })
    }

    /// The chosen interface language (Russian until one is chosen).
    pub fn lang(&self) -> Lang {
        self.setting(keys::LANG)
            .ok()
            .flatten()
            .and_then(|code| Lang::from_code(&code))
            .unwrap_or_default()
    }

    /// The kept session, if any; a row that no longer parses counts as none.
    pub fn session(&self) -> Result<Option<StoredSession>, StoreError> {
        let row: Option<(String, String)> = self.with(|c| {
            c.query_row("SELECT token, profile FROM session WHERE id = 1", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()
        })?;
        Ok(row.and_then(|(token, profile)| {
            serde_json::from_str(&profile)
                .ok()
                .map(|profile| StoredSession { token, profile })
        }))
    }

    /// Keeps the session (replacing any previous one).
    pub fn save_session(&self, token: &str, profile: &Profile, now: i64) -> Result<(), StoreError> {
        let profile = serde_json::to_string(profile).unwrap_or_default();
        self.with(|c| {
            c.execute(
                "INSERT INTO session (id, token, profile, saved_at) VALUES (1, ?1, ?2, ?3) \
                 ON CONFLICT(id) DO UPDATE SET token = excluded.token, profile = excluded.profile, \
                 saved_at = excluded.saved_at",
                params![token, profile, now],
            )
            .map(|_| ())
        })
    }

    /// Forgets the session.
    pub fn clear_session(&self) -> Result<(), StoreError> {
        self.with(|c| c.execute("DELETE FROM session", []).map(|_| ()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use homeportal_domain::ids::{Bin, Iin};

    fn profile() -> Profile {
        Profile {
            bin: Bin::parse("940140000385").expect("bin"),
            org_name: "ТОО «Тест»".into(),
            iin: Iin::parse("830717350867").expect("iin"),
            last_name: "Сапаров".into(),
            first_name: "Ерлан".into(),
            middle_name: None,
            email: "a@b.kz".into(),
            email_verified: false,
            phone: "+77011234567".into(),
            phone_verified: false,
        }
    }

    #[test]
    fn settings_and_session_survive_a_reopen() {
        let dir = tempfile::tempdir().expect("tempdir");
        {
            let store = LocalStore::open(dir.path()).expect("open");
            assert_eq!(store.lang(), Lang::Ru);
            store.set_setting(keys::LANG, "kk").expect("set");
            store.save_session("tok", &profile(), 1).expect("save");
        }
        let store = LocalStore::open(dir.path()).expect("reopen");
        assert_eq!(store.lang(), Lang::Kk);
        let session = store.session().expect("read").expect("present");
        assert_eq!(session.token, "tok");
        assert_eq!(session.profile, profile());
        store.clear_session().expect("clear");
        assert!(store.session().expect("read").is_none());
    }

    #[test]
    fn an_unknown_language_code_falls_back_to_russian() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = LocalStore::open(dir.path()).expect("open");
        store.set_setting(keys::LANG, "xx").expect("set");
        assert_eq!(store.lang(), Lang::Ru);
    }
}
