//! The organisation's documents: listed, downloaded (streamed, with Range) and deleted by
//! their owner. Bytes live in the content-addressed blob store.

use std::io::Read;
use std::path::Path;

use axum::extract::{Path as UrlPath, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use homeportal_domain::api::DocumentInfo;
use homeportal_domain::ErrorCode;
use rusqlite::{params, OptionalExtension};
use sha2::{Digest, Sha256};
use tower::ServiceExt;
use tower_http::services::ServeFile;

use crate::error::AppError;
use crate::routes::auth::AuthSession;
use crate::signing::records as signatures;
use crate::state::AppState;

/// SHA-256 (hex) of a file and its first bytes (for sniffing), read in 1 MiB pieces.
pub fn hash_file(path: &Path) -> std::io::Result<(String, Vec<u8>)> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1024 * 1024];
    let mut head = Vec::new();
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        if head.len() < 512 {
            head.extend_from_slice(&buffer[..n.min(512 - head.len())]);
        }
        hasher.update(&buffer[..n]);
    }
    Ok((hex::encode(hasher.finalize()), head))
}

/// The MIME type from the content's signature (the file name only tells zip formats apart).
pub fn sniff_mime(head: &[u8], file_name: &str) -> &'static str {
    let lower = file_name.to_lowercase();
    if head.starts_with(b"%PDF-") {
        "application/pdf"
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "image/jpeg"
    } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else if head.starts_with(b"II*\0") || head.starts_with(b"MM\0*") {
        "image/tiff"
    } else if head.starts_with(b"PK\x03\x04") {
        if lower.ends_with(".docx") {
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        } else if lower.ends_with(".xlsx") {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        } else {
            "application/zip"
        }
    } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        "application/x-ole-storage"
    } else if head.starts_with(b"Rar!") {
        "application/vnd.rar"
    } else if head.starts_with(b"7z\xBC\xAF\x27\x1C") {
        "application/x-7z-compressed"
    } else {
        "application/octet-stream"
    }
}

fn info(row: &rusqlite::Row<'_>) -> rusqlite::Result<DocumentInfo> {
    let created: i64 = row.get(6)?;
    Ok(DocumentInfo {
        id: row.get(0)?,
        slot: row.get(1)?,
        file_name: row.get(2)?,
        size: row.get::<_, i64>(3)?.max(0) as u64,
        mime: row.get(4)?,
        sha256: row.get(5)?,
        created_at: chrono::DateTime::from_timestamp(created, 0)
            .map(|t| t.to_rfc3339())
            .unwrap_or_default(),
        signatures: Vec::new(),
    })
}

const COLUMNS: &str = "id, slot, file_name, size, mime, sha256, created_at";

/// One document of the organisation, with its signatures.
pub(crate) async fn one(
    state: &AppState,
    account_id: i64,
    id: i64,
) -> Result<DocumentInfo, AppError> {
    state
        .db
        .call(move |conn| {
            let found = conn
                .query_row(
                    &format!("SELECT {COLUMNS} FROM documents WHERE id = ?1 AND account_id = ?2"),
                    params![id, account_id],
                    info,
                )
                .optional()?;
            match found {
                Some(mut document) => {
                    document.signatures = signatures::of_document(conn, document.id)?;
                    Ok(Some(document))
                }
                None => Ok(None),
            }
        })
        .await?
        .ok_or(AppError::Code(ErrorCode::NotFound))
}

/// `GET /api/v1/documents`: the organisation's documents, newest first.
pub async fn list(
    State(state): State<AppState>,
    session: AuthSession,
) -> Result<Json<Vec<DocumentInfo>>, AppError> {
    let account_id = session.account_id;
    let documents = state
        .db
        .call(move |conn| {
            let mut stmt = conn.prepare(&format!(
                "SELECT {COLUMNS} FROM documents WHERE account_id = ?1 ORDER BY created_at DESC, id DESC"
            ))?;
            let rows = stmt.query_map([account_id], info)?;
            let mut documents = rows.collect::<Result<Vec<_>, _>>()?;
            let mut signed = signatures::by_document(conn, account_id)?;
            for document in &mut documents {
                document.signatures = signed.remove(&document.id).unwrap_or_default();
            }
            Ok(documents)
        })
        .await?;
    Ok(Json(documents))
}

/// `GET /api/v1/documents/{id}`: the bytes, streamed, honouring `Range`.
pub async fn download(
    State(state): State<AppState>,
    session: AuthSession,
    UrlPath(id): UrlPath<i64>,
    request: Request,
) -> Result<Response, AppError> {
    let document = one(&state, session.account_id, id).await?;
    let path = state
        .blobs
        .path(&document.sha256)
        .ok_or_else(|| AppError::internal(format!("blob {} missing", document.sha256)))?;
    let mime = HeaderValue::from_str(&document.mime)
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    let mut response = ServeFile::new(path)
        .oneshot(request)
        .await
        .map_err(|e| AppError::internal(format!("serve file: {e}")))?
        .into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, mime);
    let encoded: String = document
        .file_name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename*=UTF-8''{encoded}")) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

/// `DELETE /api/v1/documents/{id}`: removes the record, and the blob when nothing else uses it.
pub async fn delete(
    State(state): State<AppState>,
    session: AuthSession,
    UrlPath(id): UrlPath<i64>,
) -> Result<StatusCode, AppError> {
    let document = one(&state, session.account_id, id).await?;
    let sha = document.sha256.clone();
    let still_used = state
        .db
        .call(move |conn| {
            conn.execute("DELETE FROM documents WHERE id = ?1", [id])?;
            conn.query_row(
                "SELECT COUNT(*) FROM documents WHERE sha256 = ?1",
                [&sha],
                |r| r.get::<_, i64>(0),
            )
            .map_err(AppError::from)
        })
        .await?;
    if still_used == 0 {
        state
            .blobs
            .remove(&document.sha256)
            .map_err(|e| AppError::internal(format!("remove blob: {e}")))?;
    }
    tracing::info!(id, "document deleted");
    Ok(StatusCode::NO_CONTENT)
}
