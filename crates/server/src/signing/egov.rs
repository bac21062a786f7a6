//! eGov Business / eGov mobile QR signing. The cabinet opens a session and shows
//! `mobileSign:<API №1>` as a QR code; the phone reads API №1 (what, until when, who asks, where
//! the documents are and the token), fetches API №2 (the manifest to sign, CMS_SIGN_ONLY), and
//! PUTs it back with the signature, which is verified here: 200 or 403 `{"message"}`. The
//! cabinet polls the session. Sessions are single use and expire (10 minutes by default).

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::Engine;
use homeportal_domain::signing::{
    path_with_id, paths, QrRequest, QrSession, QrState, QrStatus, SigningMethod,
};
use homeportal_domain::{ErrorBody, ErrorCode, Lang};
use homeportal_pki::Policy;
use rand::RngCore;
use serde_json::{json, Value};

use super::acts::manifest_of;
use super::manifest::Manifest;
use super::verdict;
use crate::error::AppError;
use crate::extract::{ApiBytes, ApiJson, ApiPath, AuthSession};
use crate::repo::qr_sessions::{self, NewSession, Session};
use crate::repo::signatures::{self, Accepted};
use crate::state::{now, AppState};

pub(crate) fn random(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::thread_rng().fill_bytes(&mut buf);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf)
}

pub(crate) fn lang_of(headers: &HeaderMap) -> Lang {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::from_accept_language)
        .unwrap_or_default()
}

/// What eGov mobile shows for an error: `{"message": "<localized text>"}`.
pub(crate) fn message(status: StatusCode, code: ErrorCode, lang: Lang) -> Response {
    (status, Json(json!({ "message": code.message(lang) }))).into_response()
}

async fn load(state: &AppState, id: &str) -> Result<Option<Session>, AppError> {
    let id = id.to_owned();
    state
        .db
        .read(move |conn| qr_sessions::find(conn, &id))
        .await
}

pub(crate) fn iso_millis(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
        .unwrap_or_default()
}

/// `POST /api/v1/signing/qr`: opens a session for one of the organisation's documents.
pub async fn create_session(
    State(state): State<AppState>,
    session: AuthSession,
    ApiJson(request): ApiJson<QrRequest>,
) -> Result<Json<QrSession>, AppError> {
    // The document must be the caller's.
    manifest_of(&state, session.account_id, request.document_id).await?;
    let id = random(16);
    let token = random(32);
    let created = now();
    let ttl = i64::from(state.config.qr_ttl_seconds);
    let expires_at = created + ttl;
    let new = NewSession {
        id: id.clone(),
        token,
        account_id: session.account_id,
        document_id: request.document_id,
        created_at: created,
        expires_at,
    };
    state
        .db
        .call(move |conn| qr_sessions::insert(conn, &new))
        .await?;
    let api1 = format!(
        "{}{}",
        state.public_url,
        path_with_id(paths::EGOV_API1, &id)
    );
    Ok(Json(QrSession {
        id,
        qr_text: format!("mobileSign:{api1}"),
        expires_at: chrono::DateTime::from_timestamp(expires_at, 0)
            .map(|t| t.to_rfc3339())
            .unwrap_or_default(),
        expires_in: ttl as u64,
    }))
}

/// `GET /api/v1/signing/qr/{id}`: how the caller's session stands.
pub async fn session_status(
    State(state): State<AppState>,
    session: AuthSession,
    ApiPath(id): ApiPath<String>,
    headers: HeaderMap,
) -> Result<Json<QrStatus>, AppError> {
    let found = load(&state, &id)
        .await?
        .filter(|s| s.account_id == session.account_id)
        .ok_or(AppError::Code(ErrorCode::NotFound))?;
    let lang = lang_of(&headers);
    let left = (found.expires_at - now()).max(0) as u64;
    let signature = match found.signature_id {
        Some(signature_id) => Some(
            state
                .db
                .read(move |conn| Ok(signatures::one(conn, signature_id)?))
                .await?,
        ),
        None => None,
    };
    let error = found
        .error_code
        .as_deref()
        .and_then(|c| serde_json::from_value::<ErrorCode>(Value::String(c.to_owned())).ok())
        .map(|code| ErrorBody::new(code, lang));
    let state_now = match found.state.as_str() {
        "signed" => QrState::Signed,
        _ if left == 0 => QrState::Expired,
        "rejected" => QrState::Rejected,
        _ => QrState::Pending,
    };
    Ok(Json(QrStatus {
        state: state_now,
        expires_in: if state_now == QrState::Signed {
            0
        } else {
            left
        },
        signature,
        error,
    }))
}

/// eGov mobile's API №1 answer: what it shows (`description`, who asks, until when) and where
/// API №2 is (`api2_path`, under the public URL) with its bearer `token`.
pub(crate) fn api1_answer(
    state: &AppState,
    description: &str,
    expires_at: i64,
    api2_path: &str,
    token: &str,
) -> Response {
    let requester = &state.config.requester;
    Json(json!({
        "description": description,
        "expiry_date": iso_millis(expires_at),
        "organisation": {
            "nameRu": requester.name_ru,
            "nameKz": requester.name_kz,
            "nameEn": requester.name_en,
            "bin": requester.bin,
        },
        "document": {
            "uri": format!("{}{api2_path}", state.public_url),
            "auth_type": "Token",
            "auth_token": token,
        }
    }))
    .into_response()
}

/// Why the phone is refused: the status and the code of the message it shows.
type Refusal = (StatusCode, ErrorCode);

/// Refuses a session that is gone, expired or already signed.
fn usable(found: Option<Session>) -> Result<Session, Refusal> {
    let found = found.ok_or((StatusCode::NOT_FOUND, ErrorCode::NotFound))?;
    if found.state == "signed" {
        return Err((StatusCode::FORBIDDEN, ErrorCode::SigningDone));
    }
    if found.expires_at <= now() {
        return Err((StatusCode::FORBIDDEN, ErrorCode::SigningExpired));
    }
    Ok(found)
}

pub(crate) fn bearer_matches(headers: &HeaderMap, token: &str) -> bool {
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .unwrap_or_default();
    // Same length first, then every byte, so a wrong token costs the same whatever it shares.
    given.len() == token.len()
        && given
            .bytes()
            .zip(token.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// `GET /egov/api1/{id}`: what the phone shows before fetching the documents.
pub async fn api1(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    headers: HeaderMap,
) -> Response {
    let lang = lang_of(&headers);
    let found = match load(&state, &id).await {
        Ok(found) => found,
        Err(_) => return message(StatusCode::INTERNAL_SERVER_ERROR, ErrorCode::Internal, lang),
    };
    let session = match usable(found) {
        Ok(session) => session,
        Err((status, code)) => return message(status, code, lang),
    };
    let description = match lang {
        Lang::Kk => "АО «КЖК» кабинетіндегі ұйым құжатына қол қою",
        Lang::En => "Signing an organisation document in the KZhK cabinet",
        Lang::Ru => "Подписание документа организации в кабинете АО «КЖК»",
    };
    api1_answer(
        &state,
        description,
        session.expires_at,
        &path_with_id(paths::EGOV_API2, &id),
        &session.token,
    )
}

/// The documents to sign: the manifest, as text, to be signed as a detached CMS.
fn documents_to_sign(manifest: &Manifest) -> Value {
    let file_name = &manifest.file_name;
    json!({
        "signMethod": "CMS_SIGN_ONLY",
        "version": 1,
        "documentsToSign": [{
            "id": 1,
            "nameRu": format!("Документ «{file_name}»"),
            "nameKz": format!("«{file_name}» құжаты"),
            "nameEn": format!("Document “{file_name}”"),
            "meta": [{ "name": "Файл", "value": file_name }],
            "document": { "file": {
                "mime": "text/plain",
                "data": base64::engine::general_purpose::STANDARD.encode(&manifest.text),
            } }
        }]
    })
}

async fn authorised(state: &AppState, id: &str, headers: &HeaderMap) -> Result<Session, Refusal> {
    let found = load(state, id)
        .await
        .map_err(|_| (StatusCode::INTERNAL_SERVER_ERROR, ErrorCode::Internal))?;
    let session = usable(found)?;
    if !bearer_matches(headers, &session.token) {
        return Err((StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized));
    }
    Ok(session)
}

/// `GET /egov/api2/{id}` (Bearer token from API №1).
pub async fn api2(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    headers: HeaderMap,
) -> Response {
    let lang = lang_of(&headers);
    let session = match authorised(&state, &id, &headers).await {
        Ok(session) => session,
        Err((status, code)) => return message(status, code, lang),
    };
    match manifest_of(&state, session.account_id, session.document_id).await {
        Ok(manifest) => Json(documents_to_sign(&manifest)).into_response(),
        Err(_) => message(StatusCode::NOT_FOUND, ErrorCode::NotFound, lang),
    }
}

/// The base64 CMS the phone put in place of the document's data.
pub(crate) fn returned_cms(body: &[u8]) -> Option<Vec<u8>> {
    let body = serde_json::from_slice::<Value>(body).ok()?;
    let documents = body.get("documentsToSign")?.as_array()?;
    let document = documents.iter().find(|d| d.get("id") == Some(&json!(1)))?;
    let data = document.pointer("/document/file/data")?.as_str()?;
    base64::engine::general_purpose::STANDARD
        .decode(data.trim())
        .ok()
}

/// `PUT /egov/api2/{id}`: the signed documents. 200 when the signature is accepted, 403
/// `{"message"}` when not (the session stays open for another try until it expires).
pub async fn api2_put(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    headers: HeaderMap,
    ApiBytes(body): ApiBytes,
) -> Response {
    let lang = lang_of(&headers);
    let session = match authorised(&state, &id, &headers).await {
        Ok(session) => session,
        Err((status, code)) => return message(status, code, lang),
    };
    let outcome = match returned_cms(&body) {
        None => Err(ErrorCode::SignatureInvalid),
        Some(cms) => match manifest_of(&state, session.account_id, session.document_id).await {
            Err(_) => Err(ErrorCode::NotFound),
            Ok(manifest) => verdict::check_act(
                &state.verifier,
                &cms,
                manifest.text.as_bytes(),
                &Policy::act_of(manifest.bin),
                now(),
            )
            .map(|verified| (verified, cms, manifest.text)),
        },
    };
    let (account_id, document_id) = (session.account_id, session.document_id);
    let recorded = state
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            let result = match &outcome {
                Ok((verified, cms, content)) => {
                    // Claimed before anything is kept: of answers racing in, one signs.
                    if qr_sessions::claim(&tx, &id, now())? {
                        let accepted = Accepted {
                            account_id,
                            document_id,
                            cms,
                            content: content.as_bytes(),
                            signer: &verified.signer,
                            signed_at: verified.signed_at,
                            method: SigningMethod::EgovQr,
                        };
                        let stored = signatures::store(&tx, &accepted, now())?;
                        qr_sessions::attach_signature(&tx, &id, stored.id)?;
                        Ok(())
                    } else {
                        Err(ErrorCode::SigningDone)
                    }
                }
                Err(code) => {
                    qr_sessions::mark_rejected(&tx, &id, *code)?;
                    Err(*code)
                }
            };
            tx.commit()?;
            Ok(result)
        })
        .await;
    match recorded {
        Ok(Ok(())) => {
            tracing::info!(document = document_id, "document signed (eGov QR)");
            (StatusCode::OK, Json(json!({ "message": "success" }))).into_response()
        }
        Ok(Err(code)) => message(StatusCode::FORBIDDEN, code, lang),
        Err(_) => message(StatusCode::INTERNAL_SERVER_ERROR, ErrorCode::Internal, lang),
    }
}
