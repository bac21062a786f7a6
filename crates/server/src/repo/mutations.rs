//! `devices` and `mutation_answers`: which mutations of each device were applied, and their
//! first answers, written in the same transaction as the mutation's effect.

use homeportal_domain::sync::MutationKey;
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::AppError;

/// The first answer to an applied mutation: HTTP status and JSON body.
#[derive(Debug, Clone)]
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// JSON body.
    pub body: String,
}

/// The answer `key` got when it was applied, if it was.
pub fn answer(
    conn: &Connection,
    account_id: i64,
    key: &MutationKey,
) -> Result<Option<Answer>, AppError> {
    Ok(conn
        .query_row(
            "SELECT status, body FROM mutation_answers \
             WHERE account_id = ?1 AND device = ?2 AND mutation = ?3",
            params![account_id, key.device, key.mutation],
            |row| {
                Ok(Answer {
                    status: row.get(0)?,
                    body: row.get(1)?,
                })
            },
        )
        .optional()?)
}

/// The last mutation of the device applied for this account (0 for none).
pub fn last_applied(conn: &Connection, account_id: i64, device: &str) -> Result<i64, AppError> {
    Ok(conn
        .query_row(
            "SELECT last_mutation FROM devices WHERE account_id = ?1 AND device = ?2",
            params![account_id, device],
            |row| row.get(0),
        )
        .optional()?
        .unwrap_or(0))
}

/// Records that `key` was applied and what it answered.
pub fn record(
    conn: &Connection,
    account_id: i64,
    key: &MutationKey,
    answer: &Answer,
    now: i64,
) -> Result<(), AppError> {
    conn.execute(
        "INSERT INTO devices (account_id, device, last_mutation) VALUES (?1, ?2, ?3) \
         ON CONFLICT(account_id, device) DO UPDATE SET \
         last_mutation = max(last_mutation, excluded.last_mutation)",
        params![account_id, key.device, key.mutation],
    )?;
    conn.execute(
        "INSERT INTO mutation_answers (account_id, device, mutation, status, body, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            account_id,
            key.device,
            key.mutation,
            answer.status,
            answer.body,
            now
        ],
    )?;
    Ok(())
}
