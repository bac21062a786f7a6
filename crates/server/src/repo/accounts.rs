//! The `accounts` table.

use homeportal_domain::api::Profile;
use homeportal_domain::ids::{Bin, Iin};
use rusqlite::{params, Connection, OptionalExtension};

use crate::accounts::passwords;
use crate::accounts::ValidAccount;
use crate::error::AppError;

/// Stores a validated account; a BIN that already has one is a conflict.
pub fn create(conn: &Connection, account: &ValidAccount, now: i64) -> Result<i64, AppError> {
    let hash = passwords::hash(&account.password)?;
    let inserted = conn.execute(
        "INSERT INTO accounts (bin, org_name, iin, last_name, first_name, middle_name, email, \
         phone, password_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) \
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
            hash,
            now
        ],
    )?;
    if inserted == 0 {
        return Err(AppError::Code(homeportal_domain::ErrorCode::Conflict));
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
