//! The `profile_changes` table: who changed a contact, when, from what to what.

use homeportal_domain::access::{Channel, ProfileChange};
use rusqlite::{params, Connection};

use crate::error::AppError;

/// Records one change.
pub fn record(
    conn: &Connection,
    account_id: i64,
    by: &str,
    channel: Channel,
    old: &str,
    new: &str,
    now: i64,
) -> Result<(), AppError> {
    conn.execute(
        "INSERT INTO profile_changes (account_id, at, by_name, channel, old_value, new_value) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![account_id, now, by, channel.as_str(), old, new],
    )?;
    Ok(())
}

/// The account's changes, newest first.
pub fn list(conn: &Connection, account_id: i64) -> Result<Vec<ProfileChange>, AppError> {
    let mut stmt = conn.prepare(
        "SELECT at, by_name, channel, old_value, new_value FROM profile_changes \
         WHERE account_id = ?1 ORDER BY id DESC",
    )?;
    let rows = stmt.query_map([account_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    let mut changes = Vec::new();
    for row in rows {
        let (at, by, channel, old, new) = row?;
        let channel = Channel::parse(&channel)
            .ok_or_else(|| AppError::internal(format!("stored channel {channel}")))?;
        changes.push(ProfileChange {
            at: crate::state::rfc3339(at),
            by,
            channel,
            old,
            new,
        });
    }
    Ok(changes)
}
