//! Signatures the server accepted, as kept in the database.

use std::collections::HashMap;

use homeportal_domain::signing::{SignatureInfo, SigningMethod};
use homeportal_pki::{Role, Signer};
use rusqlite::{params, Connection};
use sha2::{Digest, Sha256};

fn role_name(signer: &Signer) -> &'static str {
    if signer.roles.contains(&Role::Head) {
        "head"
    } else if signer.roles.contains(&Role::SigningRight) {
        "signing_right"
    } else {
        "employee"
    }
}

fn method_name(method: SigningMethod) -> &'static str {
    match method {
        SigningMethod::NcaLayer => "nca_layer",
        SigningMethod::EgovQr => "egov_qr",
    }
}

fn rfc3339(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|t| t.to_rfc3339())
        .unwrap_or_default()
}

/// What a verified signature is stored as.
pub struct Accepted<'a> {
    /// The organisation.
    pub account_id: i64,
    /// The document.
    pub document_id: i64,
    /// The CMS as received, DER.
    pub cms: &'a [u8],
    /// What it signs (the manifest's text).
    pub content: &'a [u8],
    /// Who signed.
    pub signer: &'a Signer,
    /// When, by the CMS signing time.
    pub signed_at: i64,
    /// How.
    pub method: SigningMethod,
}

/// Stores an accepted signature once: the same certificate over the same content of the same
/// document answers with the signature already kept.
pub fn store(
    conn: &Connection,
    accepted: &Accepted<'_>,
    now: i64,
) -> rusqlite::Result<SignatureInfo> {
    let signer = accepted.signer;
    let content_sha256 = hex::encode(Sha256::digest(accepted.content));
    let inserted = conn.execute(
        "INSERT INTO signatures (account_id, document_id, cms, signer_name, signer_iin, signer_bin, \
         role, certificate_serial, method, signed_at, content_sha256, received_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) \
         ON CONFLICT(document_id, certificate_serial, content_sha256) DO NOTHING",
        params![
            accepted.account_id,
            accepted.document_id,
            accepted.cms,
            signer.full_name,
            signer.iin.clone().unwrap_or_default(),
            signer.bin.clone().unwrap_or_default(),
            role_name(signer),
            signer.serial,
            method_name(accepted.method),
            accepted.signed_at,
            content_sha256,
            now
        ],
    )?;
    if inserted == 0 {
        return conn.query_row(
            &format!(
                "SELECT {COLUMNS} FROM signatures \
                 WHERE document_id = ?1 AND certificate_serial = ?2 AND content_sha256 = ?3"
            ),
            params![accepted.document_id, signer.serial, content_sha256],
            info,
        );
    }
    Ok(SignatureInfo {
        id: conn.last_insert_rowid(),
        document_id: accepted.document_id,
        signer_name: signer.full_name.clone(),
        signer_iin: signer.iin.clone().unwrap_or_default(),
        signer_bin: signer.bin.clone().unwrap_or_default(),
        role: role_name(signer).to_owned(),
        certificate_serial: signer.serial.clone(),
        method: accepted.method,
        signed_at: rfc3339(accepted.signed_at),
        received_at: rfc3339(now),
    })
}

fn info(row: &rusqlite::Row<'_>) -> rusqlite::Result<SignatureInfo> {
    let method: String = row.get(7)?;
    Ok(SignatureInfo {
        id: row.get(0)?,
        document_id: row.get(1)?,
        signer_name: row.get(2)?,
        signer_iin: row.get(3)?,
        signer_bin: row.get(4)?,
        role: row.get(5)?,
        certificate_serial: row.get(6)?,
        method: if method == "egov_qr" {
            SigningMethod::EgovQr
        } else {
            SigningMethod::NcaLayer
        },
        signed_at: rfc3339(row.get(8)?),
        received_at: rfc3339(row.get(9)?),
    })
}

const COLUMNS: &str =
    "id, document_id, signer_name, signer_iin, signer_bin, role, certificate_serial, method, signed_at, \
     received_at";

/// One signature by id.
pub fn one(conn: &Connection, id: i64) -> rusqlite::Result<SignatureInfo> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM signatures WHERE id = ?1"),
        [id],
        info,
    )
}

/// The signatures of one document, oldest first.
pub fn of_document(conn: &Connection, document_id: i64) -> rusqlite::Result<Vec<SignatureInfo>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM signatures WHERE document_id = ?1 ORDER BY signed_at, id"
    ))?;
    let rows = stmt.query_map([document_id], info)?;
    rows.collect()
}

/// Every signature of an organisation's documents, by document, oldest first.
pub fn by_document(
    conn: &Connection,
    account_id: i64,
) -> rusqlite::Result<HashMap<i64, Vec<SignatureInfo>>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM signatures WHERE account_id = ?1 ORDER BY signed_at, id"
    ))?;
    let mut map: HashMap<i64, Vec<SignatureInfo>> = HashMap::new();
    for signature in stmt.query_map([account_id], info)? {
        let signature = signature?;
        map.entry(signature.document_id)
            .or_default()
            .push(signature);
    }
    Ok(map)
}
