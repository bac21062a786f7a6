//! The `accounts` table.

use homeportal_domain::api::Profile;
use homeportal_domain::ids::{Bin, Iin};
use rusqlite::{params, Connection, OptionalExtension};

use crate::accounts::ValidAccount;
use crate::error::AppError;

/// Stores a validated account whose password hash is `password_hash`; `verified` marks its
/// e-mail and phone as confirmed by codes. A BIN that already has one is refused.
pub fn create(
    conn: &Connection,
    account: &ValidAccount,
    password_hash: &str,
    verified: bool,
    now: i64,
) -> Result<i64, AppError> {
    let inserted = conn.execute(
        "INSERT INTO accounts (bin, org_name, iin, last_name, first_name, middle_name, email, \
         phone, password_hash, created_at, email_verified, phone_verified) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11) \
         ON CONFLICT(bin) DO NOTHING",
        params![
            account.bin.as_string(),
            account.org_name,
            account.iin.as_string(),
            account.last_name,
            account.first_name,
            account.middle_name,
            account.email,
            account.phone,
            password_hash,
            now,
            verified
        ],
    )?;
    if inserted == 0 {
        return Err(AppError::Code(
            homeportal_domain::ErrorCode::AlreadyRegistered,
        ));
    }
    Ok(conn.last_insert_rowid())
}

/// The account id and password hash for a BIN, if it has an account.
pub fn credentials(conn: &Connection, bin: &Bin) -> Result<Option<(i64, String)>, AppError> {
    Ok(conn
        .query_row(
            "SELECT id, password_hash FROM accounts WHERE bin = ?1",
            [bin.as_string()],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?)
}

/// The profile of an account.
pub fn profile(conn: &Connection, account_id: i64) -> Result<Profile, AppError> {
    let row = conn
        .query_row(
            "SELECT bin, org_name, iin, last_name, first_name, middle_name, email, email_verified, \
             phone, phone_verified FROM accounts WHERE id = ?1",
            [account_id],
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, String>(3)?,
                    row.get::<_, String>(4)?,
                    row.get::<_, Option<String>>(5)?,
                    row.get::<_, String>(6)?,
                    row.get::<_, bool>(7)?,
                    row.get::<_, String>(8)?,
                    row.get::<_, bool>(9)?,
                ))
            },
        )
        .optional()?
        .ok_or(AppError::Code(homeportal_domain::ErrorCode::NotFound))?;
    let (bin, org_name, iin, last_name, first_name, middle_name, email, ev, phone, pv) = row;
    Ok(Profile {
        bin: Bin::parse(&bin).map_err(|e| AppError::internal(format!("stored BIN: {e}")))?,
        org_name,
        iin: Iin::parse(&iin).map_err(|e| AppError::internal(format!("stored IIN: {e}")))?,
        last_name,
        first_name,
        middle_name,
        email,
        email_verified: ev,
        phone,
        phone_verified: pv,
    })
}

/// BIN and name of every account, for staff.
pub fn list(conn: &Connection) -> Result<Vec<(String, String)>, AppError> {
    let mut stmt = conn.prepare("SELECT bin, org_name FROM accounts ORDER BY bin")?;
    let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// The organisation an account acts for, and how its person is named in histories:
/// «Фамилия Имя, Организация».
pub fn actor(conn: &Connection, account_id: i64) -> Result<(Bin, String), AppError> {
    let profile = profile(conn, account_id)?;
    let name = format!(
        "{} {}, {}",
        profile.last_name, profile.first_name, profile.org_name
    );
    Ok((profile.bin, name))
}

/// Наименование организации of the account of `bin`.
pub fn org_name(conn: &Connection, bin: &str) -> Result<Option<String>, AppError> {
    Ok(conn
        .query_row("SELECT org_name FROM accounts WHERE bin = ?1", [bin], |r| {
            r.get(0)
        })
        .optional()?)
}

/// Whether `bin` has an account.
pub fn exists(conn: &Connection, bin: &str) -> Result<bool, AppError> {
    Ok(conn
        .query_row("SELECT 1 FROM accounts WHERE bin = ?1", [bin], |_| Ok(()))
        .optional()?
        .is_some())
}

/// The account whose confirmed e-mail is `email`.
pub fn by_verified_email(conn: &Connection, email: &str) -> Result<Option<i64>, AppError> {
    Ok(conn
        .query_row(
            "SELECT id FROM accounts WHERE email = ?1 COLLATE NOCASE AND email_verified = 1",
            [email],
            |r| r.get(0),
        )
        .optional()?)
}

/// Whether another account than `except` already uses `email`.
pub fn email_taken(conn: &Connection, email: &str, except: Option<i64>) -> Result<bool, AppError> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM accounts WHERE email = ?1 COLLATE NOCASE AND id IS NOT ?2",
            params![email, except],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// The account of `bin` whose registered e-mail and phone are `email` and `phone`.
pub fn by_contacts(
    conn: &Connection,
    bin: &str,
    email: &str,
    phone: &str,
) -> Result<Option<i64>, AppError> {
    Ok(conn
        .query_row(
            "SELECT id FROM accounts WHERE bin = ?1 AND email = ?2 COLLATE NOCASE AND phone = ?3",
            params![bin, email, phone],
            |r| r.get(0),
        )
        .optional()?)
}

/// Sets a confirmed e-mail or phone.
pub fn set_contact(
    conn: &Connection,
    account_id: i64,
    channel: homeportal_domain::access::Channel,
    value: &str,
) -> Result<(), AppError> {
    let sql = match channel {
        homeportal_domain::access::Channel::Email => {
            "UPDATE accounts SET email = ?2, email_verified = 1 WHERE id = ?1"
        }
        homeportal_domain::access::Channel::Sms => {
            "UPDATE accounts SET phone = ?2, phone_verified = 1 WHERE id = ?1"
        }
    };
    conn.execute(sql, params![account_id, value])?;
    Ok(())
}

/// Replaces the password hash.
pub fn set_password(
    conn: &Connection,
    account_id: i64,
    password_hash: &str,
) -> Result<(), AppError> {
    conn.execute(
        "UPDATE accounts SET password_hash = ?2 WHERE id = ?1",
        params![account_id, password_hash],
    )?;
    Ok(())
}
