//! The `sessions` table: random bearer tokens, stored only as SHA-256 hashes.

use base64::Engine;
use rand::RngCore;
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::error::AppError;

/// A freshly issued token (shown once) and when it expires (unix seconds).
pub struct Issued {
    /// The bearer token.
    pub token: String,
    /// Expiry, unix seconds UTC.
    pub expires_at: i64,
}

/// The stored form of a token.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Issues a new session for `account_id` lasting `ttl_secs`.
pub fn issue(
    conn: &Connection,
    account_id: i64,
    now: i64,
    ttl_secs: i64,
) -> Result<Issued, AppError> {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let expires_at = now + ttl_secs;
    conn.execute(
        "INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
        params![token_hash(&token), account_id, now, expires_at],
    )?;
    Ok(Issued { token, expires_at })
}

/// The account of a live (not revoked, not expired) session.
pub fn account_of(conn: &Connection, token: &str, now: i64) -> Result<Option<i64>, AppError> {
    Ok(conn
        .query_row(
            "SELECT account_id FROM sessions WHERE token_hash = ?1 AND revoked_at IS NULL AND expires_at > ?2",
            params![token_hash(token), now],
            |row| row.get(0),
        )
        .optional()?)
}

/// Revokes the session of `token`; revoking twice is harmless.
pub fn revoke(conn: &Connection, token: &str, now: i64) -> Result<(), AppError> {
    conn.execute(
        "UPDATE sessions SET revoked_at = ?2 WHERE token_hash = ?1 AND revoked_at IS NULL",
        params![token_hash(token), now],
    )?;
    Ok(())
}

/// Revokes every live session of `account_id` (a new password ends them all).
pub fn revoke_all(conn: &Connection, account_id: i64, now: i64) -> Result<usize, AppError> {
    Ok(conn.execute(
        "UPDATE sessions SET revoked_at = ?2 WHERE account_id = ?1 AND revoked_at IS NULL",
        params![account_id, now],
    )?)
}
