//! BIN + password login and logout.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use homeportal_domain::api::{LoginRequest, LoginResponse};
use homeportal_domain::ids::Bin;
use homeportal_domain::{ErrorCode, RuleViolation};

use crate::error::AppError;
use crate::extract::{ApiJson, AuthSession, ClientAddress};
use crate::repo::{accounts, login_failures, sessions};
use crate::state::{now, AppState};

use super::passwords;

/// `POST /api/v1/auth/login`: a wrong BIN format is a field error; an unknown BIN and a wrong
/// password are the same `invalid_credentials`, answered in the same time. Each attempt is
/// counted against the client's address first (429 when it must wait).
pub async fn login(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiJson(request): ApiJson<LoginRequest>,
) -> Result<Json<LoginResponse>, AppError> {
    let hold = state.config.refusal_hold();
    state.login_throttle.admit_or_hold(address, hold).await?;
    let mut errors = Vec::new();
    let bin = Bin::parse(&request.bin)
        .map_err(|e| errors.push(("bin".to_owned(), e)))
        .ok();
    if request.password.is_empty() {
        errors.push((
            "password".to_owned(),
            RuleViolation::new("rule.password.required"),
        ));
    }
    let bin = match bin {
        Some(bin) if errors.is_empty() => bin,
        _ => return Err(AppError::Validation(errors)),
    };
    let (key, address) = (bin.as_string(), address.to_string());
    let (reserved_key, reserved_address) = (key.clone(), address.clone());
    let reserved = state
        .db
        .call(move |conn| login_failures::reserve(conn, &reserved_address, &reserved_key, now()))
        .await?;
    if let Err(wait_secs) = reserved {
        // Held like the address limit, so guessing one БИН is slowed, not just refused.
        let wait = std::time::Duration::from_secs(wait_secs.max(0).unsigned_abs());
        tokio::time::sleep(wait.min(hold)).await;
        return Err(AppError::Code(ErrorCode::TooManyRequests));
    }
    let ttl_secs = i64::from(state.config.session_ttl_hours) * 3600;
    // The hash is checked with no database lock held: other requests go on meanwhile.
    let found = state
        .db
        .read(move |conn| accounts::credentials(conn, &bin))
        .await?;
    let stored = found
        .as_ref()
        .map_or(passwords::decoy_hash(), |(_, hash)| hash.as_str())
        .to_owned();
    let matches =
        passwords::verify_off_the_runtime(&state.hashing, request.password.clone(), stored).await?;
    let issued = match found {
        Some((account_id, _)) if matches => {
            state
                .db
                .call(move |conn| sessions::issue(conn, account_id, now(), ttl_secs))
                .await
        }
        _ => Err(AppError::Code(ErrorCode::InvalidCredentials)),
    };
    let issued = issued?;
    state
        .db
        .call(move |conn| login_failures::succeeded(conn, &address, &key))
        .await?;
    let expires_at = chrono::DateTime::from_timestamp(issued.expires_at, 0)
        .map(|t| t.to_rfc3339())
        .unwrap_or_default();
    tracing::info!(bin = %request.bin.trim(), "login");
    Ok(Json(LoginResponse {
        token: issued.token,
        expires_at,
    }))
}

/// `POST /api/v1/auth/logout`: revokes the presented token.
pub async fn logout(
    State(state): State<AppState>,
    session: AuthSession,
) -> Result<StatusCode, AppError> {
    state
        .db
        .call(move |conn| sessions::revoke(conn, &session.token, now()))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
