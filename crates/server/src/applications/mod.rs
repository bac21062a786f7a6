//! The organisation's applications: created, read, changed (`If-Match`, once per
//! `Idempotency-Key`), deleted while editable, listed, and followed through the change feed.
//! Only the owner and the invited developer see one; to anyone else it does not exist.

pub(crate) mod mutation;
pub(crate) mod preconditions;

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use homeportal_domain::api::ApplicationKind;
use homeportal_domain::applications::NOT_EDITABLE;
use homeportal_domain::forms::{FormData, Party};
use homeportal_domain::ids::Bin;
use homeportal_domain::sync::{
    paths, ChangesPage, CreateApplication, HistoryKind, ServerApplication, UpdateApplication,
};
use homeportal_domain::{ErrorCode, RuleViolation};
use rusqlite::Connection;
use serde::Deserialize;

use crate::error::AppError;
use crate::extract::{ApiJson, ApiPath, AuthSession};
use crate::guarantee::{confirmed_developer, owner_only, party_of};
use crate::repo::{accounts, applications};
use crate::state::AppState;

/// Most changes one page of the feed carries.
const PAGE: usize = 100;

/// The applications routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(paths::APPLICATIONS, get(list).post(create))
        .route(paths::CHANGES, get(changes))
        .route(paths::APPLICATION, get(read).patch(update).delete(delete))
}

/// The organisation an account acts for.
async fn organisation(state: &AppState, account_id: i64) -> Result<Bin, AppError> {
    let (bin, _) = state
        .db
        .read(move |conn| accounts::actor(conn, account_id))
        .await?;
    Ok(bin)
}

/// Refuses content that is not the form's (unknown fields, oversized values); incomplete is fine.
fn well_formed(kind: ApplicationKind, data: &FormData) -> Result<(), AppError> {
    let problems = kind.form().malformed(data);
    if problems.is_empty() {
        return Ok(());
    }
    Err(AppError::Validation(problems))
}

/// The live application `id` of organisation `bin`, or not found.
pub(crate) fn live(conn: &Connection, bin: &Bin, id: i64) -> Result<ServerApplication, AppError> {
    applications::visible(conn, bin, id)?
        .filter(|a| !a.deleted)
        .ok_or(AppError::Code(ErrorCode::NotFound))
}

/// The live application `id` of `bin` at `version` (412 with the current document otherwise),
/// still editable.
fn editable_at(
    conn: &Connection,
    bin: &Bin,
    id: i64,
    version: i64,
) -> Result<ServerApplication, AppError> {
    let current = live(conn, bin, id)?;
    if current.version != version {
        return Err(AppError::Stale(Box::new(current)));
    }
    if !current.status.is_editable() {
        return Err(AppError::field("draft", RuleViolation::new(NOT_EDITABLE)));
    }
    Ok(current)
}

fn with_etag(application: ServerApplication) -> Response {
    let etag = preconditions::etag(application.version);
    let mut response = Json(application).into_response();
    if let Ok(value) = HeaderValue::from_str(&etag) {
        response.headers_mut().insert(header::ETAG, value);
    }
    response
}

/// `?kind=` of the list.
#[derive(Debug, Deserialize)]
struct ListQuery {
    kind: Option<ApplicationKind>,
}

/// `GET /api/v1/applications`: the organisation's live applications, newest first.
async fn list(
    State(state): State<AppState>,
    session: AuthSession,
    query: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Vec<ServerApplication>>, AppError> {
    let Query(query) = query.map_err(|_| AppError::Code(ErrorCode::BadRequest))?;
    let bin = organisation(&state, session.account_id).await?;
    let found = state
        .db
        .read(move |conn| applications::list(conn, &bin, query.kind))
        .await?;
    Ok(Json(found))
}

/// `GET /api/v1/applications/{id}`, with its version as `ETag`.
async fn read(
    State(state): State<AppState>,
    session: AuthSession,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, AppError> {
    let bin = organisation(&state, session.account_id).await?;
    let found = state.db.read(move |conn| live(conn, &bin, id)).await?;
    Ok(with_etag(found))
}

/// `POST /api/v1/applications`: a new draft (201), once per `Idempotency-Key`.
async fn create(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    ApiJson(request): ApiJson<CreateApplication>,
) -> Result<Response, AppError> {
    let key = preconditions::idempotency_key(&headers)?;
    let data = request.data.normalized();
    well_formed(request.kind, &data)?;
    let foreign = request
        .kind
        .form()
        .foreign_changes(Party::Uk, &FormData::default().diff(&data));
    if !foreign.is_empty() {
        return Err(AppError::Validation(foreign));
    }
    mutation::once(
        &state,
        session.account_id,
        key,
        StatusCode::CREATED,
        move |tx, actor, now| {
            let developer = confirmed_developer(tx, &actor.bin, &data)?;
            let id =
                applications::insert(tx, &actor.bin, developer.as_ref(), request.kind, &data, now)?;
            applications::record_event(tx, id, &actor.name, &HistoryKind::Created, now)?;
            live(tx, &actor.bin, id)
        },
    )
    .await
}

/// `PATCH /api/v1/applications/{id}`: changes to the version `If-Match` names (412 with the
/// current document otherwise), once per `Idempotency-Key`, while the application is editable.
async fn update(
    State(state): State<AppState>,
    session: AuthSession,
    ApiPath(id): ApiPath<i64>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<UpdateApplication>,
) -> Result<Response, AppError> {
    let key = preconditions::idempotency_key(&headers)?;
    let version = preconditions::if_match(&headers)?;
    mutation::once(
        &state,
        session.account_id,
        key,
        StatusCode::OK,
        move |tx, actor, now| {
            let current = editable_at(tx, &actor.bin, id, version)?;
            let party = party_of(&current, &actor.bin);
            let foreign = current.kind.form().foreign_changes(party, &request.changes);
            if !foreign.is_empty() {
                return Err(AppError::Validation(foreign));
            }
            let mut data = current.data;
            data.apply(&request.changes);
            let data = data.normalized();
            well_formed(current.kind, &data)?;
            let developer = match party {
                Party::Uk => confirmed_developer(tx, &current.owner, &data)?,
                Party::Developer => current.developer,
            };
            applications::update_data(tx, id, &data, developer.as_ref(), now)?;
            if !request.resolutions.is_empty() {
                let event = HistoryKind::ConflictResolved {
                    resolutions: request.resolutions,
                };
                applications::record_event(tx, id, &actor.name, &event, now)?;
            }
            live(tx, &actor.bin, id)
        },
    )
    .await
}

/// `DELETE /api/v1/applications/{id}` while editable (`If-Match`, once per `Idempotency-Key`);
/// answers the tombstone the change feed carries.
async fn delete(
    State(state): State<AppState>,
    session: AuthSession,
    ApiPath(id): ApiPath<i64>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let key = preconditions::idempotency_key(&headers)?;
    let version = preconditions::if_match(&headers)?;
    mutation::once(
        &state,
        session.account_id,
        key,
        StatusCode::OK,
        move |tx, actor, now| {
            let current = editable_at(tx, &actor.bin, id, version)?;
            owner_only(&current, &actor.bin)?;
            applications::mark_deleted(tx, id, now)?;
            applications::record_event(tx, id, &actor.name, &HistoryKind::Deleted, now)?;
            applications::visible(tx, &actor.bin, id)?.ok_or(AppError::Code(ErrorCode::NotFound))
        },
    )
    .await
}

/// `?since=` of the change feed.
#[derive(Debug, Deserialize)]
struct ChangesQuery {
    #[serde(default)]
    since: i64,
}

/// `GET /api/v1/applications/changes?since=`: what changed in the organisation's applications
/// after the cursor, in server order, a page at a time.
async fn changes(
    State(state): State<AppState>,
    session: AuthSession,
    query: Result<Query<ChangesQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<ChangesPage>, AppError> {
    let Query(query) = query.map_err(|_| AppError::Code(ErrorCode::BadRequest))?;
    let since = query.since.max(0);
    let bin = organisation(&state, session.account_id).await?;
    let (changes, cursor, more) = state
        .db
        .read(move |conn| applications::changes(conn, &bin, since, PAGE))
        .await?;
    Ok(Json(ChangesPage {
        cursor: cursor.unwrap_or(since),
        changes,
        more,
    }))
}
