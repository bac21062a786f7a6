//! Login by e-mail and a one-time code (R2.1). The code is keyed by the address itself, so an
//! address with no cabinet gets the same answer in the same time and a code nobody receives.

use axum::extract::State;
use axum::Json;
use homeportal_domain::access::{Channel, CodeSent, EmailCodeRequest, EmailLoginRequest};
use homeportal_domain::api::LoginResponse;
use homeportal_domain::ErrorCode;

use super::one_time::{self, Addressee, Timing};
use crate::error::AppError;
use crate::extract::{ApiJson, ClientAddress};
use crate::repo::codes::Purpose;
use crate::repo::{accounts, sessions};
use crate::state::{now, rfc3339, AppState};

fn addressee(email: &str) -> Addressee {
    Addressee {
        purpose: Purpose::Login,
        subject: email.to_lowercase(),
        channel: Channel::Email,
    }
}

/// `POST /api/v1/auth/email/code`: «Получить разовый код».
pub async fn send_code(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiJson(request): ApiJson<EmailCodeRequest>,
) -> Result<Json<CodeSent>, AppError> {
    state
        .login_throttle
        .admit_or_hold(address, state.config.refusal_hold())
        .await?;
    let email = one_time::email_field("email", &request.email)?;
    let lookup = email.clone();
    let account = state
        .db
        .read(move |conn| accounts::by_verified_email(conn, &lookup))
        .await?;
    let target = account.map(|_| email.clone());
    one_time::send(&state, addressee(&email), target, Timing::Detached).await?;
    Ok(Json(CodeSent {
        resend_in_secs: state.config.code_resend_secs,
    }))
}

/// `POST /api/v1/auth/login/email`: the address and its code open a session.
pub async fn login(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiJson(request): ApiJson<EmailLoginRequest>,
) -> Result<Json<LoginResponse>, AppError> {
    state
        .login_throttle
        .admit_or_hold(address, state.config.refusal_hold())
        .await?;
    let email = one_time::email_field("email", &request.email)?;
    let reached = one_time::redeem_code(&state, addressee(&email), &request.code).await?;
    let ttl_secs = i64::from(state.config.session_ttl_hours) * 3600;
    let issued = state
        .db
        .call(move |conn| {
            let account_id = accounts::by_verified_email(conn, &reached)?
                .ok_or(AppError::Code(ErrorCode::InvalidCredentials))?;
            sessions::issue(conn, account_id, now(), ttl_secs)
        })
        .await?;
    tracing::info!("login by e-mail code");
    Ok(Json(LoginResponse {
        token: issued.token,
        expires_at: rfc3339(issued.expires_at),
    }))
}
