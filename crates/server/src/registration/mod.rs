//! Registration (R1), once per legal entity: an AUTH signature over the server's challenge
//! fills the form from the certificate; contacts, «Я не робот» and the licence signed with the
//! SIGN key send a code to the e-mail and an SMS code to the phone; both codes, then a password
//! under the policy, create the cabinet and open its first session.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use base64::Engine;
use homeportal_domain::access::{
    licence, paths, Channel, CodesSent, ConfirmCodes, ContactsRequest, NewPassword,
    RegistrationStarted, ResendRequest, RobotChallenge,
};
use homeportal_domain::api::LoginResponse;
use homeportal_domain::ids::{Bin, Iin};
use homeportal_domain::signing::EdsLoginRequest;
use homeportal_domain::{ErrorCode, RuleViolation};
use homeportal_pki::{Policy, Purpose, Signatory};
use rand::RngCore;

use crate::accounts::one_time::{self, Addressee, Timing};
use crate::accounts::ValidAccount;
use crate::error::AppError;
use crate::extract::{ApiJson, ApiPath};
use crate::repo::codes::Purpose as CodePurpose;
use crate::repo::registrations::{self, Registration};
use crate::repo::{accounts, licences, sessions};
use crate::signing::{challenge, verdict};
use crate::state::{now, rfc3339, AppState};

/// How long a registration may take from the signature to the password.
const TTL_SECS: i64 = 30 * 60;

/// The registration routes (anonymous).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(paths::REGISTRATION, post(start))
        .route(paths::REGISTRATION_CONTACTS, post(contacts))
        .route(paths::REGISTRATION_CODE, post(resend))
        .route(paths::REGISTRATION_CONFIRM, post(confirm))
        .route(paths::REGISTRATION_COMPLETE, post(complete))
}

fn random_id() -> String {
    let mut bytes = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

async fn load(state: &AppState, id: String) -> Result<Registration, AppError> {
    state
        .db
        .read(move |conn| registrations::find(conn, &id, now()))
        .await?
        .ok_or(AppError::Code(ErrorCode::RegistrationExpired))
}

fn addressee(registration: &str, channel: Channel) -> Addressee {
    Addressee {
        purpose: CodePurpose::Registration,
        subject: registration.to_owned(),
        channel,
    }
}

/// `POST /api/v1/registration`: the organisation's AUTH signature over a challenge.
async fn start(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<EdsLoginRequest>,
) -> Result<Json<RegistrationStarted>, AppError> {
    let challenge::Proof { bin, iin, signer } = challenge::prove(&state, &request).await?;
    let registration = Registration {
        id: random_id(),
        bin: bin.as_string(),
        org_name: signer.organization.clone().unwrap_or_default(),
        iin: iin.as_string(),
        last_name: signer.last_name.clone().unwrap_or_default(),
        first_name: signer.first_name.clone().unwrap_or_default(),
        middle_name: signer.middle_name.clone(),
        robot: RobotChallenge {
            prefix: random_id(),
            bits: state.config.robot_bits,
        },
        email: None,
        phone: None,
        licence_cms: None,
        confirmed: false,
        expires_at: now() + TTL_SECS,
    };
    let stored = registration.clone();
    state
        .db
        .call(move |conn| {
            if accounts::exists(conn, &stored.bin)? {
                return Err(AppError::Code(ErrorCode::AlreadyRegistered));
            }
            registrations::insert(conn, &stored, now())
        })
        .await?;
    tracing::info!(bin = %registration.bin, "registration started");
    Ok(Json(RegistrationStarted {
        id: registration.id,
        bin,
        org_name: registration.org_name,
        iin,
        last_name: registration.last_name,
        first_name: registration.first_name,
        middle_name: registration.middle_name,
        robot: registration.robot,
        expires_at: rfc3339(registration.expires_at),
    }))
}

/// An e-mail no other cabinet uses (a login by e-mail must name one cabinet).
async fn free_email(state: &AppState, email: &str, field: &str) -> Result<(), AppError> {
    let lookup = email.to_owned();
    let taken = state
        .db
        .read(move |conn| accounts::email_taken(conn, &lookup, None))
        .await?;
    if taken {
        return Err(AppError::field(
            field,
            RuleViolation::new("rule.email.taken"),
        ));
    }
    Ok(())
}

/// `POST …/contacts`: contacts, the robot answer and the licence; both codes are sent.
async fn contacts(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<ContactsRequest>,
) -> Result<Json<CodesSent>, AppError> {
    let registration = load(&state, id.clone()).await?;
    let mut errors = Vec::new();
    let email = one_time::email_field("email", &request.email)
        .map_err(|e| push(&mut errors, e))
        .ok();
    let phone = one_time::phone_field("phone", &request.phone)
        .map_err(|e| push(&mut errors, e))
        .ok();
    let (Some(email), Some(phone)) = (email, phone) else {
        return Err(AppError::Validation(errors));
    };
    if !registration.robot.solved_by(request.robot_answer) {
        return Err(AppError::Code(ErrorCode::RobotCheckFailed));
    }
    free_email(&state, &email, "email").await?;
    let cms = base64::engine::general_purpose::STANDARD
        .decode(request.licence_cms.trim())
        .map_err(|_| AppError::Code(ErrorCode::SignatureInvalid))?;
    let bin = Bin::parse(&registration.bin)
        .map_err(|e| AppError::internal(format!("stored BIN: {e}")))?;
    let iin = Iin::parse(&registration.iin)
        .map_err(|e| AppError::internal(format!("stored IIN: {e}")))?;
    let the_registrant = Policy {
        purpose: Purpose::Act,
        signatory: Signatory::AnyEmployee,
        bin: Some(bin),
        iin: Some(iin),
    };
    verdict::check_proof(
        &state.verifier,
        &cms,
        licence::TEXT.as_bytes(),
        &the_registrant,
        now(),
    )
    .map_err(AppError::Code)?;
    let (stored_id, stored_email, stored_phone) = (id.clone(), email.clone(), phone.clone());
    state
        .db
        .call(move |conn| {
            registrations::set_contacts(conn, &stored_id, &stored_email, &stored_phone, &cms)
        })
        .await?;
    for (channel, target) in [(Channel::Email, &email), (Channel::Sms, &phone)] {
        let to = addressee(&id, channel);
        one_time::send(&state, to, Some(target.clone()), Timing::Answered).await?;
    }
    Ok(Json(CodesSent {
        email,
        phone,
        resend_in_secs: state.config.code_resend_secs,
    }))
}

fn push(errors: &mut Vec<(String, RuleViolation)>, error: AppError) {
    if let AppError::Validation(fields) = error {
        errors.extend(fields);
    }
}

/// `POST …/code`: «Изменить электронную почту» / «Изменить номер телефона» (or send again).
async fn resend(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<ResendRequest>,
) -> Result<Json<CodesSent>, AppError> {
    let registration = load(&state, id.clone()).await?;
    let (Some(mut email), Some(mut phone)) = (registration.email, registration.phone) else {
        return Err(AppError::Code(ErrorCode::BadRequest));
    };
    let value = match request.channel {
        Channel::Email => one_time::email_field("value", &request.value)?,
        Channel::Sms => one_time::phone_field("value", &request.value)?,
    };
    if request.channel == Channel::Email && value != email {
        free_email(&state, &value, "value").await?;
    }
    // The code goes out first (within the cool-down, delivered), then the contact changes: a
    // refused or undelivered code leaves the registration as it was.
    let to = addressee(&id, request.channel);
    one_time::send(&state, to, Some(value.clone()), Timing::Answered).await?;
    let (channel, stored_value) = (request.channel, value.clone());
    state
        .db
        .call(move |conn| registrations::set_contact(conn, &id, channel, &stored_value))
        .await?;
    match request.channel {
        Channel::Email => email = value,
        Channel::Sms => phone = value,
    }
    Ok(Json(CodesSent {
        email,
        phone,
        resend_in_secs: state.config.code_resend_secs,
    }))
}

/// `POST …/confirm`: the code from the e-mail and the SMS code.
async fn confirm(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<ConfirmCodes>,
) -> Result<StatusCode, AppError> {
    let registration = load(&state, id.clone()).await?;
    let (Some(email), Some(phone)) = (registration.email, registration.phone) else {
        return Err(AppError::Code(ErrorCode::BadRequest));
    };
    one_time::redeem_both(
        &state,
        CodePurpose::Registration,
        &id,
        (&email, &request.email_code),
        (&phone, &request.sms_code),
    )
    .await?;
    state
        .db
        .call(move |conn| registrations::confirm(conn, &id))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST …/complete`: the password; the cabinet is created and its first session opened.
async fn complete(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<NewPassword>,
) -> Result<Json<LoginResponse>, AppError> {
    let registration = load(&state, id.clone()).await?;
    let (true, Some(email), Some(phone), Some(cms)) = (
        registration.confirmed,
        registration.email.clone(),
        registration.phone.clone(),
        registration.licence_cms.clone(),
    ) else {
        return Err(AppError::Code(ErrorCode::BadRequest));
    };
    let hash = one_time::new_password_hash(&state, &request.password, &request.repeat).await?;
    let account = ValidAccount {
        bin: Bin::parse(&registration.bin)
            .map_err(|e| AppError::internal(format!("stored BIN: {e}")))?,
        org_name: registration.org_name.clone(),
        iin: Iin::parse(&registration.iin)
            .map_err(|e| AppError::internal(format!("stored IIN: {e}")))?,
        last_name: registration.last_name.clone(),
        first_name: registration.first_name.clone(),
        middle_name: registration.middle_name.clone(),
        email,
        phone,
        password: String::new(),
    };
    let ttl_secs = i64::from(state.config.session_ttl_hours) * 3600;
    let iin = registration.iin.clone();
    let issued = state
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            let account_id = accounts::create(&tx, &account, &hash, true, now())?;
            licences::accept(&tx, account_id, &licence::sha256_hex(), &cms, &iin, now())?;
            registrations::remove(&tx, &id)?;
            let issued = sessions::issue(&tx, account_id, now(), ttl_secs)?;
            tx.commit()?;
            Ok(issued)
        })
        .await?;
    tracing::info!(bin = %registration.bin, "registered");
    Ok(Json(LoginResponse {
        token: issued.token,
        expires_at: rfc3339(issued.expires_at),
    }))
}
