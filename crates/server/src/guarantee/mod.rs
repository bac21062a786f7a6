//! A guarantee application between two parties: the УК invites its developer, sends the
//! application to moderation, makes a new version after remarks, and signs and sends it.

mod invitation;
mod qr;
mod route;

use axum::routing::{get, post};
use axum::Router;
use homeportal_domain::forms::{FormData, Party, Problem};
use homeportal_domain::guarantee::paths;
use homeportal_domain::ids::Bin;
use homeportal_domain::sync::ServerApplication;
use homeportal_domain::{i18n, ErrorCode, RuleViolation};
use rusqlite::Connection;

use crate::error::AppError;
use crate::repo::partnerships;
use crate::state::AppState;

/// The routes of the two parties' cabinets.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(paths::INVITATION, post(invitation::invite))
        .route(paths::INVITATION_BY_CODE, get(invitation::view))
        .route(paths::INVITATION_ACCEPT, post(invitation::accept))
        .route(paths::MODERATION, post(route::to_moderation))
        .route(paths::SUBMISSION, post(route::submit))
        .route(paths::NEW_VERSION, post(route::new_version))
        .route(paths::SUBMISSION_QR, post(qr::start))
        .route(paths::SUBMISSION_QR_STATUS, get(qr::status))
        .route(paths::EGOV_SUBMIT1, get(qr::api1))
        .route(paths::EGOV_SUBMIT2, get(qr::api2).put(qr::api2_put))
}

/// Which party of `application` organisation `bin` is (it sees the application, so it is one).
pub fn party_of(application: &ServerApplication, bin: &Bin) -> Party {
    if &application.owner == bin {
        Party::Uk
    } else {
        Party::Developer
    }
}

/// Refuses a step only the УК takes.
pub fn owner_only(application: &ServerApplication, bin: &Bin) -> Result<(), AppError> {
    match party_of(application, bin) {
        Party::Uk => Ok(()),
        Party::Developer => Err(AppError::Code(ErrorCode::OtherParty)),
    }
}

/// The developer the form names, if it confirmed an invitation of `owner`: the application is
/// open to it.
pub fn confirmed_developer(
    conn: &Connection,
    owner: &Bin,
    data: &FormData,
) -> Result<Option<Bin>, AppError> {
    let Ok(developer) = Bin::parse(data.value("developer", "bin")) else {
        return Ok(None);
    };
    Ok(partnerships::confirmed(conn, owner, &developer)?.then_some(developer))
}

/// «Проверить заявку» as a refusal: every problem by its field path.
pub fn problems_error(problems: Vec<Problem>) -> AppError {
    AppError::Validation(
        problems
            .into_iter()
            .map(|p| {
                let rule = i18n::static_key(&p.rule).unwrap_or("rule.application.incomplete");
                (p.path, RuleViolation::new(rule))
            })
            .collect(),
    )
}
