//! The `settings` table: what this computer remembers (language, server, NCALayer port).

use homeportal_domain::Lang;
use rusqlite::{params, OptionalExtension};

use super::LocalStore;
use crate::error::Result;

/// A setting this computer keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    /// Interface language code.
    Lang,
    /// Remote server URL; absent means the embedded server.
    ServerUrl,
    /// NCALayer's port, when not the usual one.
    NcaLayerPort,
    /// A PEM file of CAs NCALayer's TLS chain may come from.
    NcaLayerCa,
}

impl Setting {
    fn key(self) -> &'static str {
        match self {
            Setting::Lang => "lang",
            Setting::ServerUrl => "server_url",
            Setting::NcaLayerPort => "ncalayer_port",
            Setting::NcaLayerCa => "ncalayer_ca",
        }
    }
}

impl LocalStore {
    /// A setting's value.
    pub fn setting(&self, setting: Setting) -> Result<Option<String>> {
        self.with(|c| {
            c.query_row(
                "SELECT value FROM settings WHERE key = ?1",
                [setting.key()],
                |r| r.get(0),
            )
            .optional()
        })
    }

    /// Stores a setting.
    pub fn set_setting(&self, setting: Setting, value: &str) -> Result<()> {
        self.with(|c| {
            c.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) \
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![setting.key(), value],
            )
            .map(drop)
        })
    }

    /// The chosen interface language (Russian until one is chosen).
    pub fn lang(&self) -> Lang {
        self.setting(Setting::Lang)
            .ok()
            .flatten()
            .and_then(|code| Lang::from_code(&code))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_survive_a_reopen_and_unknown_languages_fall_back_to_russian() {
        let dir = tempfile::tempdir().expect("tempdir");
        {
            let store = LocalStore::open(dir.path()).expect("open");
            assert_eq!(store.lang(), Lang::Ru);
            store.set_setting(Setting::Lang, "kk").expect("set");
        }
        let store = LocalStore::open(dir.path()).expect("reopen");
        assert_eq!(store.lang(), Lang::Kk);
        store.set_setting(Setting::Lang, "xx").expect("set");
        assert_eq!(store.lang(), Lang::Ru);
    }
}
