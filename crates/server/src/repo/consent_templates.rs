//! The `consent_templates` table: КЖК's catalogue of formed consents.

use homeportal_domain::guarantee::consents::ConsentTemplate;
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::AppError;

fn template(row: &rusqlite::Row<'_>) -> rusqlite::Result<ConsentTemplate> {
    Ok(ConsentTemplate {
        code: row.get(0)?,
        title: row.get(1)?,
        text: row.get(2)?,
    })
}

/// The catalogue, by code.
pub fn all(conn: &Connection) -> Result<Vec<ConsentTemplate>, AppError> {
    let mut stmt = conn.prepare("SELECT code, title, text FROM consent_templates ORDER BY code")?;
    let rows = stmt.query_map([], template)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The consent with `code`.
pub fn one(conn: &Connection, code: &str) -> Result<Option<ConsentTemplate>, AppError> {
    Ok(conn
        .query_row(
            "SELECT code, title, text FROM consent_templates WHERE code = ?1",
            [code],
            template,
        )
        .optional()?)
}

/// Adds a consent or replaces the one with its code.
pub fn upsert(conn: &Connection, consent: &ConsentTemplate, now: i64) -> Result<(), AppError> {
    conn.execute(
        "INSERT INTO consent_templates (code, title, text, updated_at) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (code) DO UPDATE SET title = excluded.title, text = excluded.text, \
         updated_at = excluded.updated_at",
        params![consent.code, consent.title, consent.text, now],
    )?;
    Ok(())
}
