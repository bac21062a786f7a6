//! The `licence_acceptances` table: the Лицензионное соглашение each account signed.

use rusqlite::{params, Connection};

use crate::error::AppError;

/// Keeps the signature with which `account_id` accepted the text with SHA-256 `text_sha256`.
pub fn accept(
    conn: &Connection,
    account_id: i64,
    text_sha256: &str,
    cms: &[u8],
    signer_iin: &str,
    now: i64,
) -> Result<(), AppError> {
    conn.execute(
        "INSERT INTO licence_acceptances (account_id, text_sha256, cms, signer_iin, signed_at) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![account_id, text_sha256, cms, signer_iin, now],
    )?;
    Ok(())
}
