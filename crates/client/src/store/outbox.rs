//! The `outbox` table: mutations saved here and not yet answered by the server, in the order
//! they were made. A mutation's number is its id: monotonic on this device, never reused.

use std::collections::HashSet;

use homeportal_domain::api::ApplicationKind;
use homeportal_domain::forms::FormData;
use homeportal_domain::sync::UpdateApplication;
use rusqlite::{params, Connection, Row};
use serde::{Deserialize, Serialize};

use super::json::{parse, to_json};
use crate::error::Result;

/// What a mutation asks of the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "operation", content = "payload", rename_all = "snake_case")]
pub enum Mutation {
    /// Create the draft with this content.
    Create {
        /// Its kind.
        kind: ApplicationKind,
        /// Its content.
        data: FormData,
    },
    /// Change units of the draft (and record conflicts a person resolved).
    Update(UpdateApplication),
    /// Delete the draft.
    Delete,
}

impl Mutation {
    fn operation(&self) -> &'static str {
        match self {
            Mutation::Create { .. } => "create",
            Mutation::Update(_) => "update",
            Mutation::Delete => "delete",
        }
    }
}

/// A mutation waiting for the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    /// Its number on this device.
    pub mutation_id: i64,
    /// The draft it changes.
    pub draft_id: i64,
    /// What it asks.
    pub mutation: Mutation,
    /// How many times it was sent.
    pub attempts: i64,
}

fn pending(row: &Row<'_>) -> rusqlite::Result<Pending> {
    let payload: String = row.get(2)?;
    let mutation = parse(2, &payload)?;
    Ok(Pending {
        mutation_id: row.get(0)?,
        draft_id: row.get(1)?,
        mutation,
        attempts: row.get(3)?,
    })
}

/// Queues `mutation` of draft `draft_id`; its number.
pub fn push(
    conn: &Connection,
    scope: &str,
    draft_id: i64,
    mutation: &Mutation,
    now: i64,
) -> Result<i64> {
    let payload = to_json(mutation)?;
    conn.execute(
        "INSERT INTO outbox (scope, draft_id, operation, payload, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![scope, draft_id, mutation.operation(), payload, now],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The oldest mutation of `scope` waiting, if any.
pub fn first(conn: &Connection, scope: &str) -> Result<Option<Pending>> {
    let mut stmt = conn.prepare_cached(
        "SELECT mutation_id, draft_id, payload, attempts FROM outbox \
         WHERE scope = ?1 ORDER BY mutation_id LIMIT 1",
    )?;
    let mut rows = stmt.query_map([scope], pending)?;
    Ok(rows.next().transpose()?)
}

/// The mutations of draft `draft_id` waiting, oldest first.
pub fn of_draft(conn: &Connection, draft_id: i64) -> Result<Vec<Pending>> {
    let mut stmt = conn.prepare_cached(
        "SELECT mutation_id, draft_id, payload, attempts FROM outbox \
         WHERE draft_id = ?1 ORDER BY mutation_id",
    )?;
    let rows = stmt.query_map([draft_id], pending)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether draft `draft_id` has mutations waiting (without reading them).
pub fn has_pending(conn: &Connection, draft_id: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM outbox WHERE draft_id = ?1)",
        [draft_id],
        |row| row.get(0),
    )?)
}

/// The drafts of `scope` with mutations waiting.
pub fn drafts_with_pending(conn: &Connection, scope: &str) -> Result<HashSet<i64>> {
    let mut stmt = conn.prepare_cached("SELECT DISTINCT draft_id FROM outbox WHERE scope = ?1")?;
    let rows = stmt.query_map([scope], |row| row.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many drafts, of any scope, have mutations waiting.
pub fn drafts_anywhere(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT count(DISTINCT draft_id) FROM outbox", [], |row| {
            row.get(0)
        })?,
    )
}

/// How many mutations of `scope` wait.
pub fn count(conn: &Connection, scope: &str) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM outbox WHERE scope = ?1",
        [scope],
        |row| row.get(0),
    )?)
}

/// Notes that mutation `mutation_id` is being sent (once more).
pub fn mark_sent(conn: &Connection, mutation_id: i64) -> Result<()> {
    conn.execute(
        "UPDATE outbox SET attempts = attempts + 1 WHERE mutation_id = ?1",
        [mutation_id],
    )?;
    Ok(())
}

/// Removes an answered mutation.
pub fn remove(conn: &Connection, mutation_id: i64) -> Result<()> {
    conn.execute("DELETE FROM outbox WHERE mutation_id = ?1", [mutation_id])?;
    Ok(())
}

/// Removes every mutation of draft `draft_id` (none of them was applied).
pub fn clear_draft(conn: &Connection, draft_id: i64) -> Result<()> {
    conn.execute("DELETE FROM outbox WHERE draft_id = ?1", [draft_id])?;
    Ok(())
}
