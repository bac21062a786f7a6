//! The `challenges` table: one-time nonces a login by EDS answers.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::AppError;

/// Keeps a new nonce until `expires_at`, forgetting those whose time ran out.
pub fn insert(conn: &Connection, nonce: &str, expires_at: i64, now: i64) -> Result<(), AppError> {
    conn.execute("DELETE FROM challenges WHERE expires_at <= ?1", [now])?;
    conn.execute(
        "INSERT INTO challenges (nonce, expires_at) VALUES (?1, ?2)",
        params![nonce, expires_at],
    )?;
    Ok(())
}

/// Uses up `nonce`; whether it was fresh (unused and in time).
pub fn consume(conn: &Connection, nonce: &str, now: i64) -> Result<bool, AppError> {
    Ok(conn
        .query_row(
            "UPDATE challenges SET used = 1 WHERE nonce = ?1 AND used = 0 AND expires_at > ?2 \
             RETURNING nonce",
            params![nonce, now],
            |r| r.get::<_, String>(0),
        )
        .optional()?
        .is_some())
}
