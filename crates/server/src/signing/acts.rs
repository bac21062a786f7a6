//! Acts signed through NCALayer: the manifest to sign, a signature to verify and keep, and the
//! signatures a document has.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use base64::Engine;
use homeportal_domain::signing::{SignRequest, SignatureInfo, SigningManifest, SigningMethod};
use homeportal_domain::ErrorCode;
use homeportal_pki::Policy;

use super::manifest::Manifest;
use super::verdict;
use crate::error::AppError;
use crate::extract::{ApiJson, ApiPath, AuthSession};
use crate::repo::signatures::{self, Accepted};
use crate::repo::{accounts, documents};
use crate::state::{now, AppState};

/// The manifest of a document of the caller's organisation.
pub(crate) async fn manifest_of(
    state: &AppState,
    account_id: i64,
    document_id: i64,
) -> Result<Manifest, AppError> {
    let (document, profile) = state
        .db
        .call(move |conn| {
            let document = documents::one(conn, account_id, document_id)?
                .ok_or(AppError::Code(ErrorCode::NotFound))?;
            Ok((document, accounts::profile(conn, account_id)?))
        })
        .await?;
    Ok(Manifest::new(&profile.org_name, profile.bin, &document))
}

/// `GET /api/v1/documents/{id}/manifest`.
pub async fn manifest(
    State(state): State<AppState>,
    session: AuthSession,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<SigningManifest>, AppError> {
    let manifest = manifest_of(&state, session.account_id, id).await?;
    Ok(Json(SigningManifest {
        document_id: id,
        text: manifest.text,
    }))
}

/// `POST /api/v1/documents/{id}/signatures`: a detached (or attached) CMS over the manifest,
/// by the head or a person with signing right of the organisation, SIGN key.
pub async fn sign(
    State(state): State<AppState>,
    session: AuthSession,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<SignRequest>,
) -> Result<(StatusCode, Json<SignatureInfo>), AppError> {
    let cms = base64::engine::general_purpose::STANDARD
        .decode(request.cms.trim())
        .map_err(|_| AppError::Code(ErrorCode::SignatureInvalid))?;
    let manifest = manifest_of(&state, session.account_id, id).await?;
    let verified = verdict::check_act(
        &state.verifier,
        &cms,
        manifest.text.as_bytes(),
        &Policy::act_of(manifest.bin),
        now(),
    )
    .map_err(AppError::Code)?;
    let account_id = session.account_id;
    let stored = state
        .db
        .call(move |conn| {
            let accepted = Accepted {
                account_id,
                document_id: id,
                cms: &cms,
                content: manifest.text.as_bytes(),
                signer: &verified.signer,
                signed_at: verified.signed_at,
                method: SigningMethod::NcaLayer,
            };
            Ok(signatures::store(conn, &accepted, now())?)
        })
        .await?;
    tracing::info!(document = id, signer = %stored.signer_iin, "document signed (NCALayer)");
    Ok((StatusCode::CREATED, Json(stored)))
}

/// `GET /api/v1/documents/{id}/signatures`.
pub async fn list(
    State(state): State<AppState>,
    session: AuthSession,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<SignatureInfo>>, AppError> {
    let account_id = session.account_id;
    let document = state
        .db
        .read(move |conn| documents::one(conn, account_id, id))
        .await?
        .ok_or(AppError::Code(ErrorCode::NotFound))?;
    Ok(Json(document.signatures))
}
