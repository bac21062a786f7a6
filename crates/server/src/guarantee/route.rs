//! The УК's steps on the route: «Отправить на модерацию», a new version after remarks, and
//! «Подписать заявку» — a CMS over the digest the server computes itself from what it holds.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use base64::Engine;
use homeportal_domain::applications::ApplicationStatus;
use homeportal_domain::guarantee::{digest, SubmitApplication};
use homeportal_domain::ids::Bin;
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
pub(super) fn owned_at(
    conn: &Connection,
    bin: &Bin,
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

/// What a signature over application `id` at `version` must cover: the application, the step it
/// makes, the digest text and the content's SHA-256. Refused unless the УК owns it, the route
/// allows signing now and the whole-application check passes.
pub(super) struct ToSign {
    /// The application at that version.
    pub application: ServerApplication,
    /// The status signing moves it to.
    pub next: GuaranteeStatus,
    /// The digest text.
    pub text: String,
    /// SHA-256 of the canonical content.
    pub content_sha256: String,
}

/// [`ToSign`] for application `id` of `bin` at `version` (the signature itself is verified
/// apart, against the text).
pub(super) fn to_sign(
    conn: &Connection,
    bin: &Bin,
    id: i64,
    version: i64,
) -> Result<ToSign, AppError> {
    let (current, status) = owned_at(conn, bin, id, version)?;
    let next = GuaranteeStatus::SignedAndSent;
    if !status.allows(next, RouteActor::Applicant) {
        return Err(AppError::Code(ErrorCode::WrongStatus));
    }
    complete(&current)?;
    let subject = digest::Subject {
        id,
        kind: current.kind,
        owner: &current.owner,
        developer: current.developer.as_ref(),
    };
    let text = digest::text(subject, &current.data);
    let content_sha256 = digest::content_sha256(&current.data);
    Ok(ToSign {
        application: current,
        next,
        text,
        content_sha256,
    })
}

/// Keeps a verified signature over `signed` and sends the application (inside the caller's
/// transaction, which re-checks the version: anything newer was not what the signer saw).
pub(super) fn record_submission(
    tx: &Connection,
    actor: &str,
    bin: &Bin,
    signed: &ToSign,
    verified: &verdict::Verified,
    cms: &[u8],
    now: i64,
) -> Result<ServerApplication, AppError> {
    let id = signed.application.id;
    owned_at(tx, bin, id, signed.application.version)?;
    let signer_iin = verified.signer.iin.clone().unwrap_or_default();
    application_signatures::keep(
        tx,
        &Kept {
            application_id: id,
            content_sha256: &signed.content_sha256,
            text: &signed.text,
            cms,
            signer_iin: &signer_iin,
            signer_name: &verified.signer.full_name,
            signed_at: verified.signed_at,
        },
        now,
    )?;
    applications::set_status(
        tx,
        id,
        ApplicationStatus::Guarantee(signed.next),
        Some(now),
        now,
    )?;
    let event = HistoryKind::Signed {
        signer_iin,
        signer_name: verified.signer.full_name.clone(),
        content_sha256: signed.content_sha256.clone(),
    };
    applications::record_event(tx, id, actor, &event, now)?;
    live(tx, bin, id)
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
    let signed = state
        .db
        .read(move |conn| {
            let (bin, _) = crate::repo::accounts::actor(conn, account_id)?;
            to_sign(conn, &bin, id, version)
        })
        .await?;
    let verified = verdict::check_act(
        &state.verifier,
        &cms,
        signed.text.as_bytes(),
        &Policy::act_of(signed.application.owner),
        state.now(),
    )
    .map_err(AppError::Code)?;
    mutation::once(
        &state,
        account_id,
        key,
        StatusCode::OK,
        move |tx, actor, now| {
            record_submission(tx, &actor.name, &actor.bin, &signed, &verified, &cms, now)
        },
    )
    .await
}
