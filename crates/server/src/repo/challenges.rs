//! The `challenges` table: one-time nonces a login by EDS answers.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::AppError;

/// Live nonces kept at most; beyond, the server is busy rather than growing the table.
pub const MAX_LIVE: i64 = 10_000;

/// Keeps a new nonce until `expires_at`, forgetting those whose time ran out; 503 when
/// [`MAX_LIVE`] are waiting.
pub fn insert(conn: &Connection, nonce: &str, expires_at: i64, now: i64) -> Result<(), AppError> {
    conn.execute("DELETE FROM challenges WHERE expires_at <= ?1", [now])?;
    let live: i64 = conn.query_row("SELECT count(*) FROM challenges", [], |r| r.get(0))?;
    if live >= MAX_LIVE {
        return Err(AppError::Code(homeportal_domain::ErrorCode::ServerBusy));
    }
    conn.execute(
        "INSERT INTO challenges (nonce, expires_at) VALUES (?1, ?2)",
        params![nonce, expires_at],
    )?;
    Ok(())
}

/// Uses up `nonce`; whether it was fresh (unused and in time).
pub fn consume(conn: &Connection, nonce: &str, now: i64) -> Result<bool, AppError> {
    Ok(conn
        .query_row(
            "UPDATE challenges SET used = 1 WHERE nonce = ?1 AND used = 0 AND expires_at > ?2 \
             RETURNING nonce",
            params![nonce, now],
            |r| r.get::<_, String>(0),
        )
        .optional()?
        .is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    #[test]
    fn live_nonces_are_capped_and_expired_ones_swept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = Db::open(dir.path()).expect("db");
        db.call_blocking(|conn| {
            conn.execute(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1) \
                 INSERT INTO challenges (nonce, expires_at) SELECT 'nonce-' || i, 100 FROM n",
                [MAX_LIVE],
            )?;
            assert!(matches!(
                insert(conn, "one too many", 100, 0),
                Err(AppError::Code(homeportal_domain::ErrorCode::ServerBusy))
            ));
            // Once they expire they are swept, and new nonces are kept again.
            insert(conn, "later", 300, 100)?;
            let live: i64 = conn.query_row("SELECT count(*) FROM challenges", [], |r| r.get(0))?;
            assert_eq!(live, 1);
            Ok(())
        })
        .expect("checked");
    }
}
