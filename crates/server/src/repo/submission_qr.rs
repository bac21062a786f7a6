//! The `submission_qr` table: eGov QR sessions for «Подписать заявку», one application version each.

use homeportal_domain::ErrorCode;
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::AppError;

/// A session as stored.
pub struct SubmissionQr {
    /// The bearer token API №2 expects.
    pub token: String,
    /// The УК's account that opened it.
    pub account_id: i64,
    /// The application.
    pub application_id: i64,
    /// The version the signature must cover.
    pub version: i64,
    /// Unix seconds.
    pub expires_at: i64,
    /// `open`, `signed` or `rejected`.
    pub state: String,
    /// Why the last answer was refused (an error code's wire name).
    pub error_code: Option<String>,
}

/// Opens session `id`.
pub fn insert(
    conn: &Connection,
    id: &str,
    session: &SubmissionQr,
    now: i64,
) -> Result<(), AppError> {
    conn.execute(
        "INSERT INTO submission_qr (id, token, account_id, application_id, version, created_at, \
         expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            id,
            session.token,
            session.account_id,
            session.application_id,
            session.version,
            now,
            session.expires_at
        ],
    )?;
    Ok(())
}

/// Session `id`.
pub fn find(conn: &Connection, id: &str) -> Result<Option<SubmissionQr>, AppError> {
    Ok(conn
        .query_row(
            "SELECT token, account_id, application_id, version, expires_at, state, error_code \
             FROM submission_qr WHERE id = ?1",
            [id],
            |r| {
                Ok(SubmissionQr {
                    token: r.get(0)?,
                    account_id: r.get(1)?,
                    application_id: r.get(2)?,
                    version: r.get(3)?,
                    expires_at: r.get(4)?,
                    state: r.get(5)?,
                    error_code: r.get(6)?,
                })
            },
        )
        .optional()?)
}

/// Marks session `id` signed; whether this call did (of answers racing in, one signs).
pub fn claim(conn: &Connection, id: &str) -> Result<bool, AppError> {
    Ok(conn.execute(
        "UPDATE submission_qr SET state = 'signed', error_code = NULL \
         WHERE id = ?1 AND state != 'signed'",
        [id],
    )? > 0)
}

/// Records why the last answer was refused (the session stays usable until it expires).
pub fn mark_rejected(conn: &Connection, id: &str, code: ErrorCode) -> Result<(), AppError> {
    conn.execute(
        "UPDATE submission_qr SET state = 'rejected', error_code = ?2 \
         WHERE id = ?1 AND state != 'signed'",
        params![id, code.as_str()],
    )?;
    Ok(())
}
