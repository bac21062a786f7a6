//! The tus 1.0.0 protocol: core, creation, creation-with-upload, checksum (sha1, sha256),
//! termination and expiration, under the authenticated API. Bodies stream to disk; a finished
//! file is checked against its declared SHA-256 and moved into the blob store as a document.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use futures_util::StreamExt;
use homeportal_domain::api::{paths, UploadKind};
use homeportal_domain::ErrorCode;
use rand::RngCore;
use sha2::Digest;
use tokio::io::AsyncSeekExt;

use super::chunk_writer::{ChunkDigest, ChunkWriter};
use super::content;
use crate::error::AppError;
use crate::extract::{ApiPath, AuthSession};
use crate::repo::documents::{self, NewDocument};
use crate::repo::uploads::{self, NewUpload, Upload};
use crate::state::{now, AppState};

/// The protocol version spoken.
pub const TUS_VERSION: &str = "1.0.0";
const EXTENSIONS: &str = "creation,creation-with-upload,checksum,termination,expiration";
/// sha1 because tus requires it, sha256, and crc32 for cheap per-chunk transfer checks (the
/// whole file is covered by its SHA-256).
const CHECKSUM_ALGORITHMS: &str = "sha1,sha256,crc32";
const OFFSET_OCTET_STREAM: &str = "application/offset+octet-stream";

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
}

/// A byte count as tus writes it: digits only, no sign, no spaces inside.
fn number(headers: &HeaderMap, name: &str) -> Option<u64> {
    header(headers, name)
        .filter(|v| (1..=20).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|v| v.parse().ok())
}

/// Headers the upload routes read; each must be printable ASCII when present.
const READ_HEADERS: [&str; 6] = [
    "upload-length",
    "upload-offset",
    "upload-metadata",
    "upload-checksum",
    "content-type",
    FILE_SHA256,
];

/// Longest `Upload-Metadata` accepted, bytes.
const MAX_METADATA: usize = 4096;
/// Longest slot name accepted, characters.
const MAX_SLOT: usize = 64;

/// Whether every header the routes read is printable ASCII (a raw non-ASCII value is refused,
/// never silently taken as absent).
fn readable(headers: &HeaderMap) -> bool {
    READ_HEADERS.iter().all(|name| {
        headers
            .get_all(*name)
            .iter()
            .all(|v| v.as_bytes().iter().all(|b| (0x20..0x7f).contains(b)))
    })
}

/// A slot name: letters, digits, `_` and `-`, at most [`MAX_SLOT`] characters.
pub(crate) fn valid_slot(slot: &str) -> bool {
    (1..=MAX_SLOT).contains(&slot.len())
        && slot
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

fn set(response: &mut Response, name: &'static str, value: impl ToString) {
    if let Ok(value) = HeaderValue::from_str(&value.to_string()) {
        response
            .headers_mut()
            .insert(HeaderName::from_static(name), value);
    }
}

/// The version check of every upload route but `OPTIONS`: another tus version gets 412 with
/// the version we speak; every answer carries `Tus-Resumable`.
pub async fn tus_version(request: Request, next: Next) -> Response {
    let spoken = request.method() == Method::OPTIONS
        || header(request.headers(), "tus-resumable") == Some(TUS_VERSION);
    let mut response = if !readable(request.headers()) {
        AppError::Code(ErrorCode::BadRequest).into_response()
    } else if spoken {
        next.run(request).await
    } else {
        let mut refusal = AppError::Code(ErrorCode::Unsupported).into_response();
        *refusal.status_mut() = StatusCode::PRECONDITION_FAILED;
        set(&mut refusal, "tus-version", TUS_VERSION);
        refusal
    };
    set(&mut response, "tus-resumable", TUS_VERSION);
    response
}

fn http_date(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|t| t.format("%a, %d %b %Y %H:%M:%S GMT").to_string())
        .unwrap_or_default()
}

/// `OPTIONS`: versions, extensions, the largest file, checksum algorithms.
pub async fn options() -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    set(&mut response, "tus-version", TUS_VERSION);
    set(&mut response, "tus-extension", EXTENSIONS);
    set(
        &mut response,
        "tus-max-size",
        UploadKind::Appeal.max_bytes(),
    );
    set(&mut response, "tus-checksum-algorithm", CHECKSUM_ALGORITHMS);
    response
}

/// `Upload-Metadata`: comma-separated `key base64value` pairs.
fn metadata(headers: &HeaderMap) -> Result<HashMap<String, String>, AppError> {
    let mut out = HashMap::new();
    let Some(raw) = header(headers, "upload-metadata") else {
        return Ok(out);
    };
    if raw.len() > MAX_METADATA {
        return Err(AppError::Code(ErrorCode::BadRequest));
    }
    for pair in raw.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let mut parts = pair.splitn(2, ' ');
        let key = parts.next().unwrap_or_default().to_owned();
        let value = match parts.next() {
            Some(encoded) => base64::engine::general_purpose::STANDARD
                .decode(encoded.trim())
                .ok()
                .and_then(|bytes| String::from_utf8(bytes).ok())
                .ok_or(AppError::Code(ErrorCode::BadRequest))?,
            None => String::new(),
        };
        out.insert(key, value);
    }
    Ok(out)
}

fn part_path(dir: &Path, id: &str) -> PathBuf {
    dir.join(format!("{id}.part"))
}

async fn find(state: &AppState, account_id: i64, id: &str) -> Result<Upload, AppError> {
    let id = id.to_owned();
    let found = state
        .db
        .read(move |conn| uploads::find(conn, account_id, &id))
        .await?;
    // Another organisation's upload is indistinguishable from a missing one.
    let upload = found.ok_or(AppError::Code(ErrorCode::NotFound))?;
    if upload.document_id.is_none() && upload.expires_at <= now() {
        return Err(AppError::Code(ErrorCode::UploadExpired));
    }
    Ok(upload)
}

/// `POST /api/v1/uploads`: creates an upload (and takes its first chunk if one is sent).
pub async fn create(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    body: Body,
) -> Response {
    create_inner(state, session, headers, body)
        .await
        .unwrap_or_else(IntoResponse::into_response)
}

async fn create_inner(
    state: AppState,
    session: AuthSession,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, AppError> {
    if header(&headers, "upload-defer-length").is_some() {
        return Err(AppError::Code(ErrorCode::Unsupported));
    }
    let length = number(&headers, "upload-length").ok_or(AppError::Code(ErrorCode::BadRequest))?;
    let meta = metadata(&headers)?;
    let kind = match meta.get("kind") {
        Some(name) => UploadKind::from_name(name).ok_or(AppError::Code(ErrorCode::BadRequest))?,
        None => UploadKind::Library,
    };
    // Refused before a single byte is stored.
    if length > kind.max_bytes() {
        return Err(AppError::Code(ErrorCode::TooLarge));
    }
    let declared = match meta.get("sha256") {
        Some(hex) if hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
            Some(hex.to_ascii_lowercase())
        }
        Some(_) => return Err(AppError::Code(ErrorCode::BadRequest)),
        None => None,
    };
    let file_name = meta
        .get("filename")
        .map(|n| n.trim().chars().take(255).collect::<String>())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "document".to_owned());
    let slot = meta
        .get("slot")
        .cloned()
        .unwrap_or_else(|| "other".to_owned());
    if !valid_slot(&slot) {
        return Err(AppError::Code(ErrorCode::BadRequest));
    }
    if !kind.accepts_slot(&slot) {
        return Err(AppError::field(
            "slot",
            homeportal_domain::RuleViolation::new("rule.upload.unknown_slot"),
        ));
    }

    let mut id_bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut id_bytes);
    let id = hex::encode(id_bytes);
    tokio::fs::create_dir_all(&state.uploads_dir)
        .await
        .map_err(|e| AppError::internal(format!("uploads dir: {e}")))?;
    tokio::fs::File::create(part_path(&state.uploads_dir, &id))
        .await
        .map_err(|e| AppError::internal(format!("create part: {e}")))?;

    let expires_at = now() + i64::from(state.config.upload_expiry_hours) * 3600;
    let quota = state.config.quota_bytes;
    let account_id = session.account_id;
    let new = NewUpload {
        id: id.clone(),
        account_id,
        kind,
        slot,
        file_name,
        length,
        declared_sha256: declared,
        expires_at,
    };
    let inserted = state
        .db
        .call(move |conn| uploads::insert_within_quota(conn, &new, quota, now()))
        .await?;
    if !inserted {
        let _ = tokio::fs::remove_file(part_path(&state.uploads_dir, &id)).await;
        return Err(AppError::Code(ErrorCode::QuotaExceeded));
    }

    let mut offset = 0;
    if header(&headers, "content-type") == Some(OFFSET_OCTET_STREAM) {
        let upload = find(&state, account_id, &id).await?;
        offset = write_chunk(&state, account_id, upload, &headers, body).await?;
    }
    let mut response = StatusCode::CREATED.into_response();
    set(
        &mut response,
        "location",
        format!("{}/{id}", paths::UPLOADS),
    );
    set(&mut response, "upload-offset", offset);
    set(&mut response, "upload-expires", http_date(expires_at));
    Ok(response)
}

/// `HEAD /api/v1/uploads/{id}`: how much the server has.
pub async fn head(
    State(state): State<AppState>,
    session: AuthSession,
    ApiPath(id): ApiPath<String>,
) -> Response {
    let mut upload = match find(&state, session.account_id, &id).await {
        Ok(upload) => upload,
        Err(error) => return error.into_response(),
    };
    if upload.document_id.is_none() && upload.offset == upload.length {
        let filed = async {
            complete(&state, session.account_id, &upload.id).await?;
            find(&state, session.account_id, &id).await
        };
        upload = match filed.await {
            Ok(upload) => upload,
            Err(error) => return error.into_response(),
        };
    }
    let offset = if upload.document_id.is_some() {
        upload.offset
    } else {
        durable_offset(&state, &upload).await
    };
    let mut response = StatusCode::OK.into_response();
    set(&mut response, "upload-offset", offset);
    set(&mut response, "upload-length", upload.length);
    set(&mut response, "cache-control", "no-store");
    if upload.document_id.is_none() {
        set(
            &mut response,
            "upload-expires",
            http_date(upload.expires_at),
        );
    }
    response
}

/// `PATCH /api/v1/uploads/{id}`: appends a chunk at the server's offset.
pub async fn patch(
    State(state): State<AppState>,
    session: AuthSession,
    ApiPath(id): ApiPath<String>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let result = async {
        if header(&headers, "content-type") != Some(OFFSET_OCTET_STREAM) {
            return Err(AppError::Code(ErrorCode::UnsupportedMediaType));
        }
        let mut upload = find(&state, session.account_id, &id).await?;
        upload.offset = durable_offset(&state, &upload).await;
        let claimed =
            number(&headers, "upload-offset").ok_or(AppError::Code(ErrorCode::BadRequest))?;
        if claimed != upload.offset {
            return Err(AppError::Code(ErrorCode::OffsetMismatch));
        }
        if upload.document_id.is_none() && upload.offset == upload.length {
            complete(&state, session.account_id, &upload.id).await?;
            return Ok(upload.length);
        }
        write_chunk(&state, session.account_id, upload, &headers, body).await
    }
    .await;
    match result {
        Ok(offset) => {
            let mut response = StatusCode::NO_CONTENT.into_response();
            set(&mut response, "upload-offset", offset);
            response
        }
        Err(error) => error.into_response(),
    }
}

/// Releases an upload's writer slot when the PATCH ends, however it ends.
struct WriterSlot {
    state: AppState,
    id: String,
}

impl WriterSlot {
    fn take(state: &AppState, id: &str) -> Result<WriterSlot, AppError> {
        let mut busy = state
            .busy_uploads
            .lock()
            .map_err(|_| AppError::internal("uploads lock poisoned"))?;
        if !busy.insert(id.to_owned()) {
            return Err(AppError::Code(ErrorCode::Conflict));
        }
        Ok(WriterSlot {
            state: state.clone(),
            id: id.to_owned(),
        })
    }
}

impl Drop for WriterSlot {
    fn drop(&mut self) {
        if let Ok(mut busy) = self.state.busy_uploads.lock() {
            busy.remove(&self.id);
        }
    }
}

fn io(e: std::io::Error) -> AppError {
    AppError::internal(format!("upload file: {e}"))
}

/// Header by which a client declares the whole file's SHA-256 (hex) on its last PATCH, when
/// it hashed the file while sending rather than before creating the upload.
const FILE_SHA256: &str = "homeportal-file-sha256";

/// Bytes of the upload the server can vouch for: a crash may have lost unsynced writes, so a
/// file shorter than the recorded offset wins (the whole-file SHA-256 catches the rest).
async fn durable_offset(state: &AppState, upload: &Upload) -> u64 {
    let on_disk = tokio::fs::metadata(part_path(&state.uploads_dir, &upload.id))
        .await
        .map(|m| m.len())
        .unwrap_or(0);
    upload.offset.min(on_disk)
}

/// Streams `body` onto the end of the upload's file, in constant memory. With a checksum the
/// chunk is kept only if it matches; without one, whatever arrived is kept for resuming.
async fn write_chunk(
    state: &AppState,
    account_id: i64,
    mut upload: Upload,
    headers: &HeaderMap,
    body: Body,
) -> Result<u64, AppError> {
    if upload.document_id.is_some() {
        return Err(AppError::Code(ErrorCode::Conflict));
    }
    let _slot = WriterSlot::take(state, &upload.id)?;
    let digest = ChunkDigest::from_header(header(headers, "upload-checksum"))?;
    if let Some(declared) = header(headers, FILE_SHA256) {
        let declared = declared.trim().to_ascii_lowercase();
        if declared.len() != 64 || !declared.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(AppError::Code(ErrorCode::BadRequest));
        }
        if upload
            .declared_sha256
            .as_ref()
            .is_some_and(|d| *d != declared)
        {
            return Err(AppError::Code(ErrorCode::ChecksumMismatch));
        }
        upload.declared_sha256 = Some(declared);
    }
    let path = part_path(&state.uploads_dir, &upload.id);
    let mut file = tokio::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .await
        .map_err(io)?;
    // Bytes past the recorded offset (a write cut short by a crash) are not trusted.
    file.set_len(upload.offset).await.map_err(io)?;
    file.seek(std::io::SeekFrom::Start(upload.offset))
        .await
        .map_err(io)?;
    let whole = state.running_hashes.take(&upload.id, upload.offset);
    let mut writer = ChunkWriter::start(file.into_std().await, digest, whole);

    let room = upload.length - upload.offset;
    let mut written: u64 = 0;
    let mut stream = body.into_data_stream();
    let (mut cut_short, mut too_large) = (false, false);
    while let Some(chunk) = stream.next().await {
        let Ok(chunk) = chunk else {
            cut_short = true;
            break;
        };
        written += chunk.len() as u64;
        if written > room {
            too_large = true;
            break;
        }
        if !writer.push(chunk).await {
            break;
        }
    }
    let done = writer.finish().await.map_err(io)?;
    let checked = !matches!(done.digest, ChunkDigest::None);
    let refusal = if too_large {
        Some(ErrorCode::TooLarge)
    } else if (checked && cut_short) || !done.digest.matches() {
        Some(ErrorCode::ChecksumMismatch)
    } else {
        None
    };
    let offset = upload.offset + written;
    let (keep_to, sync) = match refusal {
        Some(_) => (Some(upload.offset), false),
        // Durable before it becomes a document; earlier chunks rely on `durable_offset`.
        None => (None, offset == upload.length),
    };
    done.settle(keep_to, sync).await.map_err(io)?;
    if let Some(code) = refusal {
        return Err(AppError::Code(code));
    }
    let whole = done.whole;

    let id = upload.id.clone();
    let declared = upload.declared_sha256.clone();
    state
        .db
        .call(move |conn| uploads::record_progress(conn, &id, offset, declared.as_deref()))
        .await?;
    if offset == upload.length {
        let sha256 = whole.map(|w| hex::encode(w.finalize()));
        finish(state, account_id, upload, path, sha256).await?;
    } else if let Some(whole) = whole {
        state.running_hashes.keep(&upload.id, offset, whole);
    }
    Ok(offset)
}

/// The whole file's SHA-256 (computed now unless `known`) and its first bytes.
fn hash_and_head(path: &Path, known: Option<String>) -> std::io::Result<(String, Vec<u8>)> {
    let Some(sha256) = known else {
        return content::hash_file(path);
    };
    let mut head = Vec::with_capacity(512);
    std::io::Read::take(std::fs::File::open(path)?, 512).read_to_end(&mut head)?;
    Ok((sha256, head))
}

/// Checks the whole file's SHA-256 against the declared one and files it as a document.
async fn finish(
    state: &AppState,
    account_id: i64,
    upload: Upload,
    path: PathBuf,
    known_sha256: Option<String>,
) -> Result<(), AppError> {
    let hashed_path = path.clone();
    let (sha256, head) =
        tokio::task::spawn_blocking(move || hash_and_head(&hashed_path, known_sha256))
            .await
            .map_err(|e| AppError::internal(format!("hash task: {e}")))?
            .map_err(io)?;
    if upload
        .declared_sha256
        .as_deref()
        .is_some_and(|d| d != sha256)
    {
        let _ = tokio::fs::remove_file(&path).await;
        let id = upload.id.clone();
        state
            .db
            .call(move |conn| uploads::delete(conn, &id))
            .await?;
        return Err(AppError::Code(ErrorCode::ChecksumMismatch));
    }
    let blobs = state.blobs.clone();
    let blob_sha = sha256.clone();
    tokio::task::spawn_blocking(move || blobs.put(&blob_sha, &path))
        .await
        .map_err(|e| AppError::internal(format!("blob task: {e}")))?
        .map_err(io)?;
    let mime = content::sniff_mime(&head, &upload.file_name);
    state
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            let document = NewDocument {
                account_id,
                slot: &upload.slot,
                file_name: &upload.file_name,
                size: upload.length,
                mime,
                sha256: &sha256,
            };
            let document_id = documents::insert(&tx, &document, now())?;
            uploads::attach_document(&tx, &upload.id, document_id)?;
            Ok(tx.commit()?)
        })
        .await
}

/// Files upload `id` if all its bytes are here but it has no document yet (the server stopped,
/// or filing failed, after the last byte). Idempotent: one writer at a time, a filed upload is
/// left alone, and one missing bytes waits for the client to send them again.
async fn complete(state: &AppState, account_id: i64, id: &str) -> Result<(), AppError> {
    let _slot = WriterSlot::take(state, id)?;
    let upload = find(state, account_id, id).await?;
    if upload.document_id.is_some()
        || upload.offset != upload.length
        || durable_offset(state, &upload).await != upload.length
    {
        return Ok(());
    }
    let path = part_path(&state.uploads_dir, &upload.id);
    tracing::info!(upload = %upload.id, "filing an upload completed before a stop");
    finish(state, account_id, upload, path, None).await
}

/// At start: files every upload whose bytes are complete but which has no document; how many.
pub async fn complete_pending(state: &AppState) -> Result<usize, AppError> {
    let pending = state
        .db
        .call(|conn| uploads::complete_without_document(conn))
        .await?;
    let mut filed = 0;
    for (account_id, upload) in pending {
        match complete(state, account_id, &upload.id).await {
            Ok(()) => filed += 1,
            Err(error) => tracing::warn!(upload = %upload.id, %error, "upload not filed"),
        }
    }
    Ok(filed)
}

/// `DELETE /api/v1/uploads/{id}`: termination.
pub async fn terminate(
    State(state): State<AppState>,
    session: AuthSession,
    ApiPath(id): ApiPath<String>,
) -> Response {
    let result = async {
        let upload = find(&state, session.account_id, &id).await?;
        let _slot = WriterSlot::take(&state, &upload.id)?;
        state.running_hashes.forget(&upload.id);
        let _ = tokio::fs::remove_file(part_path(&state.uploads_dir, &upload.id)).await;
        state
            .db
            .call(move |conn| uploads::delete(conn, &upload.id))
            .await
    }
    .await;
    result.map_or_else(IntoResponse::into_response, |()| {
        StatusCode::NO_CONTENT.into_response()
    })
}

/// Removes unfinished uploads whose time ran out; returns how many.
pub async fn remove_expired(state: &AppState) -> Result<usize, AppError> {
    let expired = state
        .db
        .call(|conn| uploads::delete_expired(conn, now()))
        .await?;
    for id in &expired {
        state.running_hashes.forget(id);
        let _ = tokio::fs::remove_file(part_path(&state.uploads_dir, id)).await;
    }
    if !expired.is_empty() {
        tracing::info!(count = expired.len(), "expired uploads removed");
    }
    Ok(expired.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::NewAccount;
    use crate::config::Config;
    use crate::db::Db;

    #[tokio::test]
    async fn expired_uploads_are_refused_and_removed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let config = Config {
            data_dir: dir.path().to_path_buf(),
            ..Config::default()
        };
        let db = Db::open(dir.path()).expect("db");
        let state = AppState::open(config, db, "http://127.0.0.1").expect("state");
        let account = NewAccount {
            bin: "940140000385".into(),
            org_name: "ТОО".into(),
            iin: "830717350867".into(),
            last_name: "А".into(),
            first_name: "Б".into(),
            middle_name: None,
            email: "a@b.kz".into(),
            phone: "+77011234567".into(),
            password: "Qwerty12!".into(),
        }
        .validate()
        .expect("valid");
        let account_id = state
            .db
            .call(move |conn| {
                crate::repo::accounts::create(conn, &account, "unused hash", false, 0)
            })
            .await
            .expect("account");
        std::fs::create_dir_all(&state.uploads_dir).expect("dir");
        for (id, expires_at) in [("old", now() - 1), ("fresh", now() + 3600)] {
            std::fs::write(part_path(&state.uploads_dir, id), b"partial").expect("part");
            state
                .db
                .call(move |conn| {
                    let new = NewUpload {
                        id: id.to_owned(),
                        account_id,
                        kind: UploadKind::Library,
                        slot: "other".into(),
                        file_name: "f.pdf".into(),
                        length: 100,
                        declared_sha256: None,
                        expires_at,
                    };
                    uploads::insert_within_quota(conn, &new, u64::MAX, 0)?;
                    uploads::record_progress(conn, id, 7, None)
                })
                .await
                .expect("upload row");
        }
        assert!(matches!(
            find(&state, account_id, "old").await,
            Err(AppError::Code(ErrorCode::UploadExpired))
        ));
        assert_eq!(remove_expired(&state).await.expect("cleanup"), 1);
        assert!(!part_path(&state.uploads_dir, "old").exists());
        assert!(part_path(&state.uploads_dir, "fresh").exists());
        assert!(matches!(
            find(&state, account_id, "old").await,
            Err(AppError::Code(ErrorCode::NotFound))
        ));
    }
}
