//! Applying a device's mutation exactly once: inside one transaction, a replay gets the first
//! answer back, a new mutation is applied, and its answer and the device's last mutation id are
//! stored with its effect.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use homeportal_domain::ids::Bin;
use homeportal_domain::sync::{MutationKey, ServerApplication};
use homeportal_domain::ErrorCode;
use rusqlite::Transaction;

use super::preconditions::etag;
use crate::error::AppError;
use crate::repo::{accounts, mutations};
use crate::state::AppState;

/// Who a mutation acts for.
pub struct Actor {
    /// The organisation.
    pub bin: Bin,
    /// «Фамилия Имя, Организация», for the history.
    pub name: String,
}

/// Runs `apply` once for `key`: a replay answers what the first run answered and changes
/// nothing; a mutation older than one already applied is refused (409).
pub async fn once<F>(
    state: &AppState,
    account_id: i64,
    key: Option<MutationKey>,
    status: StatusCode,
    apply: F,
) -> Result<Response, AppError>
where
    F: FnOnce(&Transaction<'_>, &Actor, i64) -> Result<ServerApplication, AppError>
        + Send
        + 'static,
{
    let clock = state.clock.clone();
    let (answer, fresh_version) = state
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            if let Some(key) = &key {
                if let Some(first) = mutations::answer(&tx, account_id, key)? {
                    return Ok((first, None));
                }
                if key.mutation <= mutations::last_applied(&tx, account_id, &key.device)? {
                    return Err(AppError::Code(ErrorCode::Conflict));
                }
            }
            let (bin, name) = accounts::actor(&tx, account_id)?;
            let now = clock.now();
            let application = apply(&tx, &Actor { bin, name }, now)?;
            let answer = mutations::Answer {
                status: status.as_u16(),
                body: serde_json::to_string(&application)
                    .map_err(|e| AppError::internal(format!("answer to JSON: {e}")))?,
            };
            if let Some(key) = &key {
                mutations::record(&tx, account_id, key, &answer, now)?;
            }
            tx.commit()?;
            Ok((answer, Some(application.version)))
        })
        .await?;
    Ok(respond(answer, fresh_version))
}

/// The answer, with its version as `ETag`; a replay (no fresh version) reads it from the stored
/// body and says it is one.
fn respond(answer: mutations::Answer, fresh_version: Option<i64>) -> Response {
    let replayed = fresh_version.is_none();
    let version = fresh_version.unwrap_or_else(|| {
        serde_json::from_str::<ServerApplication>(&answer.body)
            .map(|a| a.version)
            .unwrap_or_default()
    });
    let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::OK);
    let mut response = (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        )],
        answer.body,
    )
        .into_response();
    if let Ok(value) = HeaderValue::from_str(&etag(version)) {
        response.headers_mut().insert(header::ETAG, value);
    }
    if replayed {
        response
            .headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    response
}
