//! The `sync_cursors` table: how far each scope's change feed was read.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;

/// The cursor of `scope` (0 before the first read).
pub fn get(conn: &Connection, scope: &str) -> Result<i64> {
    Ok(conn
        .query_row(
            "SELECT cursor FROM sync_cursors WHERE scope = ?1",
            [scope],
            |row| row.get(0),
        )
        .optional()?
        .unwrap_or(0))
}

/// Moves the cursor of `scope`.
pub fn set(conn: &Connection, scope: &str, cursor: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO sync_cursors (scope, cursor) VALUES (?1, ?2) \
         ON CONFLICT(scope) DO UPDATE SET cursor = excluded.cursor",
        params![scope, cursor],
    )?;
    Ok(())
}
