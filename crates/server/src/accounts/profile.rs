//! `GET /api/v1/profile` (R3).

use axum::extract::State;
use axum::Json;
use homeportal_domain::api::Profile;

use crate::error::AppError;
use crate::extract::AuthSession;
use crate::repo::accounts;
use crate::state::AppState;

/// The profile of the session's organisation.
pub async fn profile(
    State(state): State<AppState>,
    session: AuthSession,
) -> Result<Json<Profile>, AppError> {
    let account_id = session.account_id;
    let profile = state
        .db
        .read(move |conn| accounts::profile(conn, account_id))
        .await?;
    Ok(Json(profile))
}
