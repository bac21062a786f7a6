//! The organisation's documents: listed, downloaded (streamed, with Range) and deleted by
//! their owner. Bytes live in the content-addressed blob store.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use homeportal_domain::api::{AttachDocumentRequest, DocumentInfo};
use homeportal_domain::ErrorCode;
use tower::ServiceExt;
use tower_http::services::ServeFile;

use axum::routing::{get, post};
use axum::Router;
use homeportal_domain::api::paths;

use crate::error::AppError;
use crate::extract::{ApiJson, ApiPath, AuthSession};
use crate::repo::documents;
use crate::state::AppState;
use crate::uploads::protocol::valid_slot;

/// The documents routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(paths::DOCUMENTS, get(list))
        .route(paths::DOCUMENT, get(download).delete(delete))
        .route(paths::DOCUMENT_ATTACH, post(attach))
}

/// `POST /api/v1/documents/{id}/attach {slot}`: the organisation's document `id` filed again
/// under `slot` — the same content-addressed bytes, nothing uploaded again.
pub async fn attach(
    State(state): State<AppState>,
    session: AuthSession,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<AttachDocumentRequest>,
) -> Result<(StatusCode, Json<DocumentInfo>), AppError> {
    if !valid_slot(&request.slot) {
        return Err(AppError::field(
            "slot",
            homeportal_domain::RuleViolation::new("rule.text.characters"),
        ));
    }
    let account_id = session.account_id;
    let now = state.now();
    let document = state
        .db
        .call(move |conn| {
            let source =
                documents::one(conn, account_id, id)?.ok_or(AppError::Code(ErrorCode::NotFound))?;
            let copy = documents::insert(
                conn,
                &documents::NewDocument {
                    account_id,
                    slot: &request.slot,
                    file_name: &source.file_name,
                    size: source.size,
                    mime: &source.mime,
                    sha256: &source.sha256,
                },
                now,
            )?;
            documents::one(conn, account_id, copy)?.ok_or(AppError::Code(ErrorCode::NotFound))
        })
        .await?;
    Ok((StatusCode::CREATED, Json(document)))
}

/// One document of the organisation, with its signatures; another's is not found.
async fn one(state: &AppState, account_id: i64, id: i64) -> Result<DocumentInfo, AppError> {
    state
        .db
        .read(move |conn| documents::one(conn, account_id, id))
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
        .read(move |conn| documents::of_account(conn, account_id))
        .await?;
    Ok(Json(documents))
}

/// `GET /api/v1/documents/{id}`: the bytes, streamed, honouring `Range`.
pub async fn download(
    State(state): State<AppState>,
    session: AuthSession,
    ApiPath(id): ApiPath<i64>,
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
    // A refusal (416 for a range past the end) is not the document.
    if response.status().is_success() {
        response.headers_mut().insert(header::CONTENT_TYPE, mime);
    }
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
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, AppError> {
    let document = one(&state, session.account_id, id).await?;
    let sha = document.sha256.clone();
    let still_used = state
        .db
        .call(move |conn| documents::delete(conn, id, &sha))
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
