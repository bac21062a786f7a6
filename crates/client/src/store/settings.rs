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
    /// Remote server URL (when the server mode is remote).
    ServerUrl,
    /// `local` or `remote`: the choice of the first run (absent: not chosen yet).
    ServerMode,
    /// NCALayer's port, when not the usual one.
    NcaLayerPort,
    /// A PEM file of CAs NCALayer's TLS chain may come from.
    NcaLayerCa,
    /// This computer's id in the sync protocol (made once, never changed).
    DeviceId,
}

impl Setting {
    fn key(self) -> &'static str {
        match self {
            Setting::Lang => "lang",
            Setting::ServerUrl => "server_url",
            Setting::ServerMode => "server_mode",
            Setting::NcaLayerPort => "ncalayer_port",
            Setting::NcaLayerCa => "ncalayer_ca",
            Setting::DeviceId => "device_id",
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

    /// This computer's sync id, made on first use: 128 random bits as a UUID.
    pub fn device_id(&self) -> Result<String> {
        if let Some(id) = self.setting(Setting::DeviceId)? {
            return Ok(id);
        }
        let bytes: [u8; 16] = rand::random();
        let hex = hex::encode(bytes);
        let id = format!(
            "{}-{}-{}-{}-{}",
            &hex[..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..]
        );
        self.with(|c| {
            c.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO NOTHING",
                params![Setting::DeviceId.key(), id],
            )
        })?;
        Ok(self.setting(Setting::DeviceId)?.unwrap_or(id))
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
