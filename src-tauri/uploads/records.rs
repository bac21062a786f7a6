//! Upload state in the local store.

use rusqlite::{params, OptionalExtension, Row};

use crate::store::{LocalStore, StoreError};

/// One upload as remembered on this computer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadRecord {
    /// Local id.
    pub id: i64,
    /// The file.
    pub path: String,
    /// Its size when the upload started.
    pub size: u64,
    /// Its modification time (seconds) when the upload started.
    pub mtime: i64,
    /// SHA-256 of the whole file, hex.
    pub sha256: String,
    /// `application`, `appeal` or `library`.
    pub kind: String,
    /// Document slot.
    pub slot: String,
    /// Name shown and sent.
    pub file_name: String,
    /// The tus upload URL once created.
    pub location: Option<String>,
    /// Bytes the server confirmed.
    pub offset: u64,
    /// `queued`, `paused` or `done`.
    pub state: String,
}

fn record(row: &Row<'_>) -> rusqlite::Result<UploadRecord> {
    Ok(UploadRecord {
        id: row.get(0)?,
        path: row.get(1)?,
        size: row.get::<_, i64>(2)?.max(0) as u64,
        mtime: row.get(3)?,
        sha256: row.get(4)?,
        kind: row.get(5)?,
        slot: row.get(6)?,
        file_name: row.get(7)?,
        location: row.get(8)?,
        offset: row.get::<_, i64>(9)?.max(0) as u64,
        state: row.get(10)?,
    })
}

const COLUMNS: &str =
    "id, path, size, mtime, sha256, kind, slot, file_name, location, offset, state";

/// Remembers a new upload; returns its id.
pub fn insert(store: &LocalStore, r: &UploadRecord, now: i64) -> Result<i64, StoreError> {
    store.with(|c| {
        c.execute(
            "INSERT INTO uploads (path, size, mtime, sha256, kind, slot, file_name, state, created_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'queued', ?8)",
            params![r.path, r.size as i64, r.mtime, r.sha256, r.kind, r.slot, r.file_name, now],
        )?;
        Ok(c.last_insert_rowid())
    })
}

/// One upload.
pub fn get(store: &LocalStore, id: i64) -> Result<Option<UploadRecord>, StoreError> {
    store.with(|c| {
        c.query_row(
            &format!("SELECT {COLUMNS} FROM uploads WHERE id = ?1"),
            [id],
            record,
        )
        .optional()
    })
}

/// Uploads not finished yet, oldest first (to resume at start).
pub fn unfinished(store: &LocalStore) -> Result<Vec<UploadRecord>, StoreError> {
    store.with(|c| {
        let mut stmt = c.prepare(&format!(
            "SELECT {COLUMNS} FROM uploads WHERE state != 'done' ORDER BY id"
        ))?;
        let rows = stmt.query_map([], record)?;
        rows.collect()
    })
}

/// Records the server's upload URL.
pub fn set_location(store: &LocalStore, id: i64, location: &str) -> Result<(), StoreError> {
    store.with(|c| {
        c.execute(
            "UPDATE uploads SET location = ?2, offset = 0 WHERE id = ?1",
            params![id, location],
        )
        .map(|_| ())
    })
}

/// Records confirmed progress.
pub fn set_offset(store: &LocalStore, id: i64, offset: u64) -> Result<(), StoreError> {
    store.with(|c| {
        c.execute(
            "UPDATE uploads SET offset = ?2 WHERE id = ?1",
            params![id, offset as i64],
        )
        .map(|_| ())
    })
}

/// Sets the state (`queued`, `paused`, `done`).
pub fn set_state(store: &LocalStore, id: i64, state: &str) -> Result<(), StoreError> {
    store.with(|c| {
        c.execute(
            "UPDATE uploads SET state = ?2 WHERE id = ?1",
            params![id, state],
        )
        .map(|_| ())
    })
}

/// Marks an upload done, with the SHA-256 of the file as sent.
pub fn set_done(store: &LocalStore, id: i64, sha256: &str) -> Result<(), StoreError> {
    store.with(|c| {
        c.execute(
            "UPDATE uploads SET state = 'done', sha256 = ?2 WHERE id = ?1",
            params![id, sha256],
        )
        .map(|_| ())
    })
}

/// Forgets an upload.
pub fn delete(store: &LocalStore, id: i64) -> Result<(), StoreError> {
    store.with(|c| {
        c.execute("DELETE FROM uploads WHERE id = ?1", [id])
            .map(|_| ())
    })
}
