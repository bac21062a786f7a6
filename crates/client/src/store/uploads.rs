//! The `uploads` table: what was sent of each upload, so it resumes after a network drop, a
//! restart or a crash.

use homeportal_domain::api::UploadKind;
use rusqlite::{params, OptionalExtension, Row};

use super::LocalStore;
use crate::error::Result;

/// Where a recorded upload stands on this computer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordState {
    /// To be sent (or being sent).
    Queued,
    /// Paused by the user.
    Paused,
    /// Stored on the server.
    Done,
}

impl RecordState {
    fn as_str(self) -> &'static str {
        match self {
            RecordState::Queued => "queued",
            RecordState::Paused => "paused",
            RecordState::Done => "done",
        }
    }

    fn parse(text: &str) -> RecordState {
        match text {
            "paused" => RecordState::Paused,
            "done" => RecordState::Done,
            _ => RecordState::Queued,
        }
    }
}

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
    /// SHA-256 of the whole file, hex, once sent.
    pub sha256: String,
    /// What the document is for.
    pub kind: UploadKind,
    /// Document slot.
    pub slot: String,
    /// Name shown and sent.
    pub file_name: String,
    /// The tus upload URL (relative to the server base) once created.
    pub location: Option<String>,
    /// Bytes the server confirmed.
    pub offset: u64,
    /// Where it stands.
    pub state: RecordState,
}

fn record(row: &Row<'_>) -> rusqlite::Result<UploadRecord> {
    let kind: String = row.get(5)?;
    let state: String = row.get(10)?;
    Ok(UploadRecord {
        id: row.get(0)?,
        path: row.get(1)?,
        size: row.get::<_, i64>(2)?.max(0) as u64,
        mtime: row.get(3)?,
        sha256: row.get(4)?,
        kind: UploadKind::from_name(&kind).unwrap_or(UploadKind::Library),
        slot: row.get(6)?,
        file_name: row.get(7)?,
        location: row.get(8)?,
        offset: row.get::<_, i64>(9)?.max(0) as u64,
        state: RecordState::parse(&state),
    })
}

const COLUMNS: &str =
    "id, path, size, mtime, sha256, kind, slot, file_name, location, offset, state";

impl LocalStore {
    /// Remembers a new upload; returns its id.
    pub fn insert_upload(&self, r: &UploadRecord, now: i64) -> Result<i64> {
        self.with(|c| {
            c.execute(
                "INSERT INTO uploads (path, size, mtime, sha256, kind, slot, file_name, state, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'queued', ?8)",
                params![r.path, r.size as i64, r.mtime, r.sha256, r.kind.name(), r.slot, r.file_name, now],
            )?;
            Ok(c.last_insert_rowid())
        })
    }

    /// One upload.
    pub fn upload(&self, id: i64) -> Result<Option<UploadRecord>> {
        self.with(|c| {
            c.query_row(
                &format!("SELECT {COLUMNS} FROM uploads WHERE id = ?1"),
                [id],
                record,
            )
            .optional()
        })
    }

    /// Uploads not finished yet, oldest first.
    pub fn unfinished_uploads(&self) -> Result<Vec<UploadRecord>> {
        self.with(|c| {
            let mut stmt = c.prepare(&format!(
                "SELECT {COLUMNS} FROM uploads WHERE state != 'done' ORDER BY id"
            ))?;
            let rows = stmt.query_map([], record)?;
            rows.collect()
        })
    }

    /// Records the server's upload URL.
    pub fn set_upload_location(&self, id: i64, location: &str) -> Result<()> {
        self.with(|c| {
            c.execute(
                "UPDATE uploads SET location = ?2, offset = 0 WHERE id = ?1",
                params![id, location],
            )
            .map(drop)
        })
    }

    /// Records confirmed progress.
    pub fn set_upload_offset(&self, id: i64, offset: u64) -> Result<()> {
        self.with(|c| {
            c.execute(
                "UPDATE uploads SET offset = ?2 WHERE id = ?1",
                params![id, offset as i64],
            )
            .map(drop)
        })
    }

    /// Sets where an upload stands.
    pub fn set_upload_state(&self, id: i64, state: RecordState) -> Result<()> {
        self.with(|c| {
            c.execute(
                "UPDATE uploads SET state = ?2 WHERE id = ?1",
                params![id, state.as_str()],
            )
            .map(drop)
        })
    }

    /// Marks an upload done, with the SHA-256 of the file as sent.
    pub fn set_upload_done(&self, id: i64, sha256: &str) -> Result<()> {
        self.with(|c| {
            c.execute(
                "UPDATE uploads SET state = 'done', sha256 = ?2 WHERE id = ?1",
                params![id, sha256],
            )
            .map(drop)
        })
    }

    /// Forgets an upload.
    pub fn delete_upload(&self, id: i64) -> Result<()> {
        self.with(|c| {
            c.execute("DELETE FROM uploads WHERE id = ?1", [id])
                .map(drop)
        })
    }
}
