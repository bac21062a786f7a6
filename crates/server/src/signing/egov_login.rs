//! Login by eGov Business QR (R2.3): the desktop asks for a code and gets a poll secret; the
//! phone reads API №1, fetches the login text from API №2 and PUTs it back signed (CMS, the
//! organisation's key). The signature is verified, the certificate's organisation must have a
//! cabinet registered by that person, and the desktop that holds the poll secret receives the
//! session — once.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::Engine;
use homeportal_domain::access::{paths, QrLogin, QrLoginPoll, QrLoginStatus};
use homeportal_domain::api::LoginResponse;
use homeportal_domain::ids::{Bin, Iin};
use homeportal_domain::signing::{path_with_id, QrState};
use homeportal_domain::{ErrorBody, ErrorCode, Lang};
use homeportal_pki::{Policy, Purpose, Signatory};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::egov::{api1_answer, bearer_matches, lang_of, message, random, returned_cms};
use super::verdict;
use crate::error::AppError;
use crate::extract::{ApiBytes, ApiJson, ApiPath, ClientAddress};
use crate::repo::qr_logins::{self, QrLogin as Stored};
use crate::repo::sessions;
use crate::state::{now, rfc3339, AppState};

fn poll_hash(poll: &str) -> String {
    hex::encode(Sha256::digest(poll.as_bytes()))
}

/// `POST /api/v1/auth/qr`: a code to scan, and the secret to poll with.
pub async fn start(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
) -> Result<Json<QrLogin>, AppError> {
    state
        .challenge_throttle
        .admit_or_hold(address, state.config.refusal_hold())
        .await?;
    let (id, token, poll) = (random(16), random(32), random(32));
    let created = now();
    let ttl = i64::from(state.config.qr_ttl_seconds);
    let text = format!(
        "Вход в Личный кабинет юридического лица АО «Казахстанская Жилищная Компания»\n\
         Сеанс: {id}\nВремя: {}\n",
        rfc3339(created)
    );
    let (stored_id, stored_token, hash) = (id.clone(), token, poll_hash(&poll));
    state
        .db
        .call(move |conn| {
            qr_logins::insert(
                conn,
                &stored_id,
                &stored_token,
                &hash,
                &text,
                created,
                created + ttl,
            )
        })
        .await?;
    let api1 = format!(
        "{}{}",
        state.public_url,
        path_with_id(paths::EGOV_LOGIN_API1, &id)
    );
    Ok(Json(QrLogin {
        id,
        qr_text: format!("mobileSign:{api1}"),
        poll,
        expires_in: ttl as u64,
    }))
}

async fn load(state: &AppState, id: &str) -> Result<Option<Stored>, AppError> {
    let id = id.to_owned();
    state.db.read(move |conn| qr_logins::find(conn, &id)).await
}

/// `POST /api/v1/auth/qr/{id}` with the poll secret: how it stands; the session once signed.
pub async fn status(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<QrLoginPoll>,
) -> Result<Json<QrLoginStatus>, AppError> {
    let found = load(&state, &id)
        .await?
        .filter(|f| {
            bool::from(
                poll_hash(&request.poll)
                    .as_bytes()
                    .ct_eq(f.poll_hash.as_bytes()),
            )
        })
        .ok_or(AppError::Code(ErrorCode::NotFound))?;
    let left = (found.expires_at - now()).max(0) as u64;
    let lang = lang_of(&headers);
    let error = found
        .error_code
        .as_deref()
        .and_then(|c| serde_json::from_value::<ErrorCode>(Value::String(c.to_owned())).ok())
        .map(|code| ErrorBody::new(code, lang));
    let pending = |state_now| QrLoginStatus {
        state: state_now,
        expires_in: left,
        error: error.clone(),
        session: None,
    };
    match found.state.as_str() {
        "signed" => {
            let ttl_secs = i64::from(state.config.session_ttl_hours) * 3600;
            let handed = state
                .db
                .call(move |conn| {
                    let tx = conn.transaction()?;
                    let issued = match qr_logins::hand_over(&tx, &id)? {
                        Some(account_id) => {
                            Some(sessions::issue(&tx, account_id, now(), ttl_secs)?)
                        }
                        None => None,
                    };
                    tx.commit()?;
                    Ok(issued)
                })
                .await?
                .ok_or(AppError::Code(ErrorCode::SigningDone))?;
            tracing::info!("login by eGov QR");
            Ok(Json(QrLoginStatus {
                state: QrState::Signed,
                expires_in: 0,
                error: None,
                session: Some(LoginResponse {
                    token: handed.token,
                    expires_at: rfc3339(handed.expires_at),
                }),
            }))
        }
        "used" => Err(AppError::Code(ErrorCode::SigningDone)),
        _ if left == 0 => Ok(Json(pending(QrState::Expired))),
        "rejected" => Ok(Json(pending(QrState::Rejected))),
        _ => Ok(Json(pending(QrState::Pending))),
    }
}

/// Why the phone is refused: the status and the code of the message it shows.
type Refusal = (StatusCode, ErrorCode);

/// Refuses a code that is gone, expired or already used.
async fn usable(state: &AppState, id: &str) -> Result<Stored, Refusal> {
    let found = load(state, id)
        .await
        .map_err(|_| (StatusCode::INTERNAL_SERVER_ERROR, ErrorCode::Internal))?
        .ok_or((StatusCode::NOT_FOUND, ErrorCode::NotFound))?;
    if matches!(found.state.as_str(), "signed" | "used") {
        return Err((StatusCode::FORBIDDEN, ErrorCode::SigningDone));
    }
    if found.expires_at <= now() {
        return Err((StatusCode::FORBIDDEN, ErrorCode::SigningExpired));
    }
    Ok(found)
}

/// `GET /egov/login1/{id}`: what the phone shows.
pub async fn api1(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    headers: HeaderMap,
) -> Response {
    let lang = lang_of(&headers);
    let found = match usable(&state, &id).await {
        Ok(found) => found,
        Err((status, code)) => return message(status, code, lang),
    };
    let description = match lang {
        Lang::Kk => "АО «КЖК» заңды тұлғалар кабинетіне кіру",
        Lang::En => "Logging in to the KZhK cabinet for legal entities",
        Lang::Ru => "Вход в Личный кабинет юридических лиц АО «КЖК»",
    };
    api1_answer(
        &state,
        description,
        found.expires_at,
        &path_with_id(paths::EGOV_LOGIN_API2, &id),
        &found.token,
    )
}

async fn authorised(state: &AppState, id: &str, headers: &HeaderMap) -> Result<Stored, Refusal> {
    let found = usable(state, id).await?;
    if !bearer_matches(headers, &found.token) {
        return Err((StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized));
    }
    Ok(found)
}

/// `GET /egov/login2/{id}` (Bearer token from API №1): the login text to sign.
pub async fn api2(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    headers: HeaderMap,
) -> Response {
    let lang = lang_of(&headers);
    match authorised(&state, &id, &headers).await {
        Ok(found) => Json(json!({
            "signMethod": "CMS_SIGN_ONLY",
            "version": 1,
            "documentsToSign": [{
                "id": 1,
                "nameRu": "Вход в Личный кабинет АО «КЖК»",
                "nameKz": "«ҚТК» АҚ Жеке кабинетіне кіру",
                "nameEn": "Login to the KZhK cabinet",
                "meta": [{ "name": "Сеанс", "value": id }],
                "document": { "file": {
                    "mime": "text/plain",
                    "data": base64::engine::general_purpose::STANDARD.encode(found.text.as_bytes()),
                } }
            }]
        }))
        .into_response(),
        Err((status, code)) => message(status, code, lang),
    }
}

/// Who signed, and whether that opens a cabinet: its organisation registered, by that person.
async fn account_of(state: &AppState, cms: &[u8], text: &str) -> Result<i64, ErrorCode> {
    let anyone_of_an_organisation = Policy {
        purpose: Purpose::Act,
        signatory: Signatory::AnyEmployee,
        bin: None,
        iin: None,
    };
    let signer = verdict::check_proof(
        &state.verifier,
        cms,
        text.as_bytes(),
        &anyone_of_an_organisation,
        now(),
    )?
    .signer;
    let bin = signer
        .bin
        .as_deref()
        .and_then(|b| Bin::parse(b).ok())
        .ok_or(ErrorCode::CertificateNotLegalEntity)?;
    let iin = signer
        .iin
        .as_deref()
        .and_then(|i| Iin::parse(i).ok())
        .ok_or(ErrorCode::CertificateNotLegalEntity)?;
    state
        .db
        .read(move |conn| super::challenge::account_of(conn, &bin, &iin))
        .await
        .map_err(|e| match e {
            AppError::Code(code) => code,
            _ => ErrorCode::Internal,
        })
}

/// `PUT /egov/login2/{id}`: the signed login text. 200 when it opens a cabinet, 403
/// `{"message"}` when not (the code stays usable until it expires).
pub async fn api2_put(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    headers: HeaderMap,
    ApiBytes(body): ApiBytes,
) -> Response {
    let lang = lang_of(&headers);
    let found = match authorised(&state, &id, &headers).await {
        Ok(found) => found,
        Err((status, code)) => return message(status, code, lang),
    };
    let outcome = match returned_cms(&body) {
        None => Err(ErrorCode::SignatureInvalid),
        Some(cms) => account_of(&state, &cms, &found.text).await,
    };
    let recorded = state
        .db
        .call(move |conn| match outcome {
            Ok(account_id) => Ok(if qr_logins::sign(conn, &id, account_id, now())? {
                Ok(())
            } else {
                Err(ErrorCode::SigningDone)
            }),
            Err(code) => {
                qr_logins::reject(conn, &id, code)?;
                Ok(Err(code))
            }
        })
        .await;
    match recorded {
        Ok(Ok(())) => (StatusCode::OK, Json(json!({ "message": "success" }))).into_response(),
        Ok(Err(code)) => message(StatusCode::FORBIDDEN, code, lang),
        Err(_) => message(StatusCode::INTERNAL_SERVER_ERROR, ErrorCode::Internal, lang),
    }
}
