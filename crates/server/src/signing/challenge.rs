//! Challenge–response for a login by EDS: the server issues a one-time nonce, the client signs
//! it with the organisation's AUTH key, the server verifies the signature, the certificate's
//! BIN and the registered person's IIN, and opens a session. Registration will use the same.

use axum::extract::State;
use axum::Json;
use base64::Engine;
use homeportal_domain::api::LoginResponse;
use homeportal_domain::ids::{Bin, Iin};
use homeportal_domain::signing::{Challenge, EdsLoginRequest};
use homeportal_domain::ErrorCode;
use homeportal_pki::{Policy, Purpose, Signatory, Signer};
use rand::RngCore;

use super::verdict;
use crate::error::AppError;
use crate::extract::{ApiJson, ClientAddress};
use crate::repo::{accounts, challenges, sessions};
use crate::state::{now, AppState};

/// How long a nonce may be answered.
const NONCE_TTL_SECONDS: i64 = 300;

fn b64() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::STANDARD
}

/// `POST /api/v1/auth/challenge`.
pub async fn issue(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
) -> Result<Json<Challenge>, AppError> {
    state
        .challenge_throttle
        .admit_or_hold(address, state.config.refusal_hold())
        .await?;
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let nonce = b64().encode(bytes);
    let expires_at = now() + NONCE_TTL_SECONDS;
    let stored = nonce.clone();
    state
        .db
        .call(move |conn| challenges::insert(conn, &stored, expires_at, now()))
        .await?;
    Ok(Json(Challenge {
        nonce,
        expires_at: chrono::DateTime::from_timestamp(expires_at, 0)
            .map(|t| t.to_rfc3339())
            .unwrap_or_default(),
    }))
}

/// Uses up a nonce: it answers at most one login, whatever the outcome.
async fn consume(state: &AppState, nonce: &str) -> Result<(), AppError> {
    let nonce = nonce.to_owned();
    let fresh = state
        .db
        .call(move |conn| challenges::consume(conn, &nonce, now()))
        .await?;
    fresh
        .then_some(())
        .ok_or(AppError::Code(ErrorCode::ChallengeExpired))
}

/// Who proved control of an organisation's AUTH key.
pub(crate) struct Proof {
    /// The organisation.
    pub bin: Bin,
    /// The person.
    pub iin: Iin,
    /// Everything the certificate says.
    pub signer: Signer,
}

/// Checks a proof of control of an organisation's AUTH key: a CMS over a fresh nonce (used up
/// whatever the outcome), by an employee of a legal entity.
pub(crate) async fn prove(state: &AppState, request: &EdsLoginRequest) -> Result<Proof, AppError> {
    consume(state, &request.nonce).await?;
    let nonce = b64()
        .decode(request.nonce.trim())
        .map_err(|_| AppError::Code(ErrorCode::BadRequest))?;
    let cms = b64()
        .decode(request.cms.trim())
        .map_err(|_| AppError::Code(ErrorCode::SignatureInvalid))?;
    let anyone_of_an_organisation = Policy {
        purpose: Purpose::Auth,
        signatory: Signatory::AnyEmployee,
        bin: None,
        iin: None,
    };
    let signer = verdict::check_proof(
        &state.verifier,
        &cms,
        &nonce,
        &anyone_of_an_organisation,
        now(),
    )
    .map_err(AppError::Code)?
    .signer;
    let bin = signer.bin.as_deref().and_then(|b| Bin::parse(b).ok());
    let iin = signer.iin.as_deref().and_then(|i| Iin::parse(i).ok());
    match (bin, iin) {
        (Some(bin), Some(iin)) => Ok(Proof { bin, iin, signer }),
        _ => Err(AppError::Code(ErrorCode::CertificateNotLegalEntity)),
    }
}

/// The cabinet a person's certificate opens: its organisation's, registered by that person.
pub(crate) fn account_of(
    conn: &rusqlite::Connection,
    bin: &Bin,
    iin: &Iin,
) -> Result<i64, AppError> {
    let (account_id, _) =
        accounts::credentials(conn, bin)?.ok_or(AppError::Code(ErrorCode::AccountNotFound))?;
    if accounts::profile(conn, account_id)?.iin != *iin {
        return Err(AppError::Code(ErrorCode::SignatureWrongPerson));
    }
    Ok(account_id)
}

/// `POST /api/v1/auth/login/eds`: a CMS over the nonce, AUTH key of an employee of a
/// registered organisation, the person the cabinet was registered by.
pub async fn login(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<EdsLoginRequest>,
) -> Result<Json<LoginResponse>, AppError> {
    let Proof { bin, iin, .. } = prove(&state, &request).await?;
    let ttl_secs = i64::from(state.config.session_ttl_hours) * 3600;
    let logged = bin.as_string();
    let issued = state
        .db
        .call(move |conn| {
            let account_id = account_of(conn, &bin, &iin)?;
            sessions::issue(conn, account_id, now(), ttl_secs)
        })
        .await?;
    tracing::info!(bin = %logged, "login by EDS");
    Ok(Json(LoginResponse {
        token: issued.token,
        expires_at: crate::state::rfc3339(issued.expires_at),
    }))
}
