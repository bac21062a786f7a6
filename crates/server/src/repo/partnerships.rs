//! The `partnerships` table: developers that confirmed a УК's invitation with their EDS.

use homeportal_domain::ids::Bin;
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::AppError;

/// A confirmation: who signed, and the CMS kept as evidence.
pub struct Confirmation<'a> {
    /// The УК.
    pub uk: &'a Bin,
    /// The developer.
    pub developer: &'a Bin,
    /// ИИН of the developer's signer.
    pub signer_iin: &'a str,
    /// The CMS over the invitation's text.
    pub cms: &'a [u8],
}

/// Records (or renews) a confirmed partnership.
pub fn confirm(
    conn: &Connection,
    confirmation: &Confirmation<'_>,
    now: i64,
) -> Result<(), AppError> {
    conn.execute(
        "INSERT INTO partnerships (uk_bin, developer_bin, signer_iin, cms, confirmed_at) \
         VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (uk_bin, developer_bin) DO UPDATE SET \
         signer_iin = excluded.signer_iin, cms = excluded.cms, confirmed_at = excluded.confirmed_at",
        params![
            confirmation.uk.as_string(),
            confirmation.developer.as_string(),
            confirmation.signer_iin,
            confirmation.cms,
            now
        ],
    )?;
    Ok(())
}

/// Whether `developer` confirmed an invitation of `uk`.
pub fn confirmed(conn: &Connection, uk: &Bin, developer: &Bin) -> Result<bool, AppError> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM partnerships WHERE uk_bin = ?1 AND developer_bin = ?2",
            params![uk.as_string(), developer.as_string()],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}
