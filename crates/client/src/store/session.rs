//! The `session` table: the one open session, with the profile last seen so the cabinet opens
//! offline.

use homeportal_domain::api::Profile;
use homeportal_domain::settings::TokenPlace;
use rusqlite::{params, OptionalExtension};

use super::token_vault::{self, IN_KEYCHAIN};
use super::LocalStore;
use crate::error::{ClientError, Result};

/// The session kept on this computer.
#[derive(Debug, Clone)]
pub struct StoredSession {
    /// Bearer token.
    pub token: String,
    /// The profile as last seen.
    pub profile: Profile,
}

impl LocalStore {
    /// The kept session, if any; a row that no longer parses counts as none.
    pub fn session(&self) -> Result<Option<StoredSession>> {
        let row: Option<(String, String)> = self.with(|c| {
            c.query_row("SELECT token, profile FROM session WHERE id = 1", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()
        })?;
        let Some((stored, profile)) = row else {
            return Ok(None);
        };
        let token = if stored == IN_KEYCHAIN {
            match self.token_in_keychain()? {
                Some(token) => token,
                // The keychain lost it (another user, a wiped keychain): signed out.
                None => return Ok(None),
            }
        } else {
            stored
        };
        Ok(serde_json::from_str(&profile)
            .ok()
            .map(|profile| StoredSession { token, profile }))
    }

    /// Keeps the session (replacing any previous one), its token in the keychain when one
    /// answers.
    pub fn save_session(&self, token: &str, profile: &Profile, now: i64) -> Result<()> {
        let profile = serde_json::to_string(profile).unwrap_or_default();
        let kept = self.cached_token()?.as_deref() == Some(token);
        let token = if kept {
            IN_KEYCHAIN
        } else {
            match token_vault::put(&self.device_id()?, token) {
                TokenPlace::Keychain => {
                    self.cache_token(Some(token.to_owned()))?;
                    IN_KEYCHAIN
                }
                TokenPlace::LocalStore => token,
            }
        };
        self.with(|c| {
            c.execute(
                "INSERT INTO session (id, token, profile, saved_at) VALUES (1, ?1, ?2, ?3) \
                 ON CONFLICT(id) DO UPDATE SET token = excluded.token, profile = excluded.profile, \
                 saved_at = excluded.saved_at",
                params![token, profile, now],
            )
            .map(drop)
        })
    }

    /// Forgets the session, here and in the keychain.
    pub fn clear_session(&self) -> Result<()> {
        self.cache_token(None)?;
        token_vault::forget(&self.device_id()?);
        self.with(|c| c.execute("DELETE FROM session", []).map(drop))
    }

    /// The token filed in the keychain: from memory once read.
    fn token_in_keychain(&self) -> Result<Option<String>> {
        if let Some(token) = self.cached_token()? {
            return Ok(Some(token));
        }
        let read = token_vault::get(&self.device_id()?);
        self.cache_token(read.clone())?;
        Ok(read)
    }

    fn cached_token(&self) -> Result<Option<String>> {
        let cache = self
            .keychain_token
            .lock()
            .map_err(|_| ClientError::Poisoned)?;
        Ok(cache.clone())
    }

    fn cache_token(&self, token: Option<String>) -> Result<()> {
        let mut cache = self
            .keychain_token
            .lock()
            .map_err(|_| ClientError::Poisoned)?;
        *cache = token;
        Ok(())
    }

    /// Where the session token is (or would be) kept.
    pub fn token_place(&self) -> Result<TokenPlace> {
        let stored: Option<String> = self.with(|c| {
            c.query_row("SELECT token FROM session WHERE id = 1", [], |r| r.get(0))
                .optional()
        })?;
        Ok(match stored {
            Some(token) if token == IN_KEYCHAIN => TokenPlace::Keychain,
            Some(_) => TokenPlace::LocalStore,
            None if token_vault::available(&self.device_id()?) => TokenPlace::Keychain,
            None => TokenPlace::LocalStore,
        })
    }
}

#[cfg(test)]
mod tests {
    use homeportal_domain::ids::{Bin, Iin};

    use super::*;

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
    fn the_session_survives_a_reopen_until_cleared() {
        let dir = tempfile::tempdir().expect("tempdir");
        LocalStore::open(dir.path())
            .expect("open")
            .save_session("tok", &profile(), 1)
            .expect("save");
        let store = LocalStore::open(dir.path()).expect("reopen");
        let session = store.session().expect("read").expect("present");
        assert_eq!(session.token, "tok");
        assert_eq!(session.profile, profile());
        store.clear_session().expect("clear");
        assert!(store.session().expect("read").is_none());
    }
}
