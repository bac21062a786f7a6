//! The `staff` table: КЖК staff with a role and an API key, stored only as its hash.

use base64::Engine;
use homeportal_domain::guarantee::staff::StaffRole;
use rand::RngCore;
use rusqlite::{params, Connection, OptionalExtension};

use super::sessions::token_hash;
use crate::error::AppError;

/// A member of staff as the API sees them.
#[derive(Debug, Clone)]
pub struct Staff {
    /// Id.
    pub id: i64,
    /// ФИО, written into the history.
    pub name: String,
    /// What they may do.
    pub role: StaffRole,
}

/// Adds a member of staff; their API key (shown once).
pub fn add(conn: &Connection, name: &str, role: StaffRole, now: i64) -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let key = format!(
        "kzhk-{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    );
    conn.execute(
        "INSERT INTO staff (name, role, key_hash, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![name, role.as_str(), token_hash(&key), now],
    )?;
    Ok(key)
}

/// The member of staff holding `key`, unless revoked.
pub fn by_key(conn: &Connection, key: &str) -> Result<Option<Staff>, AppError> {
    let row = conn
        .query_row(
            "SELECT id, name, role FROM staff WHERE key_hash = ?1 AND revoked_at IS NULL",
            [token_hash(key)],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            },
        )
        .optional()?;
    row.map(|(id, name, role)| {
        let role = StaffRole::parse(&role)
            .ok_or_else(|| AppError::internal(format!("stored staff role {role}")))?;
        Ok(Staff { id, name, role })
    })
    .transpose()
}

/// Every member of staff: id, name, role, whether revoked.
pub fn list(conn: &Connection) -> Result<Vec<(i64, String, String, bool)>, AppError> {
    let mut stmt =
        conn.prepare("SELECT id, name, role, revoked_at IS NOT NULL FROM staff ORDER BY id")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Revokes the key of member `id`; whether there was one to revoke.
pub fn revoke(conn: &Connection, id: i64, now: i64) -> Result<bool, AppError> {
    Ok(conn.execute(
        "UPDATE staff SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
        params![id, now],
    )? > 0)
}
