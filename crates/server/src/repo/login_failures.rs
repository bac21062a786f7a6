//! The `login_failures` table: wrong passwords per (client address, БИН) and the wait they
//! earned. Reserving an attempt is one statement sequence on the single writer, so concurrent
//! attempts are counted one by one.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::AppError;

/// Attempts that cost nothing.
pub const FREE_ATTEMPTS: i64 = 5;
/// The longest wait, seconds.
pub const MAX_WAIT_SECS: i64 = 15 * 60;
/// Failures older than this are forgotten, seconds.
pub const FORGET_AFTER_SECS: i64 = 24 * 3600;

/// The wait after failure number `failures` (0 while free): 2, 4, 8… seconds, at most 15 min.
pub fn wait_after(failures: i64) -> i64 {
    let excess = failures - FREE_ATTEMPTS + 1;
    if excess <= 0 {
        return 0;
    }
    1i64.checked_shl(excess.min(20) as u32)
        .unwrap_or(MAX_WAIT_SECS)
        .min(MAX_WAIT_SECS)
}

/// Reserves an attempt of `address` on `bin`, counted as a failure until it succeeds; `Err`
/// with the seconds to wait when the address must wait first.
pub fn reserve(
    conn: &Connection,
    address: &str,
    bin: &str,
    now: i64,
) -> Result<Result<(), i64>, AppError> {
    let row: Option<(i64, i64, i64)> = conn
        .query_row(
            "SELECT failures, wait_until, updated_at FROM login_failures \
             WHERE address = ?1 AND bin = ?2",
            params![address, bin],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let failures = match row {
        Some((_, wait_until, _)) if wait_until > now => return Ok(Err(wait_until - now)),
        Some((failures, _, updated_at)) if now - updated_at < FORGET_AFTER_SECS => failures,
        _ => 0,
    } + 1;
    let wait_until = match wait_after(failures) {
        0 => 0,
        wait => now + wait,
    };
    conn.execute(
        "INSERT INTO login_failures (address, bin, failures, wait_until, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(address, bin) DO UPDATE SET \
         failures = excluded.failures, wait_until = excluded.wait_until, \
         updated_at = excluded.updated_at",
        params![address, bin, failures, wait_until, now],
    )?;
    Ok(Ok(()))
}

/// Forgets the failures of `address` on `bin` after the right password.
pub fn succeeded(conn: &Connection, address: &str, bin: &str) -> Result<(), AppError> {
    conn.execute(
        "DELETE FROM login_failures WHERE address = ?1 AND bin = ?2",
        params![address, bin],
    )?;
    Ok(())
}

/// Removes failures nobody repeated for a day; how many.
pub fn sweep(conn: &Connection, now: i64) -> Result<usize, AppError> {
    Ok(conn.execute(
        "DELETE FROM login_failures WHERE updated_at < ?1 AND wait_until < ?2",
        params![now - FORGET_AFTER_SECS, now],
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_after_the_free_attempts_and_stay_bounded() {
        let waits: Vec<i64> = (1..=8).map(wait_after).collect();
        assert_eq!(waits, vec![0, 0, 0, 0, 2, 4, 8, 16]);
        assert_eq!(wait_after(100), MAX_WAIT_SECS);
    }
}
