//! The `invitations` table: «Отправить электронное уведомление» codes, stored only as hashes.

use homeportal_domain::ids::Bin;
use rand::Rng;
use rusqlite::{params, Connection, OptionalExtension};

use super::sessions::token_hash;
use crate::error::AppError;

/// Letters and digits a person cannot confuse when typing a code from an e-mail.
const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// An invitation as stored.
#[derive(Debug, Clone)]
pub struct Invitation {
    /// The application it was sent from.
    pub application_id: i64,
    /// The inviting УК.
    pub uk_bin: Bin,
    /// The invited developer.
    pub developer_bin: Bin,
    /// The developer's name as the registry gave it.
    pub developer_name: String,
    /// Until when it can be accepted, Unix seconds.
    pub expires_at: i64,
    /// When it was accepted.
    pub accepted_at: Option<i64>,
}

/// What a new invitation is for.
pub struct NewInvitation<'a> {
    /// The application it is sent from.
    pub application_id: i64,
    /// The inviting УК.
    pub uk_bin: &'a Bin,
    /// The invited developer.
    pub developer_bin: &'a Bin,
    /// Its name.
    pub developer_name: &'a str,
    /// Where it goes.
    pub email: &'a str,
}

/// A fresh code in groups of four: `XXXX-XXXX-XXXX`.
fn fresh_code() -> String {
    let mut rng = rand::rngs::OsRng;
    (0..3)
        .map(|_| {
            (0..4)
                .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// The code as typed: upper case, spaces dropped.
pub fn normalise(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Issues an invitation valid for `ttl` seconds; the code (shown once, in the e-mail).
pub fn issue(
    conn: &Connection,
    invitation: &NewInvitation<'_>,
    now: i64,
    ttl: i64,
) -> Result<String, AppError> {
    let code = fresh_code();
    conn.execute(
        "INSERT INTO invitations (code_hash, application_id, uk_bin, developer_bin, \
         developer_name, email, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            token_hash(&code),
            invitation.application_id,
            invitation.uk_bin.as_string(),
            invitation.developer_bin.as_string(),
            invitation.developer_name,
            invitation.email,
            now,
            now + ttl
        ],
    )?;
    Ok(code)
}

/// Forgets an invitation whose e-mail did not leave.
pub fn withdraw(conn: &Connection, code: &str) -> Result<(), AppError> {
    conn.execute(
        "DELETE FROM invitations WHERE code_hash = ?1",
        [token_hash(&normalise(code))],
    )?;
    Ok(())
}

/// The invitation with `code`.
pub fn by_code(conn: &Connection, code: &str) -> Result<Option<Invitation>, AppError> {
    let row = conn
        .query_row(
            "SELECT application_id, uk_bin, developer_bin, developer_name, expires_at, accepted_at \
             FROM invitations WHERE code_hash = ?1",
            [token_hash(&normalise(code))],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, Option<i64>>(5)?,
                ))
            },
        )
        .optional()?;
    let Some((application_id, uk, developer, developer_name, expires_at, accepted_at)) = row else {
        return Ok(None);
    };
    let bin = |text: &str| {
        Bin::parse(text).map_err(|e| AppError::internal(format!("stored БИН {text}: {}", e.key)))
    };
    Ok(Some(Invitation {
        application_id,
        uk_bin: bin(&uk)?,
        developer_bin: bin(&developer)?,
        developer_name,
        expires_at,
        accepted_at,
    }))
}

/// Marks the invitation with `code` accepted.
pub fn accept(conn: &Connection, code: &str, now: i64) -> Result<(), AppError> {
    conn.execute(
        "UPDATE invitations SET accepted_at = ?2 WHERE code_hash = ?1",
        params![token_hash(&normalise(code)), now],
    )?;
    Ok(())
}
