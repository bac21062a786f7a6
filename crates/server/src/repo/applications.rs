//! The `applications` table, its history (`application_events`) and the change sequence that
//! orders the organisation's change feed.

use homeportal_domain::api::ApplicationKind;
use homeportal_domain::applications::ApplicationStatus;
use homeportal_domain::forms::FormData;
use homeportal_domain::ids::Bin;
use homeportal_domain::sync::{HistoryEvent, HistoryKind, ServerApplication};
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::AppError;

fn rfc3339(seconds: i64) -> String {
    chrono::DateTime::from_timestamp(seconds, 0)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default()
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, AppError> {
    serde_json::to_string(value).map_err(|e| AppError::internal(format!("to JSON: {e}")))
}

fn from_json<T: serde::de::DeserializeOwned>(index: usize, text: &str) -> rusqlite::Result<T> {
    serde_json::from_str(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e))
    })
}

const COLUMNS: &str =
    "id, kind, version, status, data, owner_bin, developer_bin, deleted_at, updated_at, change_seq";

/// A row without its history, and its place in the change feed.
struct Stored {
    application: ServerApplication,
    change_seq: i64,
}

fn stored(row: &Row<'_>) -> rusqlite::Result<Stored> {
    let kind: String = row.get(1)?;
    let kind: ApplicationKind = kind.parse().map_err(|_| {
        rusqlite::Error::FromSqlConversionFailure(
            1,
            rusqlite::types::Type::Text,
            format!("unknown kind {kind}").into(),
        )
    })?;
    let bin = |index: usize, text: String| {
        Bin::parse(&text).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(
                index,
                rusqlite::types::Type::Text,
                e.key.into(),
            )
        })
    };
    let status: String = row.get(3)?;
    let data: String = row.get(4)?;
    let developer: Option<String> = row.get(6)?;
    let deleted_at: Option<i64> = row.get(7)?;
    Ok(Stored {
        application: ServerApplication {
            id: row.get(0)?,
            kind,
            version: row.get(2)?,
            status: from_json(3, &status)?,
            data: from_json(4, &data)?,
            owner: bin(5, row.get(5)?)?,
            developer: developer.map(|d| bin(6, d)).transpose()?,
            deleted: deleted_at.is_some(),
            updated_at: rfc3339(row.get(8)?),
            history: Vec::new(),
        },
        change_seq: row.get(9)?,
    })
}

fn history(conn: &Connection, id: i64) -> Result<Vec<HistoryEvent>, AppError> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, actor, event FROM application_events WHERE application_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([id], |row| {
        let event: String = row.get(2)?;
        Ok(HistoryEvent {
            at: rfc3339(row.get(0)?),
            actor: row.get(1)?,
            event: from_json(2, &event)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn with_history(conn: &Connection, stored: Stored) -> Result<ServerApplication, AppError> {
    let mut application = stored.application;
    application.history = history(conn, application.id)?;
    Ok(application)
}

/// Takes the next value of the change sequence (inside the caller's transaction).
fn next_change(conn: &Connection) -> Result<i64, AppError> {
    Ok(conn.query_row(
        "UPDATE change_sequence SET value = value + 1 WHERE id = 1 RETURNING value",
        [],
        |row| row.get(0),
    )?)
}

/// Application `id` as organisation `bin` may see it (its owner or its developer), deleted ones
/// included, with its history.
pub fn visible(
    conn: &Connection,
    bin: &Bin,
    id: i64,
) -> Result<Option<ServerApplication>, AppError> {
    let found = conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM applications WHERE id = ?1 \
                 AND (owner_bin = ?2 OR developer_bin = ?2)"
            ),
            params![id, bin.as_string()],
            stored,
        )
        .optional()?;
    found.map(|s| with_history(conn, s)).transpose()
}

/// The live applications of `kind` that organisation `bin` sees, newest first.
pub fn list(
    conn: &Connection,
    bin: &Bin,
    kind: Option<ApplicationKind>,
) -> Result<Vec<ServerApplication>, AppError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM applications WHERE (owner_bin = ?1 OR developer_bin = ?1) \
         AND deleted_at IS NULL AND (?2 IS NULL OR kind = ?2) ORDER BY id DESC"
    ))?;
    let rows = stmt.query_map(params![bin.as_string(), kind.map(|k| k.slug())], stored)?;
    let rows: Vec<Stored> = rows.collect::<rusqlite::Result<_>>()?;
    rows.into_iter().map(|s| with_history(conn, s)).collect()
}

/// Changes organisation `bin` sees after `since`, oldest first, at most `limit`; with the
/// cursor of the last one.
pub fn changes(
    conn: &Connection,
    bin: &Bin,
    since: i64,
    limit: usize,
) -> Result<(Vec<ServerApplication>, Option<i64>, bool), AppError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM applications WHERE (owner_bin = ?1 OR developer_bin = ?1) \
         AND change_seq > ?2 ORDER BY change_seq LIMIT ?3"
    ))?;
    let rows = stmt.query_map(params![bin.as_string(), since, (limit + 1) as i64], stored)?;
    let mut rows: Vec<Stored> = rows.collect::<rusqlite::Result<_>>()?;
    let more = rows.len() > limit;
    rows.truncate(limit);
    let cursor = rows.last().map(|s| s.change_seq);
    let changes = rows
        .into_iter()
        .map(|s| with_history(conn, s))
        .collect::<Result<_, _>>()?;
    Ok((changes, cursor, more))
}

/// A new draft of `kind` owned by `owner`; its id.
pub fn insert(
    conn: &Connection,
    owner: &Bin,
    kind: ApplicationKind,
    data: &FormData,
    now: i64,
) -> Result<i64, AppError> {
    let seq = next_change(conn)?;
    conn.execute(
        "INSERT INTO applications (kind, owner_bin, status, data, version, change_seq, \
         created_at, updated_at) VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6, ?6)",
        params![
            kind.slug(),
            owner.as_string(),
            to_json(&ApplicationStatus::initial(kind))?,
            to_json(data)?,
            seq,
            now
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Replaces the content of `id`, one version on.
pub fn update_data(conn: &Connection, id: i64, data: &FormData, now: i64) -> Result<(), AppError> {
    let seq = next_change(conn)?;
    conn.execute(
        "UPDATE applications SET data = ?2, version = version + 1, change_seq = ?3, \
         updated_at = ?4 WHERE id = ?1",
        params![id, to_json(data)?, seq, now],
    )?;
    Ok(())
}

/// Marks `id` deleted, one version on (it stays as the feed's tombstone).
pub fn mark_deleted(conn: &Connection, id: i64, now: i64) -> Result<(), AppError> {
    let seq = next_change(conn)?;
    conn.execute(
        "UPDATE applications SET deleted_at = ?2, version = version + 1, change_seq = ?3, \
         updated_at = ?2 WHERE id = ?1",
        params![id, now, seq],
    )?;
    Ok(())
}

/// Adds an event to the history of `id`.
pub fn record_event(
    conn: &Connection,
    id: i64,
    actor: &str,
    event: &HistoryKind,
    now: i64,
) -> Result<(), AppError> {
    conn.execute(
        "INSERT INTO application_events (application_id, at, actor, event) VALUES (?1, ?2, ?3, ?4)",
        params![id, now, actor, to_json(event)?],
    )?;
    Ok(())
}
