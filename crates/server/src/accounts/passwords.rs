//! Argon2id password hashes in PHC format, computed off the async runtime.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

use crate::error::AppError;

/// Hashes `password` with Argon2id (m=19 MiB, t=2, p=1: the crate's OWASP-level defaults).
pub fn hash(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::internal(format!("argon2: {e}")))
}

/// Whether `password` matches the PHC string `stored`; a malformed hash never matches.
pub fn verify(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// How long a login waits for a free hashing slot before it is told the server is busy.
const SLOT_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

/// Checks `password` against `stored` on the blocking pool, holding no database lock, at most
/// as many at once as `slots` allows; a login that finds no slot in time is told to retry.
pub async fn verify_off_the_runtime(
    slots: &tokio::sync::Semaphore,
    password: String,
    stored: String,
) -> Result<bool, AppError> {
    let _slot = tokio::time::timeout(SLOT_WAIT, slots.acquire())
        .await
        .map_err(|_| AppError::Code(homeportal_domain::ErrorCode::ServerBusy))?
        .map_err(|_| AppError::internal("hashing slots closed"))?;
    tokio::task::spawn_blocking(move || verify(&password, &stored))
        .await
        .map_err(|e| AppError::internal(format!("hashing task: {e}")))
}

/// Hashes `password` on the blocking pool, waiting for a hashing slot like a login does.
pub async fn hash_off_the_runtime(
    slots: &tokio::sync::Semaphore,
    password: String,
) -> Result<String, AppError> {
    let _slot = tokio::time::timeout(SLOT_WAIT, slots.acquire())
        .await
        .map_err(|_| AppError::Code(homeportal_domain::ErrorCode::ServerBusy))?
        .map_err(|_| AppError::internal("hashing slots closed"))?;
    tokio::task::spawn_blocking(move || hash(&password))
        .await
        .map_err(|e| AppError::internal(format!("hashing task: {e}")))?
}

/// A valid hash of a password nobody knows, verified when the BIN is unknown so that the
/// answer takes as long as for a known BIN.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash("decoy-password-no-account").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_and_verify() {
        let stored = hash("Secr3t!pass").expect("hash");
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("Secr3t!pass", &stored));
        assert!(!verify("secr3t!pass", &stored));
        assert!(!verify("Secr3t!pass", "not a hash"));
    }
}
