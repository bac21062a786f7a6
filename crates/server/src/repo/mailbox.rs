//! The `mailbox` table: what a server with no SMTP and no SMS gateway would have sent.

use homeportal_domain::access::{Channel, LocalMessage};
use rusqlite::{params, Connection};

use crate::error::AppError;

/// Messages kept; older ones are dropped.
const KEEP: i64 = 200;

/// Keeps one message.
pub fn put(
    conn: &Connection,
    channel: Channel,
    target: &str,
    subject: &str,
    body: &str,
    now: i64,
) -> Result<(), AppError> {
    conn.execute(
        "INSERT INTO mailbox (at, channel, target, subject, body) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![now, channel.as_str(), target, subject, body],
    )?;
    conn.execute(
        "DELETE FROM mailbox WHERE id <= (SELECT max(id) FROM mailbox) - ?1",
        [KEEP],
    )?;
    Ok(())
}

/// Every kept message, newest first.
pub fn list(conn: &Connection) -> Result<Vec<LocalMessage>, AppError> {
    let mut stmt =
        conn.prepare("SELECT at, channel, target, subject, body FROM mailbox ORDER BY id DESC")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    let mut messages = Vec::new();
    for row in rows {
        let (at, channel, to, subject, text) = row?;
        let channel = Channel::parse(&channel)
            .ok_or_else(|| AppError::internal(format!("stored channel {channel}")))?;
        messages.push(LocalMessage {
            at: crate::state::rfc3339(at),
            channel,
            to,
            subject,
            text,
        });
    }
    Ok(messages)
}
