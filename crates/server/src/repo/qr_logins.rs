//! The `qr_logins` table: QR logins waiting for the phone, signed, or handed over.

use homeportal_domain::ErrorCode;
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::AppError;

/// QR logins waiting at most; beyond, the server is busy.
pub const MAX_LIVE: i64 = 10_000;

/// A QR login as stored.
pub struct QrLogin {
    /// The bearer token API №2 expects.
    pub token: String,
    /// SHA-256 of the poll secret, hex.
    pub poll_hash: String,
    /// The text the phone signs.
    pub text: String,
    /// Unix seconds.
    pub expires_at: i64,
    /// `pending`, `signed`, `rejected` or `used`.
    pub state: String,
    /// Why the last answer was refused.
    pub error_code: Option<String>,
}

/// Opens a QR login, forgetting those whose time ran out.
pub fn insert(
    conn: &Connection,
    id: &str,
    token: &str,
    poll_hash: &str,
    text: &str,
    now: i64,
    expires_at: i64,
) -> Result<(), AppError> {
    conn.execute("DELETE FROM qr_logins WHERE expires_at <= ?1", [now - 3600])?;
    let live: i64 = conn.query_row("SELECT count(*) FROM qr_logins", [], |r| r.get(0))?;
    if live >= MAX_LIVE {
        return Err(AppError::Code(ErrorCode::ServerBusy));
    }
    conn.execute(
        "INSERT INTO qr_logins (id, token, poll_hash, text, created_at, expires_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, token, poll_hash, text, now, expires_at],
    )?;
    Ok(())
}

/// QR login `id`.
pub fn find(conn: &Connection, id: &str) -> Result<Option<QrLogin>, AppError> {
    Ok(conn
        .query_row(
            "SELECT token, poll_hash, text, expires_at, state, error_code \
             FROM qr_logins WHERE id = ?1",
            [id],
            |r| {
                Ok(QrLogin {
                    token: r.get(0)?,
                    poll_hash: r.get(1)?,
                    text: r.get(2)?,
                    expires_at: r.get(3)?,
                    state: r.get(4)?,
                    error_code: r.get(5)?,
                })
            },
        )
        .optional()?)
}

/// Marks `id` signed by `account_id` if it still waits; whether this call did.
pub fn sign(conn: &Connection, id: &str, account_id: i64, now: i64) -> Result<bool, AppError> {
    Ok(conn.execute(
        "UPDATE qr_logins SET state = 'signed', account_id = ?2, error_code = NULL \
         WHERE id = ?1 AND state IN ('pending', 'rejected') AND expires_at > ?3",
        params![id, account_id, now],
    )? == 1)
}

/// Records why the phone's answer was refused (the code stays usable until it expires).
pub fn reject(conn: &Connection, id: &str, code: ErrorCode) -> Result<(), AppError> {
    conn.execute(
        "UPDATE qr_logins SET state = 'rejected', error_code = ?2 \
         WHERE id = ?1 AND state IN ('pending', 'rejected')",
        params![id, code.as_str()],
    )?;
    Ok(())
}

/// Hands the signed login over once; the account if this call did.
pub fn hand_over(conn: &Connection, id: &str) -> Result<Option<i64>, AppError> {
    Ok(conn
        .query_row(
            "UPDATE qr_logins SET state = 'used' WHERE id = ?1 AND state = 'signed' \
             RETURNING account_id",
            [id],
            |r| r.get(0),
        )
        .optional()?)
}
