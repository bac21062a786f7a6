//! The `applications` table, its history (`application_events`) and the change sequence that
//! orders the organisation's change feed.

use chrono::NaiveDate;
use homeportal_domain::api::ApplicationKind;
use homeportal_domain::applications::ApplicationStatus;
use homeportal_domain::forms::FormData;
use homeportal_domain::guarantee::Registration;
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

const COLUMNS: &str = "id, kind, version, status, data, owner_bin, developer_bin, deleted_at, \
     updated_at, change_seq, reg_number, reg_date, reg_deadline";

fn date_of(index: usize, text: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e))
    })
}

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
    let registration = match (
        row.get::<_, Option<String>>(10)?,
        row.get::<_, Option<String>>(11)?,
        row.get::<_, Option<String>>(12)?,
    ) {
        (Some(number), Some(date), Some(deadline)) => Some(Registration {
            number,
            date: date_of(11, &date)?,
            deadline: date_of(12, &deadline)?,
        }),
        _ => None,
    };
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
            registration,
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

/// A new draft of `kind` owned by `owner`, open to `developer`; its id.
pub fn insert(
    conn: &Connection,
    owner: &Bin,
    developer: Option<&Bin>,
    kind: ApplicationKind,
    data: &FormData,
    now: i64,
) -> Result<i64, AppError> {
    let seq = next_change(conn)?;
    conn.execute(
        "INSERT INTO applications (kind, owner_bin, developer_bin, status, data, version, \
         change_seq, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?7, ?7)",
        params![
            kind.slug(),
            owner.as_string(),
            developer.map(Bin::as_string),
            to_json(&ApplicationStatus::initial(kind))?,
            to_json(data)?,
            seq,
            now
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Replaces the content of `id` and whom it is open to, one version on.
pub fn update_data(
    conn: &Connection,
    id: i64,
    data: &FormData,
    developer: Option<&Bin>,
    now: i64,
) -> Result<(), AppError> {
    let seq = next_change(conn)?;
    conn.execute(
        "UPDATE applications SET data = ?2, developer_bin = ?3, version = version + 1, \
         change_seq = ?4, updated_at = ?5 WHERE id = ?1",
        params![id, to_json(data)?, developer.map(Bin::as_string), seq, now],
    )?;
    Ok(())
}

/// Moves `id` one version on without changing it (its history grew), so the feed carries it.
pub fn touch(conn: &Connection, id: i64, now: i64) -> Result<(), AppError> {
    let seq = next_change(conn)?;
    conn.execute(
        "UPDATE applications SET version = version + 1, change_seq = ?2, updated_at = ?3 \
         WHERE id = ?1",
        params![id, seq, now],
    )?;
    Ok(())
}

/// Opens `id` to `developer`, one version on (so the developer's change feed carries it).
pub fn open_to(conn: &Connection, id: i64, developer: &Bin, now: i64) -> Result<(), AppError> {
    let seq = next_change(conn)?;
    conn.execute(
        "UPDATE applications SET developer_bin = ?2, version = version + 1, change_seq = ?3, \
         updated_at = ?4 WHERE id = ?1",
        params![id, developer.as_string(), seq, now],
    )?;
    Ok(())
}

/// The live applications of `owner` whose form names `developer` in «Информация о застройщике».
pub fn naming_developer(
    conn: &Connection,
    owner: &Bin,
    developer: &Bin,
) -> Result<Vec<i64>, AppError> {
    let mut stmt = conn.prepare(
        "SELECT id FROM applications WHERE owner_bin = ?1 AND deleted_at IS NULL \
         AND json_extract(data, '$.values.\"developer.bin\"') = ?2",
    )?;
    let rows = stmt.query_map(params![owner.as_string(), developer.as_string()], |r| {
        r.get(0)
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Moves `id` to `status`, one version on; `sent_at` is set when given.
pub fn set_status(
    conn: &Connection,
    id: i64,
    status: ApplicationStatus,
    sent_at: Option<i64>,
    now: i64,
) -> Result<(), AppError> {
    let seq = next_change(conn)?;
    conn.execute(
        "UPDATE applications SET status = ?2, sent_at = COALESCE(?3, sent_at), \
         version = version + 1, change_seq = ?4, updated_at = ?5 WHERE id = ?1",
        params![id, to_json(&status)?, sent_at, seq, now],
    )?;
    Ok(())
}

/// When `id` was signed and sent, Unix seconds.
pub fn sent_at(conn: &Connection, id: i64) -> Result<Option<i64>, AppError> {
    Ok(conn
        .query_row(
            "SELECT sent_at FROM applications WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?
        .flatten())
}

/// Keeps the registration of `id` (its status moves separately).
pub fn set_registration(
    conn: &Connection,
    id: i64,
    registration: &Registration,
) -> Result<(), AppError> {
    conn.execute(
        "UPDATE applications SET reg_number = ?2, reg_date = ?3, reg_deadline = ?4 WHERE id = ?1",
        params![
            id,
            registration.number,
            registration.date.format("%Y-%m-%d").to_string(),
            registration.deadline.format("%Y-%m-%d").to_string()
        ],
    )?;
    Ok(())
}

/// The next registration number of `kind`.
pub fn next_registration_number(conn: &Connection, kind: ApplicationKind) -> Result<i64, AppError> {
    Ok(conn.query_row(
        "INSERT INTO registration_numbers (kind, last) VALUES (?1, 1) \
         ON CONFLICT (kind) DO UPDATE SET last = last + 1 RETURNING last",
        [kind.slug()],
        |r| r.get(0),
    )?)
}

/// Application `id` whatever its owner, with its history (КЖК staff).
pub fn any(conn: &Connection, id: i64) -> Result<Option<ServerApplication>, AppError> {
    let found = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM applications WHERE id = ?1 AND deleted_at IS NULL"),
            [id],
            stored,
        )
        .optional()?;
    found.map(|s| with_history(conn, s)).transpose()
}

/// Every live application that left its draft (КЖК staff's list), newest change first.
pub fn sent_to_kzhk(conn: &Connection) -> Result<Vec<ServerApplication>, AppError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM applications WHERE deleted_at IS NULL \
         AND json_extract(status, '$.status') NOT IN ('draft', 'on_creation') \
         ORDER BY change_seq DESC"
    ))?;
    let rows = stmt.query_map([], stored)?;
    let rows: Vec<Stored> = rows.collect::<rusqlite::Result<_>>()?;
    rows.into_iter().map(|s| with_history(conn, s)).collect()
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
