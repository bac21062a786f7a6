//! The `application_signatures` table: «Подписать заявку» signatures with what they cover.

use rusqlite::{params, Connection};

use crate::error::AppError;

/// A verified signature over an application's digest text.
pub struct Kept<'a> {
    /// The application.
    pub application_id: i64,
    /// SHA-256 of its canonical content.
    pub content_sha256: &'a str,
    /// The text signed.
    pub text: &'a str,
    /// The CMS.
    pub cms: &'a [u8],
    /// ИИН of the signer.
    pub signer_iin: &'a str,
    /// ФИО of the signer.
    pub signer_name: &'a str,
    /// The CMS signing time, Unix seconds.
    pub signed_at: i64,
}

/// Keeps a signature.
pub fn keep(conn: &Connection, signature: &Kept<'_>, now: i64) -> Result<(), AppError> {
    conn.execute(
        "INSERT INTO application_signatures (application_id, content_sha256, text, cms, \
         signer_iin, signer_name, signed_at, received_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            signature.application_id,
            signature.content_sha256,
            signature.text,
            signature.cms,
            signature.signer_iin,
            signature.signer_name,
            signature.signed_at,
            now
        ],
    )?;
    Ok(())
}
