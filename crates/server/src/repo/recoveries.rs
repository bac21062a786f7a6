//! The `recoveries` table: «Забыли пароль?» under way.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::AppError;

/// Recoveries under way kept at most; beyond, the server is busy.
pub const MAX_LIVE: i64 = 10_000;

/// Keeps a recovery for `account_id` (None when the request matched no account).
pub fn insert(
    conn: &Connection,
    id: &str,
    account_id: Option<i64>,
    proven: bool,
    now: i64,
    expires_at: i64,
) -> Result<(), AppError> {
    conn.execute("DELETE FROM recoveries WHERE expires_at <= ?1", [now])?;
    let live: i64 = conn.query_row("SELECT count(*) FROM recoveries", [], |r| r.get(0))?;
    if live >= MAX_LIVE {
        return Err(AppError::Code(homeportal_domain::ErrorCode::ServerBusy));
    }
    conn.execute(
        "INSERT INTO recoveries (id, account_id, proven, created_at, expires_at) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, account_id, proven, now, expires_at],
    )?;
    Ok(())
}

/// The account and proof state of the live recovery `id` (account None for a decoy).
pub fn find(
    conn: &Connection,
    id: &str,
    now: i64,
) -> Result<Option<(Option<i64>, bool)>, AppError> {
    Ok(conn
        .query_row(
            "SELECT account_id, proven FROM recoveries WHERE id = ?1 AND expires_at > ?2",
            params![id, now],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Control of the account is proven.
pub fn prove(conn: &Connection, id: &str) -> Result<(), AppError> {
    conn.execute("UPDATE recoveries SET proven = 1 WHERE id = ?1", [id])?;
    Ok(())
}

/// Forgets a finished recovery.
pub fn remove(conn: &Connection, id: &str) -> Result<(), AppError> {
    conn.execute("DELETE FROM recoveries WHERE id = ?1", [id])?;
    Ok(())
}
