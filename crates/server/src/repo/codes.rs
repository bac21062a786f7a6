//! The `codes` table: one-time codes, kept only as salted SHA-256, one live code per purpose,
//! subject and channel; single use, expiring, with a count of wrong attempts.

use homeportal_domain::access::Channel;
use homeportal_domain::ErrorCode;
use rand::Rng;
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::error::AppError;

/// How long a code may be typed.
pub const TTL_SECS: i64 = 300;
/// Wrong codes allowed before the code is dead.
pub const MAX_ATTEMPTS: i64 = 5;

/// What a code proves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A registration's contacts.
    Registration,
    /// A login by e-mail.
    Login,
    /// «Забыли пароль?».
    Recovery,
    /// A new contact of the profile.
    ContactChange,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Registration => "registration",
            Purpose::Login => "login",
            Purpose::Recovery => "recovery",
            Purpose::ContactChange => "contact_change",
        }
    }
}

/// Whom a code is for: a registration or recovery id, or an account id.
#[derive(Debug, Clone, Copy)]
pub struct CodeFor<'a> {
    /// What it proves.
    pub purpose: Purpose,
    /// The registration, recovery or account it belongs to.
    pub subject: &'a str,
    /// Where it goes.
    pub channel: Channel,
}

fn hash(salt: &str, code: &str) -> String {
    hex::encode(Sha256::digest(format!("{salt}:{code}").as_bytes()))
}

/// Six digits from the operating system's random generator.
fn new_code() -> String {
    format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000u32))
}

/// Seconds until another code may be sent (`cool_down` after the last), if one was sent too
/// recently.
pub fn wait_before_resend(
    conn: &Connection,
    to: CodeFor<'_>,
    now: i64,
    cool_down: i64,
) -> Result<i64, AppError> {
    let sent: Option<i64> = conn
        .query_row(
            "SELECT sent_at FROM codes WHERE purpose = ?1 AND subject = ?2 AND channel = ?3",
            params![to.purpose.as_str(), to.subject, to.channel.as_str()],
            |r| r.get(0),
        )
        .optional()?;
    Ok(sent.map_or(0, |at| (at + cool_down - now).max(0)))
}

/// A new code for `to`, sent to `target`; the previous one stops working. Refused while the
/// resend cool-down (`cool_down` seconds after the last code) runs.
pub fn issue(
    conn: &Connection,
    to: CodeFor<'_>,
    target: &str,
    now: i64,
    cool_down: i64,
) -> Result<String, AppError> {
    if wait_before_resend(conn, to, now, cool_down)? > 0 {
        return Err(AppError::Code(ErrorCode::ResendTooSoon));
    }
    let code = new_code();
    let salt = hex::encode(rand::random::<[u8; 16]>());
    conn.execute(
        "INSERT INTO codes (purpose, subject, channel, target, salt, code_hash, sent_at, expires_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) \
         ON CONFLICT (purpose, subject, channel) DO UPDATE SET target = excluded.target, \
         salt = excluded.salt, code_hash = excluded.code_hash, sent_at = excluded.sent_at, \
         expires_at = excluded.expires_at, attempts = 0, used_at = NULL",
        params![
            to.purpose.as_str(),
            to.subject,
            to.channel.as_str(),
            target,
            salt,
            hash(&salt, &code),
            now,
            now + TTL_SECS
        ],
    )?;
    Ok(code)
}

/// Uses up the code of `to` if `typed` is it; the target it was sent to. A wrong code counts an
/// attempt; an expired, used or exhausted one is refused whatever is typed.
pub fn redeem(
    conn: &Connection,
    to: CodeFor<'_>,
    typed: &str,
    now: i64,
) -> Result<String, AppError> {
    let row: Option<(String, String, String, i64, i64, Option<i64>)> = conn
        .query_row(
            "SELECT target, salt, code_hash, expires_at, attempts, used_at FROM codes \
             WHERE purpose = ?1 AND subject = ?2 AND channel = ?3",
            params![to.purpose.as_str(), to.subject, to.channel.as_str()],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )
        .optional()?;
    let Some((target, salt, stored, expires_at, attempts, used_at)) = row else {
        return Err(AppError::Code(ErrorCode::CodeExpired));
    };
    if used_at.is_some() || expires_at <= now {
        return Err(AppError::Code(ErrorCode::CodeExpired));
    }
    if attempts >= MAX_ATTEMPTS {
        return Err(AppError::Code(ErrorCode::CodeAttemptsExceeded));
    }
    let matches: bool = hash(&salt, typed.trim())
        .as_bytes()
        .ct_eq(stored.as_bytes())
        .into();
    if !matches {
        conn.execute(
            "UPDATE codes SET attempts = attempts + 1 \
             WHERE purpose = ?1 AND subject = ?2 AND channel = ?3",
            params![to.purpose.as_str(), to.subject, to.channel.as_str()],
        )?;
        return Err(AppError::Code(ErrorCode::CodeInvalid));
    }
    conn.execute(
        "UPDATE codes SET used_at = ?4 WHERE purpose = ?1 AND subject = ?2 AND channel = ?3",
        params![to.purpose.as_str(), to.subject, to.channel.as_str(), now],
    )?;
    Ok(target)
}

/// Whether the code of `to` was typed right and went to `target` (a step half done earlier).
pub fn redeemed_for(conn: &Connection, to: CodeFor<'_>, target: &str) -> Result<bool, AppError> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM codes WHERE purpose = ?1 AND subject = ?2 AND channel = ?3 \
             AND target = ?4 AND used_at IS NOT NULL",
            params![to.purpose.as_str(), to.subject, to.channel.as_str(), target],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Forgets the code of `to` (it could not be delivered).
pub fn forget(conn: &Connection, to: CodeFor<'_>) -> Result<(), AppError> {
    conn.execute(
        "DELETE FROM codes WHERE purpose = ?1 AND subject = ?2 AND channel = ?3",
        params![to.purpose.as_str(), to.subject, to.channel.as_str()],
    )?;
    Ok(())
}

/// Forgets codes whose time ran out a day ago.
pub fn sweep(conn: &Connection, now: i64) -> Result<(), AppError> {
    conn.execute("DELETE FROM codes WHERE expires_at < ?1", [now - 86_400])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    fn with_db(test: impl FnOnce(&Connection)) {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = Db::open(dir.path()).expect("db");
        db.call_blocking(|conn| {
            test(conn);
            Ok(())
        })
        .expect("ran");
    }

    const COOL_DOWN: i64 = 60;

    const TO: CodeFor<'static> = CodeFor {
        purpose: Purpose::Login,
        subject: "7",
        channel: Channel::Email,
    };

    fn code_of(result: Result<String, AppError>) -> ErrorCode {
        match result {
            Err(AppError::Code(code)) => code,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn a_code_is_six_digits_works_once_and_is_not_stored_in_clear() {
        with_db(|conn| {
            let code = issue(conn, TO, "buh@test.kz", 1000, COOL_DOWN).expect("issued");
            assert_eq!(code.len(), 6);
            assert!(code.chars().all(|c| c.is_ascii_digit()));
            let stored: String = conn
                .query_row("SELECT code_hash FROM codes", [], |r| r.get(0))
                .expect("row");
            assert!(!stored.contains(&code));
            assert_eq!(redeem(conn, TO, &code, 1001).expect("ok"), "buh@test.kz");
            assert_eq!(
                code_of(redeem(conn, TO, &code, 1002)),
                ErrorCode::CodeExpired
            );
        });
    }

    #[test]
    fn a_code_expires_after_five_minutes() {
        with_db(|conn| {
            let code = issue(conn, TO, "buh@test.kz", 1000, COOL_DOWN).expect("issued");
            assert_eq!(
                code_of(redeem(conn, TO, &code, 1000 + TTL_SECS)),
                ErrorCode::CodeExpired
            );
        });
    }

    #[test]
    fn five_wrong_attempts_kill_the_code() {
        with_db(|conn| {
            let code = issue(conn, TO, "buh@test.kz", 1000, COOL_DOWN).expect("issued");
            let wrong = if code == "000000" { "111111" } else { "000000" };
            for _ in 0..MAX_ATTEMPTS {
                assert_eq!(
                    code_of(redeem(conn, TO, wrong, 1001)),
                    ErrorCode::CodeInvalid
                );
            }
            assert_eq!(
                code_of(redeem(conn, TO, &code, 1002)),
                ErrorCode::CodeAttemptsExceeded
            );
        });
    }

    #[test]
    fn a_new_code_waits_for_the_cool_down_and_replaces_the_old_one() {
        with_db(|conn| {
            let first = issue(conn, TO, "buh@test.kz", 1000, COOL_DOWN).expect("issued");
            assert_eq!(
                code_of(issue(
                    conn,
                    TO,
                    "buh@test.kz",
                    1000 + COOL_DOWN - 1,
                    COOL_DOWN
                )),
                ErrorCode::ResendTooSoon
            );
            assert_eq!(
                wait_before_resend(conn, TO, 1030, COOL_DOWN).expect("wait"),
                30
            );
            let second =
                issue(conn, TO, "new@test.kz", 1000 + COOL_DOWN, COOL_DOWN).expect("again");
            if first != second {
                assert_eq!(
                    code_of(redeem(conn, TO, &first, 1061)),
                    ErrorCode::CodeInvalid
                );
            }
            assert_eq!(redeem(conn, TO, &second, 1062).expect("ok"), "new@test.kz");
        });
    }
}
