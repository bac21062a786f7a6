//! The `qr_sessions` table: eGov QR signing sessions, used up once signed.

use homeportal_domain::ErrorCode;
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::AppError;

/// A session as stored.
pub struct Session {
    /// The bearer token API №2 expects.
    pub token: String,
    /// The organisation.
    pub account_id: i64,
    /// The document to sign.
    pub document_id: i64,
    /// Unix seconds.
    pub expires_at: i64,
    /// `open`, `signed` or `rejected`.
    pub state: String,
    /// The signature, once signed.
    pub signature_id: Option<i64>,
    /// Why the last answer was refused.
    pub error_code: Option<String>,
}

/// A session to open.
pub struct NewSession {
    /// Its id.
    pub id: String,
    /// The bearer token API №2 expects.
    pub token: String,
    /// The organisation.
    pub account_id: i64,
    /// The document to sign.
    pub document_id: i64,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds.
    pub expires_at: i64,
}

/// Opens a session.
pub fn insert(conn: &Connection, session: &NewSession) -> Result<(), AppError> {
    conn.execute(
        "INSERT INTO qr_sessions (id, token, account_id, document_id, created_at, expires_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            session.id,
            session.token,
            session.account_id,
            session.document_id,
            session.created_at,
            session.expires_at
        ],
    )?;
    Ok(())
}

/// Session `id`, if there is one.
pub fn find(conn: &Connection, id: &str) -> Result<Option<Session>, AppError> {
    Ok(conn
        .query_row(
            "SELECT token, account_id, document_id, expires_at, state, signature_id, error_code \
             FROM qr_sessions WHERE id = ?1",
            [id],
            |r| {
                Ok(Session {
                    token: r.get(0)?,
                    account_id: r.get(1)?,
                    document_id: r.get(2)?,
                    expires_at: r.get(3)?,
                    state: r.get(4)?,
                    signature_id: r.get(5)?,
                    error_code: r.get(6)?,
                })
            },
        )
        .optional()?)
}

/// Uses session `id` up if it is still open and in time; whether this call did.
pub fn claim(conn: &Connection, id: &str, now: i64) -> Result<bool, AppError> {
    let claimed = conn.execute(
        "UPDATE qr_sessions SET state = 'signed', error_code = NULL \
         WHERE id = ?1 AND state != 'signed' AND expires_at > ?2",
        params![id, now],
    )?;
    Ok(claimed == 1)
}

/// Records the signature a claimed session produced.
pub fn attach_signature(conn: &Connection, id: &str, signature_id: i64) -> Result<(), AppError> {
    conn.execute(
        "UPDATE qr_sessions SET signature_id = ?2 WHERE id = ?1",
        params![id, signature_id],
    )?;
    Ok(())
}

/// The phone's answer to session `id` was refused with `code` (a used-up session stays so).
pub fn mark_rejected(conn: &Connection, id: &str, code: ErrorCode) -> Result<(), AppError> {
    conn.execute(
        "UPDATE qr_sessions SET state = 'rejected', error_code = ?2 WHERE id = ?1 AND state != 'signed'",
        params![id, code.as_str()],
    )?;
    Ok(())
}
