//! The УК's steps on the route: «Отправить на модерацию», a new version after remarks, and
//! «Подписать заявку» — a CMS over the digest the server computes itself from what it holds.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use base64::Engine;
use homeportal_domain::applications::ApplicationStatus;
use homeportal_domain::guarantee::{digest, SubmitApplication};
use homeportal_domain::status::guarantee::GuaranteeStatus;
use homeportal_domain::status::{Actor as RouteActor, Payload};
use homeportal_domain::sync::{HistoryKind, ServerApplication};
use homeportal_domain::ErrorCode;
use homeportal_pki::Policy;
use rusqlite::Connection;

use super::{owner_only, problems_error};
use crate::applications::{live, mutation, preconditions};
use crate::error::AppError;
use crate::extract::{ApiJson, ApiPath, AuthSession};
use crate::repo::application_signatures::{self, Kept};
use crate::repo::applications;
use crate::signing::verdict;
use crate::state::AppState;

/// The УК's application `id` at `version`, in a guarantee status.
fn owned_at(
    conn: &Connection,
    bin: &homeportal_domain::ids::Bin,
    id: i64,
    version: i64,
) -> Result<(ServerApplication, GuaranteeStatus), AppError> {
    let current = live(conn, bin, id)?;
    if current.version != version {
        return Err(AppError::Stale(Box::new(current)));
    }
    owner_only(&current, bin)?;
    let ApplicationStatus::Guarantee(status) = current.status else {
        return Err(AppError::Code(ErrorCode::WrongStatus));
    };
    Ok((current, status))
}

/// The step from `from` to `to` by the applicant, or why not.
fn step(
    from: GuaranteeStatus,
    to: GuaranteeStatus,
    payload: &Payload,
) -> Result<GuaranteeStatus, AppError> {
    from.transition(to, RouteActor::Applicant, payload)
        .map_err(|_| AppError::Code(ErrorCode::WrongStatus))
}

/// Refuses an application the whole-application check does not pass (both parties).
fn complete(application: &ServerApplication) -> Result<(), AppError> {
    let problems = application.kind.form().check(&application.data);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems_error(problems))
    }
}

/// `POST …/moderation` (`If-Match`): every stage complete on both sides, then «На модерации».
pub async fn to_moderation(
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
            let (current, status) = owned_at(tx, &actor.bin, id, version)?;
            let next = step(status, GuaranteeStatus::OnModeration, &Payload::None)?;
            complete(&current)?;
            applications::set_status(tx, id, ApplicationStatus::Guarantee(next), None, now)?;
            applications::record_event(tx, id, &actor.name, &HistoryKind::SentToModeration, now)?;
            live(tx, &actor.bin, id)
        },
    )
    .await
}

/// `POST …/new-version` (`If-Match`): after remarks, a draft again with all data and documents.
pub async fn new_version(
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
            let (_, status) = owned_at(tx, &actor.bin, id, version)?;
            let next = step(status, GuaranteeStatus::Draft, &Payload::None)?;
            applications::set_status(tx, id, ApplicationStatus::Guarantee(next), None, now)?;
            applications::record_event(tx, id, &actor.name, &HistoryKind::NewVersion, now)?;
            live(tx, &actor.bin, id)
        },
    )
    .await
}

/// `POST …/submission` (`If-Match`, `{cms}`): the head's or a signing-right SIGN key over the
/// digest of exactly this version's content; then «Заявка отправлена».
pub async fn submit(
    State(state): State<AppState>,
    session: AuthSession,
    ApiPath(id): ApiPath<i64>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<SubmitApplication>,
) -> Result<Response, AppError> {
    let key = preconditions::idempotency_key(&headers)?;
    let version = preconditions::if_match(&headers)?;
    let cms = base64::engine::general_purpose::STANDARD
        .decode(request.cms.trim())
        .map_err(|_| AppError::Code(ErrorCode::SignatureInvalid))?;
    let account_id = session.account_id;
    let (current, status) = state
        .db
        .read(move |conn| {
            let (bin, _) = crate::repo::accounts::actor(conn, account_id)?;
            owned_at(conn, &bin, id, version)
        })
        .await?;
    let signature = Payload::Signature {
        cms: request.cms.clone(),
    };
    let next = step(status, GuaranteeStatus::SignedAndSent, &signature)?;
    complete(&current)?;
    let subject = digest::Subject {
        id,
        kind: current.kind,
        owner: &current.owner,
        developer: current.developer.as_ref(),
    };
    let text = digest::text(subject, &current.data);
    let content_sha256 = digest::content_sha256(&current.data);
    let now = state.now();
    let verified = verdict::check_act(
        &state.verifier,
        &cms,
        text.as_bytes(),
        &Policy::act_of(current.owner),
        now,
    )
    .map_err(AppError::Code)?;
    mutation::once(
        &state,
        account_id,
        key,
        StatusCode::OK,
        move |tx, actor, now| {
            // Verified against `version`; anything newer was not what the signer saw.
            owned_at(tx, &actor.bin, id, version)?;
            let signer_iin = verified.signer.iin.clone().unwrap_or_default();
            application_signatures::keep(
                tx,
                &Kept {
                    application_id: id,
                    content_sha256: &content_sha256,
                    text: &text,
                    cms: &cms,
                    signer_iin: &signer_iin,
                    signer_name: &verified.signer.full_name,
                    signed_at: verified.signed_at,
                },
                now,
            )?;
            applications::set_status(tx, id, ApplicationStatus::Guarantee(next), Some(now), now)?;
            let event = HistoryKind::Signed {
                signer_iin,
                signer_name: verified.signer.full_name.clone(),
                content_sha256: content_sha256.clone(),
            };
            applications::record_event(tx, id, &actor.name, &event, now)?;
            live(tx, &actor.bin, id)
        },
    )
    .await
}
