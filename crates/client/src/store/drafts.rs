//! The `drafts` table: every application this computer knows in one organisation on one server
//! (its scope) — the form as typed here, the server copy those edits are based on, the server's
//! status and history, and whatever keeps it from being in sync (a conflict, an error).

use homeportal_domain::api::ApplicationKind;
use homeportal_domain::applications::ApplicationStatus;
use homeportal_domain::forms::merge::{Conflict, Resolution};
use homeportal_domain::forms::FormData;
use homeportal_domain::guarantee::Registration;
use homeportal_domain::ids::Bin;
use homeportal_domain::sync::{HistoryEvent, ServerApplication};
use homeportal_domain::ErrorBody;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::json::{parse, to_json};
use crate::error::Result;

/// The server copy local edits are based on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Base {
    /// The server's version.
    pub version: i64,
    /// Its content at that version.
    pub data: FormData,
}

/// Edits made in two places that a person must choose between, and the choices already made.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingConflict {
    /// Units still to choose.
    pub conflicts: Vec<Conflict>,
    /// Choices made earlier that still go to the server's history.
    pub resolutions: Vec<Resolution>,
}

/// A draft as kept on this computer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftRecord {
    /// Local id.
    pub id: i64,
    /// Its kind.
    pub kind: ApplicationKind,
    /// Where it stands on the server.
    pub status: ApplicationStatus,
    /// The form as typed here.
    pub data: FormData,
    /// Last saved here, seconds since the epoch.
    pub saved_at: i64,
    /// The server's id, once it has one.
    pub server_id: Option<i64>,
    /// The server copy the edits are based on.
    pub base: Option<Base>,
    /// Increases with every change of `data`.
    pub revision: i64,
    /// A conflict waiting for a person.
    pub conflict: Option<PendingConflict>,
    /// Why its changes cannot reach the server.
    pub sync_error: Option<ErrorBody>,
    /// The server's history of it.
    pub history: Vec<HistoryEvent>,
    /// Deleted here, the server not told yet.
    pub deleted: bool,
    /// The УК that owns it, once the server said.
    pub owner: Option<Bin>,
    /// The developer that joined it.
    pub developer: Option<Bin>,
    /// КЖК's registration.
    pub registration: Option<Registration>,
}

fn bin_of(index: usize, text: Option<String>) -> rusqlite::Result<Option<Bin>> {
    text.map(|t| {
        Bin::parse(&t).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(
                index,
                rusqlite::types::Type::Text,
                e.key.into(),
            )
        })
    })
    .transpose()
}

fn record(row: &Row<'_>) -> rusqlite::Result<DraftRecord> {
    let text = |i: usize| row.get::<_, String>(i);
    let optional = |i: usize| row.get::<_, Option<String>>(i);
    let base = match (row.get::<_, Option<i64>>(7)?, optional(8)?) {
        (Some(version), Some(data)) => Some(Base {
            version,
            data: parse(8, &data)?,
        }),
        _ => None,
    };
    Ok(DraftRecord {
        id: row.get(0)?,
        kind: parse(1, &text(1)?)?,
        status: parse(2, &text(2)?)?,
        data: parse(3, &text(3)?)?,
        saved_at: row.get(4)?,
        server_id: row.get(5)?,
        revision: row.get(6)?,
        base,
        conflict: optional(9)?.map(|c| parse(9, &c)).transpose()?,
        sync_error: optional(10)?.map(|e| parse(10, &e)).transpose()?,
        history: parse(11, &text(11)?)?,
        deleted: row.get(12)?,
        owner: bin_of(13, optional(13)?)?,
        developer: bin_of(14, optional(14)?)?,
        registration: optional(15)?.map(|r| parse(15, &r)).transpose()?,
    })
}

const COLUMNS: &str = "id, kind, status, data, saved_at, server_id, revision, base_version, \
                       base_data, conflict, sync_error, history, deleted, owner_bin, \
                       developer_bin, registration";

/// A new draft of `kind` in `scope` holding `data`; its id.
pub fn insert(
    conn: &Connection,
    scope: &str,
    kind: ApplicationKind,
    data: &FormData,
    now: i64,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO drafts (scope, kind, status, data, created_at, saved_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![
            scope,
            to_json(&kind)?,
            to_json(&ApplicationStatus::initial(kind))?,
            to_json(data)?,
            now
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// A draft made from a server application nobody edits here yet; its id.
pub fn insert_from_server(
    conn: &Connection,
    scope: &str,
    application: &ServerApplication,
    now: i64,
) -> Result<i64> {
    let data = to_json(&application.data)?;
    conn.execute(
        "INSERT INTO drafts (scope, kind, status, data, created_at, saved_at, server_id, \
         base_version, base_data, history) VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?7, ?4, ?8)",
        params![
            scope,
            to_json(&application.kind)?,
            to_json(&application.status)?,
            data,
            now,
            application.id,
            application.version,
            to_json(&application.history)?
        ],
    )?;
    let id = conn.last_insert_rowid();
    set_parties(conn, id, application)?;
    Ok(id)
}

/// One draft of `scope`.
pub fn get(conn: &Connection, scope: &str, id: i64) -> Result<Option<DraftRecord>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM drafts WHERE id = ?1 AND scope = ?2"),
            params![id, scope],
            record,
        )
        .optional()?)
}

/// The draft of `scope` that server application `server_id` is.
pub fn by_server_id(conn: &Connection, scope: &str, server_id: i64) -> Result<Option<DraftRecord>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM drafts WHERE scope = ?1 AND server_id = ?2"),
            params![scope, server_id],
            record,
        )
        .optional()?)
}

/// What a list row needs of a draft, read without parsing its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftRow {
    /// Local id.
    pub id: i64,
    /// Its kind.
    pub kind: ApplicationKind,
    /// Where it stands on the server.
    pub status: ApplicationStatus,
    /// «Наименование проекта» as typed.
    pub project_name: String,
    /// Last saved here, seconds since the epoch.
    pub saved_at: i64,
    /// Whether the server has it.
    pub on_server: bool,
    /// Whether a conflict waits for a person.
    pub in_conflict: bool,
    /// Why its changes cannot reach the server.
    pub sync_error: Option<ErrorBody>,
    /// КЖК's registration.
    pub registration: Option<Registration>,
    /// The УК that owns it, once the server said.
    pub owner: Option<Bin>,
}

/// The list rows of `kind` in `scope` not deleted here, newest first.
pub fn rows(conn: &Connection, scope: &str, kind: ApplicationKind) -> Result<Vec<DraftRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, status, json_extract(data, '$.values.\"project.name\"'), saved_at, \
         server_id IS NOT NULL, conflict IS NOT NULL, sync_error, registration, owner_bin \
         FROM drafts \
         WHERE scope = ?1 AND kind = ?2 AND deleted = 0 ORDER BY id DESC",
    )?;
    let rows = stmt.query_map(params![scope, to_json(&kind)?], |row| {
        Ok(DraftRow {
            id: row.get(0)?,
            kind: parse(1, &row.get::<_, String>(1)?)?,
            status: parse(2, &row.get::<_, String>(2)?)?,
            project_name: row.get::<_, Option<String>>(3)?.unwrap_or_default(),
            saved_at: row.get(4)?,
            on_server: row.get(5)?,
            in_conflict: row.get(6)?,
            sync_error: row
                .get::<_, Option<String>>(7)?
                .map(|e| parse(7, &e))
                .transpose()?,
            registration: row
                .get::<_, Option<String>>(8)?
                .map(|r| parse(8, &r))
                .transpose()?,
            owner: bin_of(9, row.get(9)?)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Replaces what is typed, one revision on.
pub fn set_data(conn: &Connection, id: i64, data: &FormData, now: i64) -> Result<()> {
    conn.execute(
        "UPDATE drafts SET data = ?2, saved_at = ?3, revision = revision + 1 WHERE id = ?1",
        params![id, to_json(data)?, now],
    )?;
    Ok(())
}

/// Records who the parties are and КЖК's registration, as the server says.
fn set_parties(conn: &Connection, id: i64, application: &ServerApplication) -> Result<()> {
    conn.execute(
        "UPDATE drafts SET owner_bin = ?2, developer_bin = ?3, registration = ?4 WHERE id = ?1",
        params![
            id,
            application.owner.as_string(),
            application.developer.as_ref().map(Bin::as_string),
            application.registration.as_ref().map(to_json).transpose()?
        ],
    )?;
    Ok(())
}

/// Records the server copy the draft is now based on (its id, version, content, status, history).
pub fn set_base(conn: &Connection, id: i64, application: &ServerApplication) -> Result<()> {
    set_parties(conn, id, application)?;
    conn.execute(
        "UPDATE drafts SET server_id = ?2, base_version = ?3, base_data = ?4, status = ?5, \
         history = ?6 WHERE id = ?1",
        params![
            id,
            application.id,
            application.version,
            to_json(&application.data)?,
            to_json(&application.status)?,
            to_json(&application.history)?
        ],
    )?;
    Ok(())
}

/// Updates only what the server says of the draft's progress: status, history, parties and
/// registration.
pub fn set_progress(conn: &Connection, id: i64, application: &ServerApplication) -> Result<()> {
    set_parties(conn, id, application)?;
    conn.execute(
        "UPDATE drafts SET status = ?2, history = ?3 WHERE id = ?1",
        params![
            id,
            to_json(&application.status)?,
            to_json(&application.history)?
        ],
    )?;
    Ok(())
}

/// Forgets the server copy: the draft becomes local only again (the server no longer has it).
pub fn detach(conn: &Connection, id: i64) -> Result<()> {
    conn.execute(
        "UPDATE drafts SET server_id = NULL, base_version = NULL, base_data = NULL, deleted = 0 \
         WHERE id = ?1",
        [id],
    )?;
    Ok(())
}

/// Sets or clears the conflict waiting for a person.
pub fn set_conflict(conn: &Connection, id: i64, conflict: Option<&PendingConflict>) -> Result<()> {
    let conflict = conflict.map(to_json).transpose()?;
    conn.execute(
        "UPDATE drafts SET conflict = ?2 WHERE id = ?1",
        params![id, conflict],
    )?;
    Ok(())
}

/// Sets or clears why its changes cannot reach the server.
pub fn set_sync_error(conn: &Connection, id: i64, error: Option<&ErrorBody>) -> Result<()> {
    let error = error.map(to_json).transpose()?;
    conn.execute(
        "UPDATE drafts SET sync_error = ?2 WHERE id = ?1",
        params![id, error],
    )?;
    Ok(())
}

/// Marks it deleted here (hidden) until the server is told, or brings it back.
pub fn set_deleted(conn: &Connection, id: i64, deleted: bool) -> Result<()> {
    conn.execute(
        "UPDATE drafts SET deleted = ?2 WHERE id = ?1",
        params![id, deleted],
    )?;
    Ok(())
}

/// Removes the draft.
pub fn remove(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("DELETE FROM drafts WHERE id = ?1", [id])?;
    Ok(())
}

/// Gives drafts saved before they had a scope to `scope`; their ids.
pub fn adopt_unscoped(conn: &Connection, scope: &str) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare("UPDATE drafts SET scope = ?1 WHERE scope = '' RETURNING id")?;
    let rows = stmt.query_map([scope], |row| row.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::LocalStore;

    #[test]
    fn a_draft_is_saved_based_listed_by_scope_and_kind_and_removed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = LocalStore::open(dir.path()).expect("open");
        let mut data = FormData::default();
        data.set("project", "name", "ЖК «Нұрлы»");
        store
            .transaction(|tx| {
                let id = insert(tx, "s", ApplicationKind::Guarantee, &data, 10)?;
                insert(tx, "other", ApplicationKind::Guarantee, &data, 10)?;
                set_data(tx, id, &data, 20)?;
                let saved = get(tx, "s", id)?.expect("present");
                assert_eq!((saved.revision, saved.saved_at), (2, 20));
                assert_eq!(saved.base, None);
                let listed = rows(tx, "s", ApplicationKind::Guarantee)?;
                assert_eq!(listed.len(), 1);
                assert_eq!(listed[0].project_name, "ЖК «Нұрлы»");
                assert!(!listed[0].on_server && !listed[0].in_conflict);
                assert!(rows(tx, "s", ApplicationKind::Subsidy)?.is_empty());
                assert!(
                    get(tx, "other", id)?.is_none(),
                    "another scope's draft is not here"
                );
                set_deleted(tx, id, true)?;
                assert!(rows(tx, "s", ApplicationKind::Guarantee)?.is_empty());
                remove(tx, id)?;
                assert!(get(tx, "s", id)?.is_none());
                Ok(())
            })
            .expect("transaction");
    }
}
