//! The `documents` table: what finished uploads became, with their signatures.

use homeportal_domain::api::DocumentInfo;
use rusqlite::{params, Connection, OptionalExtension};

use super::signatures;
use crate::error::AppError;

fn info(row: &rusqlite::Row<'_>) -> rusqlite::Result<DocumentInfo> {
    let created: i64 = row.get(6)?;
    Ok(DocumentInfo {
        id: row.get(0)?,
        slot: row.get(1)?,
        file_name: row.get(2)?,
        size: row.get::<_, i64>(3)?.max(0) as u64,
        mime: row.get(4)?,
        sha256: row.get(5)?,
        created_at: chrono::DateTime::from_timestamp(created, 0)
            .map(|t| t.to_rfc3339())
            .unwrap_or_default(),
        signatures: Vec::new(),
    })
}

const COLUMNS: &str = "id, slot, file_name, size, mime, sha256, created_at";

/// What a finished upload is filed as.
pub struct NewDocument<'a> {
    /// The organisation.
    pub account_id: i64,
    /// The slot it was uploaded for.
    pub slot: &'a str,
    /// The original name.
    pub file_name: &'a str,
    /// Bytes.
    pub size: u64,
    /// Sniffed type.
    pub mime: &'a str,
    /// Content hash, hex.
    pub sha256: &'a str,
}

/// Files a document; its id.
pub fn insert(conn: &Connection, document: &NewDocument<'_>, now: i64) -> Result<i64, AppError> {
    conn.execute(
        "INSERT INTO documents (account_id, slot, file_name, size, mime, sha256, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            document.account_id,
            document.slot,
            document.file_name,
            document.size as i64,
            document.mime,
            document.sha256,
            now
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// One document of `account_id`, with its signatures.
pub fn one(conn: &Connection, account_id: i64, id: i64) -> Result<Option<DocumentInfo>, AppError> {
    let found = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM documents WHERE id = ?1 AND account_id = ?2"),
            params![id, account_id],
            info,
        )
        .optional()?;
    match found {
        Some(mut document) => {
            document.signatures = signatures::of_document(conn, document.id)?;
            Ok(Some(document))
        }
        None => Ok(None),
    }
}

/// The documents of `account_id`, newest first, with their signatures.
pub fn of_account(conn: &Connection, account_id: i64) -> Result<Vec<DocumentInfo>, AppError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM documents WHERE account_id = ?1 ORDER BY created_at DESC, id DESC"
    ))?;
    let rows = stmt.query_map([account_id], info)?;
    let mut documents = rows.collect::<Result<Vec<_>, _>>()?;
    let mut signed = signatures::by_document(conn, account_id)?;
    for document in &mut documents {
        document.signatures = signed.remove(&document.id).unwrap_or_default();
    }
    Ok(documents)
}

/// Deletes document `id` and the upload it came from (so neither a resume nor the quota sees
/// it again); how many documents still hold content `sha256`.
pub fn delete(conn: &Connection, id: i64, sha256: &str) -> Result<i64, AppError> {
    conn.execute("DELETE FROM uploads WHERE document_id = ?1", [id])?;
    conn.execute("DELETE FROM documents WHERE id = ?1", [id])?;
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM documents WHERE sha256 = ?1",
        [sha256],
        |r| r.get::<_, i64>(0),
    )?)
}
