//! КЖК staff's side: members with a role and an API key, and the staff API the back office and
//! the BPMS bridge use to list applications, post moderation remarks, register and move them.

mod api;
pub mod back_office;

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::routing::{get, post};
use axum::Router;
use homeportal_domain::guarantee::staff::{paths, StaffRole};
use homeportal_domain::ErrorCode;

use crate::db::Db;
use crate::error::AppError;
use crate::repo::staff::{self, Staff};
use crate::state::{now, AppState};

/// The staff API routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(paths::APPLICATIONS, get(api::list))
        .route(paths::APPLICATION, get(api::one))
        .route(paths::REMARKS, post(api::remarks))
        .route(paths::MODERATION_PASSED, post(api::moderation_passed))
        .route(paths::REGISTRATION, post(api::register))
        .route(paths::STATUS, post(api::change_status))
        .route(back_office::paths::HOME, get(back_office::home))
        .route(back_office::paths::LOGIN, post(back_office::login))
        .route(back_office::paths::LOGOUT, post(back_office::logout))
        .route(
            back_office::paths::APPLICATION,
            get(back_office::application),
        )
        .route(back_office::paths::REMARKS, post(back_office::remarks))
        .route(back_office::paths::PASS, post(back_office::pass))
        .route(back_office::paths::REGISTER, post(back_office::register))
}

/// A request made with a member of staff's key.
pub struct StaffAuth(pub Staff);

impl FromRequestParts<AppState> for StaffAuth {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let key = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or(AppError::Code(ErrorCode::Unauthorized))?
            .to_owned();
        let found = state
            .db
            .read(move |conn| staff::by_key(conn, &key))
            .await?
            .ok_or(AppError::Code(ErrorCode::Unauthorized))?;
        Ok(StaffAuth(found))
    }
}

/// Adds a member of staff (the `staff add` subcommand); their API key, shown once.
pub fn add(db: &Db, name: &str, role: StaffRole) -> Result<String, AppError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(AppError::field(
            "name",
            homeportal_domain::RuleViolation::new("rule.required"),
        ));
    }
    db.call_blocking(|conn| staff::add(conn, name, role, now()))
}

/// Every member of staff: id, name, role, whether revoked (the `staff list` subcommand).
pub fn list(db: &Db) -> Result<Vec<(i64, String, String, bool)>, AppError> {
    db.call_blocking(|conn| staff::list(conn))
}

/// Revokes member `id`'s key (the `staff revoke` subcommand); whether one was revoked.
pub fn revoke(db: &Db, id: i64) -> Result<bool, AppError> {
    db.call_blocking(|conn| staff::revoke(conn, id, now()))
}
