//! «Забыли пароль?» (R2.4): control of the cabinet is proven by codes sent to its registered
//! e-mail and phone, or by the organisation's AUTH signature; then a new password under the
//! policy ends every session. A request that names no cabinet is answered the same way.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use base64::Engine;
use homeportal_domain::access::{
    Channel, ConfirmCodes, NewPassword, RecoveryRequest, RecoveryStarted,
};
use homeportal_domain::ids::Bin;
use homeportal_domain::signing::EdsLoginRequest;
use homeportal_domain::ErrorCode;
use rand::RngCore;

use super::one_time::{self, Addressee, Timing};
use crate::error::AppError;
use crate::extract::{ApiJson, ApiPath, ClientAddress};
use crate::repo::codes::Purpose;
use crate::repo::{accounts, recoveries, sessions};
use crate::signing::challenge;
use crate::state::{now, AppState};

/// How long a recovery may take.
const TTL_SECS: i64 = 30 * 60;

fn random_id() -> String {
    let mut bytes = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn addressee(recovery: &str, channel: Channel) -> Addressee {
    Addressee {
        purpose: Purpose::Recovery,
        subject: recovery.to_owned(),
        channel,
    }
}

fn started(state: &AppState, id: String, proven: bool) -> Json<RecoveryStarted> {
    Json(RecoveryStarted {
        id,
        proven,
        resend_in_secs: state.config.code_resend_secs,
    })
}

/// `POST /api/v1/recovery`: БИН, e-mail and phone as registered; codes go to both.
pub async fn start(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiJson(request): ApiJson<RecoveryRequest>,
) -> Result<Json<RecoveryStarted>, AppError> {
    state
        .login_throttle
        .admit_or_hold(address, state.config.refusal_hold())
        .await?;
    let mut errors = Vec::new();
    let bin = Bin::parse(&request.bin)
        .map_err(|rule| errors.push(("bin".to_owned(), rule)))
        .ok();
    let email = one_time::email_field("email", &request.email)
        .map_err(|e| collect(&mut errors, e))
        .ok();
    let phone = one_time::phone_field("phone", &request.phone)
        .map_err(|e| collect(&mut errors, e))
        .ok();
    let (Some(bin), Some(email), Some(phone)) = (bin, email, phone) else {
        return Err(AppError::Validation(errors));
    };
    let id = random_id();
    let (stored_id, lookup) = (id.clone(), (bin.as_string(), email.clone(), phone.clone()));
    let account = state
        .db
        .call(move |conn| {
            let account = accounts::by_contacts(conn, &lookup.0, &lookup.1, &lookup.2)?;
            recoveries::insert(conn, &stored_id, account, false, now(), now() + TTL_SECS)?;
            Ok(account)
        })
        .await?;
    for (channel, target) in [(Channel::Email, email), (Channel::Sms, phone)] {
        let target = account.map(|_| target);
        one_time::send(&state, addressee(&id, channel), target, Timing::Detached).await?;
    }
    Ok(started(&state, id, false))
}

fn collect(errors: &mut Vec<(String, homeportal_domain::RuleViolation)>, error: AppError) {
    if let AppError::Validation(fields) = error {
        errors.extend(fields);
    }
}

/// `POST /api/v1/recovery/eds`: the organisation's AUTH signature, by the registered person.
pub async fn by_eds(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<EdsLoginRequest>,
) -> Result<Json<RecoveryStarted>, AppError> {
    let proof = challenge::prove(&state, &request).await?;
    let id = random_id();
    let stored_id = id.clone();
    state
        .db
        .call(move |conn| {
            let account_id = challenge::account_of(conn, &proof.bin, &proof.iin)?;
            let expires_at = now() + TTL_SECS;
            recoveries::insert(conn, &stored_id, Some(account_id), true, now(), expires_at)
        })
        .await?;
    Ok(started(&state, id, true))
}

async fn load(state: &AppState, id: String) -> Result<(Option<i64>, bool), AppError> {
    state
        .db
        .read(move |conn| recoveries::find(conn, &id, now()))
        .await?
        .ok_or(AppError::Code(ErrorCode::RegistrationExpired))
}

/// `POST /api/v1/recovery/{id}/confirm`: both codes.
pub async fn confirm(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<ConfirmCodes>,
) -> Result<StatusCode, AppError> {
    let (account, _) = load(&state, id.clone()).await?;
    let contacts = match account {
        Some(account_id) => {
            let profile = state
                .db
                .read(move |conn| accounts::profile(conn, account_id))
                .await?;
            (profile.email, profile.phone)
        }
        // Codes for nobody were delivered nowhere: whatever is typed is wrong.
        None => (String::new(), String::new()),
    };
    one_time::redeem_both(
        &state,
        Purpose::Recovery,
        &id,
        (&contacts.0, &request.email_code),
        (&contacts.1, &request.sms_code),
    )
    .await?;
    if account.is_none() {
        return Err(AppError::Code(ErrorCode::CodeInvalid));
    }
    state
        .db
        .call(move |conn| recoveries::prove(conn, &id))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/recovery/{id}/complete`: the new password; every session ends.
pub async fn complete(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<NewPassword>,
) -> Result<StatusCode, AppError> {
    let (account, proven) = load(&state, id.clone()).await?;
    let (Some(account_id), true) = (account, proven) else {
        return Err(AppError::Code(ErrorCode::Unauthorized));
    };
    let hash = one_time::new_password_hash(&state, &request.password, &request.repeat).await?;
    let ended = state
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            accounts::set_password(&tx, account_id, &hash)?;
            let ended = sessions::revoke_all(&tx, account_id, now())?;
            recoveries::remove(&tx, &id)?;
            tx.commit()?;
            Ok(ended)
        })
        .await?;
    tracing::info!(account_id, ended, "password recovered; sessions ended");
    Ok(StatusCode::NO_CONTENT)
}
