//! The `drafts` table: applications being prepared on this computer.

use homeportal_domain::api::ApplicationKind;
use homeportal_domain::applications::ApplicationStatus;
use homeportal_domain::forms::FormData;
use rusqlite::{params, OptionalExtension, Row};

use super::LocalStore;
use crate::error::{ClientError, Result};

/// A draft as kept on this computer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftRecord {
    /// Local id.
    pub id: i64,
    /// Its kind.
    pub kind: ApplicationKind,
    /// Where it stands.
    pub status: ApplicationStatus,
    /// The form as typed.
    pub data: FormData,
    /// Last saved, seconds since the epoch.
    pub saved_at: i64,
}

fn json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value)
        .map_err(|e| ClientError::Sqlite(rusqlite::Error::ToSqlConversionFailure(Box::new(e))))
}

fn parse<T: serde::de::DeserializeOwned>(index: usize, text: &str) -> rusqlite::Result<T> {
    serde_json::from_str(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn record(row: &Row<'_>) -> rusqlite::Result<DraftRecord> {
    let kind: String = row.get(1)?;
    let status: String = row.get(2)?;
    let data: String = row.get(3)?;
    Ok(DraftRecord {
        id: row.get(0)?,
        kind: parse(1, &kind)?,
        status: parse(2, &status)?,
        data: parse(3, &data)?,
        saved_at: row.get(4)?,
    })
}

const COLUMNS: &str = "id, kind, status, data, saved_at";

impl LocalStore {
    /// Creates a draft of `kind` holding `data`; its id.
    pub fn insert_draft(&self, kind: ApplicationKind, data: &FormData, now: i64) -> Result<i64> {
        let (kind_json, status, data) = (
            json(&kind)?,
            json(&ApplicationStatus::initial(kind))?,
            json(data)?,
        );
        self.with(|c| {
            c.execute(
                "INSERT INTO drafts (kind, status, data, created_at, saved_at) VALUES (?1, ?2, ?3, ?4, ?4)",
                params![kind_json, status, data, now],
            )?;
            Ok(c.last_insert_rowid())
        })
    }

    /// Replaces the data of draft `id`; whether it exists.
    pub fn update_draft(&self, id: i64, data: &FormData, now: i64) -> Result<bool> {
        let data = json(data)?;
        self.with(|c| {
            c.execute(
                "UPDATE drafts SET data = ?2, saved_at = ?3 WHERE id = ?1",
                params![id, data, now],
            )
            .map(|n| n == 1)
        })
    }

    /// One draft.
    pub fn draft(&self, id: i64) -> Result<Option<DraftRecord>> {
        self.with(|c| {
            c.query_row(
                &format!("SELECT {COLUMNS} FROM drafts WHERE id = ?1"),
                [id],
                record,
            )
            .optional()
        })
    }

    /// The drafts of `kind`, newest first.
    pub fn drafts(&self, kind: ApplicationKind) -> Result<Vec<DraftRecord>> {
        let kind = json(&kind)?;
        self.with(|c| {
            let mut stmt = c.prepare(&format!(
                "SELECT {COLUMNS} FROM drafts WHERE kind = ?1 ORDER BY id DESC"
            ))?;
            let rows = stmt.query_map([kind], record)?;
            rows.collect()
        })
    }

    /// Deletes draft `id`; whether it existed.
    pub fn delete_draft(&self, id: i64) -> Result<bool> {
        self.with(|c| {
            c.execute("DELETE FROM drafts WHERE id = ?1", [id])
                .map(|n| n == 1)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_is_saved_listed_by_kind_and_deleted() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = LocalStore::open(dir.path()).expect("open");
        let mut data = FormData::default();
        data.set("project", "name", "ЖК «Нұрлы»");
        let id = store
            .insert_draft(ApplicationKind::Guarantee, &data, 10)
            .expect("insert");
        data.set("uk", "bin", "940140000385");
        assert!(store.update_draft(id, &data, 20).expect("update"));
        let saved = store.draft(id).expect("read").expect("present");
        assert_eq!(saved.data, data);
        assert_eq!(saved.saved_at, 20);
        assert_eq!(
            saved.status,
            ApplicationStatus::initial(ApplicationKind::Guarantee)
        );
        assert_eq!(
            store
                .drafts(ApplicationKind::Guarantee)
                .expect("list")
                .len(),
            1
        );
        assert!(store
            .drafts(ApplicationKind::Subsidy)
            .expect("list")
            .is_empty());
        assert!(store.delete_draft(id).expect("delete"));
        assert!(!store.update_draft(id, &data, 30).expect("update"));
    }
}
