//! «Подписать заявку» by eGov QR: the УК opens a session for the application's current version;
//! eGov mobile reads API №1, fetches the digest text from API №2 and PUTs it back signed; the
//! signature is verified against the server's own digest of that version and the application is
//! sent in the same transaction. The desktop polls the session.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::Engine;
use homeportal_domain::guarantee::paths;
use homeportal_domain::signing::{QrSession, QrState, QrStatus};
use homeportal_domain::{ErrorBody, ErrorCode, Lang};
use homeportal_pki::Policy;
use serde_json::{json, Value};

use super::route::{record_submission, to_sign, ToSign};
use crate::applications::preconditions;
use crate::error::AppError;
use crate::extract::{ApiBytes, ApiPath, AuthSession};
use crate::repo::accounts;
use crate::repo::submission_qr::{self, SubmissionQr};
use crate::signing::egov::{api1_answer, bearer_matches, lang_of, message, random, returned_cms};
use crate::signing::verdict;
use crate::state::AppState;

/// `POST /api/v1/applications/{id}/submission/qr` (`If-Match`).
pub async fn start(
    State(state): State<AppState>,
    session: AuthSession,
    ApiPath(id): ApiPath<i64>,
    headers: HeaderMap,
) -> Result<Json<QrSession>, AppError> {
    let version = preconditions::if_match(&headers)?;
    let account_id = session.account_id;
    let now = state.now();
    let ttl = i64::from(state.config.qr_ttl_seconds);
    let session_id = random(16);
    let stored_id = session_id.clone();
    state
        .db
        .call(move |conn| {
            let (bin, _) = accounts::actor(conn, account_id)?;
            // Refused now, not on the phone, if the application cannot be signed.
            to_sign(conn, &bin, id, version)?;
            let session = SubmissionQr {
                token: random(32),
                account_id,
                application_id: id,
                version,
                expires_at: now + ttl,
                state: "open".into(),
                error_code: None,
            };
            submission_qr::insert(conn, &stored_id, &session, now)
        })
        .await?;
    let api1 = format!(
        "{}{}",
        state.public_url,
        paths::of_session(paths::EGOV_SUBMIT1, &session_id)
    );
    Ok(Json(QrSession {
        id: session_id,
        qr_text: format!("mobileSign:{api1}"),
        expires_at: chrono::DateTime::from_timestamp(now + ttl, 0)
            .map(|t| t.to_rfc3339())
            .unwrap_or_default(),
        expires_in: ttl as u64,
    }))
}

async fn load(state: &AppState, id: &str) -> Result<Option<SubmissionQr>, AppError> {
    let id = id.to_owned();
    state
        .db
        .read(move |conn| submission_qr::find(conn, &id))
        .await
}

/// `GET /api/v1/applications/{id}/submission/qr/{session}`.
pub async fn status(
    State(state): State<AppState>,
    session: AuthSession,
    Path((id, session_id)): Path<(i64, String)>,
    headers: HeaderMap,
) -> Result<Json<QrStatus>, AppError> {
    let found = load(&state, &session_id)
        .await?
        .filter(|s| s.account_id == session.account_id && s.application_id == id)
        .ok_or(AppError::Code(ErrorCode::NotFound))?;
    let left = (found.expires_at - state.now()).max(0) as u64;
    let qr_state = match found.state.as_str() {
        "signed" => QrState::Signed,
        _ if left == 0 => QrState::Expired,
        "rejected" => QrState::Rejected,
        _ => QrState::Pending,
    };
    let error = found
        .error_code
        .as_deref()
        .and_then(|c| serde_json::from_value::<ErrorCode>(Value::String(c.to_owned())).ok())
        .map(|code| ErrorBody::new(code, lang_of(&headers)));
    Ok(Json(QrStatus {
        state: qr_state,
        expires_in: if qr_state == QrState::Signed { 0 } else { left },
        signature: None,
        error,
    }))
}

/// The session the phone names, if it can still be signed, with its bearer token checked.
async fn usable(
    state: &AppState,
    id: &str,
    headers: Option<&HeaderMap>,
) -> Result<SubmissionQr, (StatusCode, ErrorCode)> {
    let found = load(state, id)
        .await
        .map_err(|_| (StatusCode::INTERNAL_SERVER_ERROR, ErrorCode::Internal))?
        .ok_or((StatusCode::NOT_FOUND, ErrorCode::NotFound))?;
    if found.state == "signed" {
        return Err((StatusCode::FORBIDDEN, ErrorCode::SigningDone));
    }
    if found.expires_at <= state.now() {
        return Err((StatusCode::FORBIDDEN, ErrorCode::SigningExpired));
    }
    if headers.is_some_and(|h| !bearer_matches(h, &found.token)) {
        return Err((StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized));
    }
    Ok(found)
}

/// `GET /egov/submit1/{session}`: what the phone shows, and where the digest is.
pub async fn api1(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    headers: HeaderMap,
) -> Response {
    let lang = lang_of(&headers);
    let session = match usable(&state, &id, None).await {
        Ok(session) => session,
        Err((status, code)) => return message(status, code, lang),
    };
    let description = match lang {
        Lang::Kk => "АО «КЖК» кабинетінде кепілдік беру туралы өтінімге қол қою",
        Lang::En => "Signing a guarantee application in the KZhK cabinet",
        Lang::Ru => "Подписание заявки на гарантирование в кабинете АО «КЖК»",
    };
    api1_answer(
        &state,
        description,
        session.expires_at,
        &paths::of_session(paths::EGOV_SUBMIT2, &id),
        &session.token,
    )
}

/// The digest of the session's application version, as the УК's account sees it.
async fn digest_of(state: &AppState, session: &SubmissionQr) -> Result<ToSign, ErrorCode> {
    let (account_id, id, version) = (session.account_id, session.application_id, session.version);
    state
        .db
        .read(move |conn| {
            let (bin, _) = accounts::actor(conn, account_id)?;
            to_sign(conn, &bin, id, version)
        })
        .await
        .map_err(|e| match e {
            AppError::Code(code) => code,
            AppError::Stale(_) => ErrorCode::SignatureOtherDocument,
            _ => ErrorCode::WrongStatus,
        })
}

/// `GET /egov/submit2/{session}` (Bearer token from API №1): the digest text to sign.
pub async fn api2(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    headers: HeaderMap,
) -> Response {
    let lang = lang_of(&headers);
    let session = match usable(&state, &id, Some(&headers)).await {
        Ok(session) => session,
        Err((status, code)) => return message(status, code, lang),
    };
    match digest_of(&state, &session).await {
        Ok(signed) => Json(json!({
            "signMethod": "CMS_SIGN_ONLY",
            "version": 1,
            "documentsToSign": [{
                "id": 1,
                "nameRu": format!("Заявка № {}", session.application_id),
                "nameKz": format!("№ {} өтінім", session.application_id),
                "nameEn": format!("Application No. {}", session.application_id),
                "meta": [{ "name": "SHA-256", "value": signed.content_sha256 }],
                "document": { "file": {
                    "mime": "text/plain",
                    "data": base64::engine::general_purpose::STANDARD.encode(&signed.text),
                } }
            }]
        }))
        .into_response(),
        Err(code) => message(StatusCode::FORBIDDEN, code, lang),
    }
}

/// `PUT /egov/submit2/{session}`: the signed digest; 200 once the application is sent, 403
/// `{"message"}` otherwise (the session stays open for another try until it expires).
pub async fn api2_put(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    headers: HeaderMap,
    ApiBytes(body): ApiBytes,
) -> Response {
    let lang = lang_of(&headers);
    let session = match usable(&state, &id, Some(&headers)).await {
        Ok(session) => session,
        Err((status, code)) => return message(status, code, lang),
    };
    let now = state.now();
    let verified = match (returned_cms(&body), digest_of(&state, &session).await) {
        (None, _) => Err(ErrorCode::SignatureInvalid),
        (_, Err(code)) => Err(code),
        (Some(cms), Ok(signed)) => verdict::check_act(
            &state.verifier,
            &cms,
            signed.text.as_bytes(),
            &Policy::act_of(signed.application.owner),
            now,
        )
        .map(|verified| (verified, cms, signed)),
    };
    let account_id = session.account_id;
    let session_id = id.clone();
    let outcome = state
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            let result = match &verified {
                Ok((verified, cms, signed)) => {
                    if submission_qr::claim(&tx, &session_id)? {
                        let (bin, actor) = accounts::actor(&tx, account_id)?;
                        match record_submission(&tx, &actor, &bin, signed, verified, cms, now) {
                            Ok(_) => Ok(()),
                            Err(AppError::Stale(_)) => Err(ErrorCode::SignatureOtherDocument),
                            Err(AppError::Code(code)) => Err(code),
                            Err(other) => return Err(other),
                        }
                    } else {
                        Err(ErrorCode::SigningDone)
                    }
                }
                Err(code) => Err(*code),
            };
            match result {
                Ok(()) => tx.commit()?,
                Err(code) => {
                    drop(tx);
                    submission_qr::mark_rejected(conn, &session_id, code)?;
                }
            }
            Ok(result)
        })
        .await;
    match outcome {
        Ok(Ok(())) => {
            tracing::info!(session = %id, "application signed and sent (eGov QR)");
            (StatusCode::OK, Json(json!({ "message": "success" }))).into_response()
        }
        Ok(Err(code)) => message(StatusCode::FORBIDDEN, code, lang),
        Err(_) => message(StatusCode::INTERNAL_SERVER_ERROR, ErrorCode::Internal, lang),
    }
}
