//! The `uploads` table: tus uploads in progress and what they became.

use homeportal_domain::api::UploadKind;
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::AppError;

/// An upload as stored.
#[derive(Debug, Clone)]
pub struct Upload {
    /// Its id (hex).
    pub id: String,
    /// Declared total length.
    pub length: u64,
    /// Bytes recorded as written.
    pub offset: u64,
    /// The whole file's SHA-256 as the client declared it.
    pub declared_sha256: Option<String>,
    /// When an unfinished upload is removed, unix seconds.
    pub expires_at: i64,
    /// The document it became, once complete.
    pub document_id: Option<i64>,
    /// The original file name.
    pub file_name: String,
    /// The document slot.
    pub slot: String,
}

/// A new upload.
pub struct NewUpload {
    /// Its id (hex).
    pub id: String,
    /// The organisation.
    pub account_id: i64,
    /// What it is for.
    pub kind: UploadKind,
    /// The document slot.
    pub slot: String,
    /// The original file name.
    pub file_name: String,
    /// Declared total length.
    pub length: u64,
    /// The whole file's SHA-256, if declared at creation.
    pub declared_sha256: Option<String>,
    /// When it is removed if unfinished, unix seconds.
    pub expires_at: i64,
}

/// Upload `id` of `account_id`, if it is theirs.
pub fn find(conn: &Connection, account_id: i64, id: &str) -> Result<Option<Upload>, AppError> {
    Ok(conn
        .query_row(
            "SELECT id, length, offset, declared_sha256, expires_at, document_id, file_name, slot \
             FROM uploads WHERE id = ?1 AND account_id = ?2",
            params![id, account_id],
            |r| {
                Ok(Upload {
                    id: r.get(0)?,
                    length: r.get::<_, i64>(1)?.max(0) as u64,
                    offset: r.get::<_, i64>(2)?.max(0) as u64,
                    declared_sha256: r.get(3)?,
                    expires_at: r.get(4)?,
                    document_id: r.get(5)?,
                    file_name: r.get(6)?,
                    slot: r.get(7)?,
                })
            },
        )
        .optional()?)
}

/// Uploads whose every byte is recorded but which became no document (the server stopped, or
/// filing failed, between the last byte and the document), each with its organisation.
pub fn complete_without_document(conn: &Connection) -> Result<Vec<(i64, Upload)>, AppError> {
    let mut stmt = conn.prepare(
        "SELECT account_id, id FROM uploads WHERE document_id IS NULL AND offset = length",
    )?;
    let ids: Vec<(i64, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut found = Vec::with_capacity(ids.len());
    for (account_id, id) in ids {
        if let Some(upload) = find(conn, account_id, &id)? {
            found.push((account_id, upload));
        }
    }
    Ok(found)
}

/// Storage in use by an organisation: its documents and its unfinished uploads.
fn used_bytes(conn: &rusqlite::Connection, account_id: i64) -> rusqlite::Result<u64> {
    conn.query_row(
        "SELECT (SELECT COALESCE(SUM(size), 0) FROM documents WHERE account_id = ?1) + \
                (SELECT COALESCE(SUM(length), 0) FROM uploads WHERE account_id = ?1 AND document_id IS NULL)",
        [account_id],
        |r| r.get::<_, i64>(0),
    )
    .map(|n| n.max(0) as u64)
}

/// Records `upload` unless it would take the organisation past `quota` bytes; whether it did.
pub fn insert_within_quota(
    conn: &Connection,
    upload: &NewUpload,
    quota: u64,
    now: i64,
) -> Result<bool, AppError> {
    if used_bytes(conn, upload.account_id)?.saturating_add(upload.length) > quota {
        return Ok(false);
    }
    conn.execute(
        "INSERT INTO uploads (id, account_id, kind, slot, file_name, length, declared_sha256, created_at, expires_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            upload.id,
            upload.account_id,
            upload.kind.name(),
            upload.slot,
            upload.file_name,
            upload.length as i64,
            upload.declared_sha256,
            now,
            upload.expires_at
        ],
    )?;
    Ok(true)
}

/// Records how far upload `id` got and the whole file's declared SHA-256.
pub fn record_progress(
    conn: &Connection,
    id: &str,
    offset: u64,
    declared_sha256: Option<&str>,
) -> Result<(), AppError> {
    conn.execute(
        "UPDATE uploads SET offset = ?2, declared_sha256 = ?3 WHERE id = ?1",
        params![id, offset as i64, declared_sha256],
    )?;
    Ok(())
}

/// Marks upload `id` complete as document `document_id`.
pub fn attach_document(conn: &Connection, id: &str, document_id: i64) -> Result<(), AppError> {
    conn.execute(
        "UPDATE uploads SET document_id = ?2 WHERE id = ?1",
        params![id, document_id],
    )?;
    Ok(())
}

/// Forgets upload `id`.
pub fn delete(conn: &Connection, id: &str) -> Result<(), AppError> {
    conn.execute("DELETE FROM uploads WHERE id = ?1", [id])?;
    Ok(())
}

/// Forgets unfinished uploads whose time ran out; their ids.
pub fn delete_expired(conn: &Connection, now: i64) -> Result<Vec<String>, AppError> {
    let mut stmt = conn.prepare(
        "DELETE FROM uploads WHERE document_id IS NULL AND expires_at <= ?1 RETURNING id",
    )?;
    let ids = stmt.query_map([now], |r| r.get(0))?;
    Ok(ids.collect::<Result<Vec<String>, _>>()?)
}
