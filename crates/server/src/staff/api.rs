//! The staff API: what КЖК sees of sent applications and the steps it takes on them. Every
//! step goes through the domain's route, lands in the history with its payload, and moves the
//! application one version on so both parties' desktops pull it.

use axum::extract::State;
use axum::Json;
use chrono::{DateTime, Utc};
use homeportal_domain::applications::ApplicationStatus;
use homeportal_domain::guarantee::staff::{ChangeStatus, PostRemarks};
use homeportal_domain::guarantee::Registration;
use homeportal_domain::status::guarantee::GuaranteeStatus;
use homeportal_domain::status::{Actor, Payload};
use homeportal_domain::sync::{HistoryKind, ServerApplication};
use homeportal_domain::{ErrorCode, RuleViolation};

use super::StaffAuth;
use crate::error::AppError;
use crate::extract::{ApiJson, ApiPath};
use crate::repo::applications;
use crate::repo::staff::Staff;
use crate::state::AppState;

/// Longest remarks text.
const REMARKS_MAX: usize = 4000;

/// `GET /staff/v1/applications`: every application that left its draft.
pub async fn list(
    State(state): State<AppState>,
    StaffAuth(_staff): StaffAuth,
) -> Result<Json<Vec<ServerApplication>>, AppError> {
    Ok(Json(state.db.read(applications::sent_to_kzhk).await?))
}

/// `GET /staff/v1/applications/{id}`.
pub async fn one(
    State(state): State<AppState>,
    StaffAuth(_staff): StaffAuth,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<ServerApplication>, AppError> {
    state
        .db
        .read(move |conn| applications::any(conn, id))
        .await?
        .map(Json)
        .ok_or(AppError::Code(ErrorCode::NotFound))
}

/// How staff are named in the history.
fn actor_name(staff: &Staff) -> String {
    format!("{}, АО «КЖК»", staff.name)
}

/// Moves application `id` to `to` with `payload` as КЖК, in one transaction.
async fn move_to(
    state: &AppState,
    staff: Staff,
    id: i64,
    to: ApplicationStatus,
    payload: Payload,
) -> Result<ServerApplication, AppError> {
    let now = state.now();
    let moved = state
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            let current = applications::any(&tx, id)?.ok_or(AppError::Code(ErrorCode::NotFound))?;
            let allowed = match (current.status, to) {
                (ApplicationStatus::Guarantee(from), ApplicationStatus::Guarantee(to)) => {
                    from.transition(to, Actor::Bpms, &payload).is_ok()
                }
                (ApplicationStatus::Appeal(from), ApplicationStatus::Appeal(to)) => {
                    from.transition(to, Actor::Bpms, &payload).is_ok()
                }
                _ => false,
            };
            if !allowed {
                return Err(AppError::Code(ErrorCode::WrongStatus));
            }
            applications::set_status(&tx, id, to, None, now)?;
            let event = HistoryKind::StatusChanged {
                status: to,
                payload,
            };
            applications::record_event(&tx, id, &actor_name(&staff), &event, now)?;
            let moved = applications::any(&tx, id)?.ok_or(AppError::Code(ErrorCode::NotFound))?;
            tx.commit()?;
            Ok(moved)
        })
        .await?;
    tracing::info!(application = id, status = %moved.status.label_key(), "status changed by КЖК");
    Ok(moved)
}

/// `POST …/remarks` (moderator): «Есть замечания» with the text.
pub async fn remarks(
    State(state): State<AppState>,
    StaffAuth(staff): StaffAuth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<PostRemarks>,
) -> Result<Json<ServerApplication>, AppError> {
    remark(&state, staff, id, &request.text).await.map(Json)
}

/// Posts moderation remarks `text` on application `id` as `staff` (a moderator).
pub(super) async fn remark(
    state: &AppState,
    staff: Staff,
    id: i64,
    text: &str,
) -> Result<ServerApplication, AppError> {
    if !staff.role.moderates() {
        return Err(AppError::Code(ErrorCode::OtherParty));
    }
    let text = text.trim().to_owned();
    if text.is_empty() {
        return Err(AppError::field("text", RuleViolation::new("rule.required")));
    }
    if text.chars().count() > REMARKS_MAX {
        return Err(AppError::field(
            "text",
            RuleViolation::new("rule.text.too_long"),
        ));
    }
    let to = ApplicationStatus::Guarantee(GuaranteeStatus::Remarks);
    move_to(state, staff, id, to, Payload::Remarks { text }).await
}

/// `POST …/moderation-passed` (moderator).
pub async fn moderation_passed(
    State(state): State<AppState>,
    StaffAuth(staff): StaffAuth,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<ServerApplication>, AppError> {
    pass(&state, staff, id).await.map(Json)
}

/// «Модерация пройдена» for application `id` as `staff` (a moderator).
pub(super) async fn pass(
    state: &AppState,
    staff: Staff,
    id: i64,
) -> Result<ServerApplication, AppError> {
    if !staff.role.moderates() {
        return Err(AppError::Code(ErrorCode::OtherParty));
    }
    let to = ApplicationStatus::Guarantee(GuaranteeStatus::ModerationPassed);
    move_to(state, staff, id, to, Payload::None).await
}

/// `POST …/registration` (registrar): the next number, the registration date by the working
/// calendar from when it was sent (a Friday evening's goes to the next working day), and the
/// deadline in working days.
pub async fn register(
    State(state): State<AppState>,
    StaffAuth(staff): StaffAuth,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<ServerApplication>, AppError> {
    registration(&state, staff, id).await.map(Json)
}

/// Registers application `id` as `staff` (a registrar).
pub(super) async fn registration(
    state: &AppState,
    staff: Staff,
    id: i64,
) -> Result<ServerApplication, AppError> {
    if !staff.role.registers() {
        return Err(AppError::Code(ErrorCode::OtherParty));
    }
    let sent_at = state
        .db
        .read(move |conn| applications::sent_at(conn, id))
        .await?
        .ok_or(AppError::Code(ErrorCode::WrongStatus))?;
    let sent = DateTime::<Utc>::from_timestamp(sent_at, 0)
        .ok_or_else(|| AppError::internal(format!("sent_at {sent_at} out of range")))?;
    let date = state.calendar.registration_time(sent).date_naive();
    let deadline = state
        .calendar
        .add_working_days(date, state.config.review_working_days);
    let to = ApplicationStatus::Guarantee(GuaranteeStatus::Registered);
    let now = state.now();
    let registered = state
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            let current = applications::any(&tx, id)?.ok_or(AppError::Code(ErrorCode::NotFound))?;
            let ApplicationStatus::Guarantee(from) = current.status else {
                return Err(AppError::Code(ErrorCode::WrongStatus));
            };
            // Numbered inside the transaction: a refused step rolls the number back.
            let number = applications::next_registration_number(&tx, current.kind)?.to_string();
            let payload = Payload::Registration {
                number: number.clone(),
                date,
                deadline,
            };
            from.transition(GuaranteeStatus::Registered, Actor::Bpms, &payload)
                .map_err(|_| AppError::Code(ErrorCode::WrongStatus))?;
            let registration = Registration {
                number,
                date,
                deadline,
            };
            applications::set_registration(&tx, id, &registration)?;
            applications::set_status(&tx, id, to, None, now)?;
            let event = HistoryKind::StatusChanged {
                status: to,
                payload,
            };
            applications::record_event(&tx, id, &actor_name(&staff), &event, now)?;
            let registered =
                applications::any(&tx, id)?.ok_or(AppError::Code(ErrorCode::NotFound))?;
            tx.commit()?;
            Ok(registered)
        })
        .await?;
    tracing::info!(application = id, "registered by КЖК");
    Ok(registered)
}

/// `POST …/status` (registrar): any other step of the route with its payload; registration
/// goes through its own route, which numbers and dates it.
pub async fn change_status(
    State(state): State<AppState>,
    StaffAuth(staff): StaffAuth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<ChangeStatus>,
) -> Result<Json<ServerApplication>, AppError> {
    if !staff.role.registers() {
        return Err(AppError::Code(ErrorCode::OtherParty));
    }
    if matches!(request.payload, Payload::Registration { .. }) {
        return Err(AppError::Code(ErrorCode::WrongStatus));
    }
    move_to(&state, staff, id, request.status, request.payload)
        .await
        .map(Json)
}
