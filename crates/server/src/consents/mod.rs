//! Consents (R5.9): КЖК's catalogue of formed consents, and «Сформировать согласие», which
//! renders a consent with the organisation's name and БИН as a PDF and files it among the
//! organisation's documents under the application's consent slot, to be viewed and signed
//! like any document.

mod pdf;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use homeportal_domain::api::DocumentInfo;
use homeportal_domain::forms::guarantee::GUARANTEE;
use homeportal_domain::guarantee::consents::{paths, ConsentSource, ConsentTemplate, FormConsent};
use homeportal_domain::{i18n, ErrorCode, Lang, RuleViolation};
use sha2::{Digest, Sha256};

use crate::error::AppError;
use crate::extract::{ApiJson, AuthSession};
use crate::repo::documents::{self, NewDocument};
use crate::repo::{accounts, consent_templates};
use crate::staff::StaffAuth;
use crate::state::AppState;
use crate::uploads::protocol::valid_slot;

/// The group of the form a not-yet-formed expertise consent is filled in.
const EXPERTISE_GROUP: &str = "expertise_consent";
/// Longest text of a catalogue consent.
const TEXT_MAX: usize = 20_000;

/// The consents routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(paths::CATALOGUE, get(catalogue))
        .route(paths::FORM, post(form))
        .route(paths::STAFF_CATALOGUE, post(upsert))
}

/// `GET /api/v1/consents`.
async fn catalogue(
    State(state): State<AppState>,
    _session: AuthSession,
) -> Result<Json<Vec<ConsentTemplate>>, AppError> {
    Ok(Json(state.db.read(consent_templates::all).await?))
}

/// Title and paragraphs of an expertise consent, its block checked by the form's rules.
fn expertise(
    block: &std::collections::BTreeMap<String, String>,
) -> Result<(String, Vec<String>), AppError> {
    let fields: Vec<_> = GUARANTEE
        .fields()
        .filter(|(group, _)| group.id == EXPERTISE_GROUP)
        .map(|(_, field)| field)
        .collect();
    let mut problems = Vec::new();
    for field in &fields {
        let value = block.get(field.id).map_or("", |v| v.trim());
        if value.is_empty() {
            if field.required {
                problems.push((field.id.to_owned(), RuleViolation::new("rule.required")));
            }
        } else if let Err(rule) = field.rule.check(value) {
            problems.push((field.id.to_owned(), rule));
        }
    }
    if !problems.is_empty() {
        return Err(AppError::Validation(problems));
    }
    let value = |id: &str| block.get(id).map_or("", |v| v.trim());
    let title = i18n::text(Lang::Ru, "group.expertise_consent").to_owned();
    let lines = fields
        .iter()
        .map(|field| {
            let shown = match value(field.id) {
                choice if choice.starts_with("choice.") => i18n::text(Lang::Ru, choice),
                plain => plain,
            };
            format!("{}: {shown}", i18n::text(Lang::Ru, field.label))
        })
        .collect();
    Ok((title, lines))
}

/// `POST /api/v1/consents/form`: the consent as a PDF, filed under `slot`.
async fn form(
    State(state): State<AppState>,
    session: AuthSession,
    ApiJson(request): ApiJson<FormConsent>,
) -> Result<(StatusCode, Json<DocumentInfo>), AppError> {
    if !valid_slot(&request.slot) {
        return Err(AppError::field(
            "slot",
            RuleViolation::new("rule.text.characters"),
        ));
    }
    let account_id = session.account_id;
    let profile = state
        .db
        .read(move |conn| accounts::profile(conn, account_id))
        .await?;
    let (title, mut paragraphs) = match &request.source {
        ConsentSource::Catalogue { code } => {
            let code = code.clone();
            let template = state
                .db
                .read(move |conn| consent_templates::one(conn, &code))
                .await?
                .ok_or(AppError::Code(ErrorCode::NotFound))?;
            (template.title, vec![template.text])
        }
        ConsentSource::Expertise { block } => expertise(block)?,
    };
    paragraphs.insert(
        0,
        format!(
            "Организация: {}, БИН {}",
            profile.org_name,
            profile.bin.as_string()
        ),
    );
    paragraphs.push(format!(
        "Дата формирования: {}",
        homeportal_domain::calendar::to_almaty(
            chrono::DateTime::from_timestamp(state.now(), 0).unwrap_or_default()
        )
        .format("%d.%m.%Y")
    ));
    let rendered = {
        let (title, paragraphs) = (title.clone(), paragraphs);
        tokio::task::spawn_blocking(move || pdf::render(&title, &paragraphs))
            .await
            .map_err(|e| AppError::internal(format!("consent task: {e}")))??
    };
    let sha256 = hex::encode(Sha256::digest(&rendered));
    let size = rendered.len() as u64;
    let staging = state.uploads_dir.join(format!("consent-{sha256}.pdf"));
    let io = |e: std::io::Error| AppError::internal(format!("consent file: {e}"));
    tokio::fs::create_dir_all(&state.uploads_dir)
        .await
        .map_err(io)?;
    tokio::fs::write(&staging, &rendered).await.map_err(io)?;
    let (blobs, blob_sha) = (state.blobs.clone(), sha256.clone());
    tokio::task::spawn_blocking(move || blobs.put(&blob_sha, &staging))
        .await
        .map_err(|e| AppError::internal(format!("blob task: {e}")))?
        .map_err(io)?;
    let file_name = format!("{title}.pdf");
    let now = state.now();
    let slot = request.slot;
    let document = state
        .db
        .call(move |conn| {
            let id = documents::insert(
                conn,
                &NewDocument {
                    account_id,
                    slot: &slot,
                    file_name: &file_name,
                    size,
                    mime: "application/pdf",
                    sha256: &sha256,
                },
                now,
            )?;
            documents::one(conn, account_id, id)?.ok_or(AppError::Code(ErrorCode::NotFound))
        })
        .await?;
    tracing::info!(document = document.id, "consent formed");
    Ok((StatusCode::CREATED, Json(document)))
}

/// `POST /staff/v1/consents` (administrator): adds a formed consent or replaces one.
async fn upsert(
    State(state): State<AppState>,
    StaffAuth(staff): StaffAuth,
    ApiJson(consent): ApiJson<ConsentTemplate>,
) -> Result<Json<ConsentTemplate>, AppError> {
    if !(staff.role.moderates() && staff.role.registers()) {
        return Err(AppError::Code(ErrorCode::OtherParty));
    }
    let valid_code = (1..=40).contains(&consent.code.len())
        && consent
            .code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if !valid_code {
        return Err(AppError::field(
            "code",
            RuleViolation::new("rule.text.characters"),
        ));
    }
    for (field, text, max) in [
        ("title", &consent.title, 300),
        ("text", &consent.text, TEXT_MAX),
    ] {
        if text.trim().is_empty() {
            return Err(AppError::field(field, RuleViolation::new("rule.required")));
        }
        if text.chars().count() > max {
            return Err(AppError::field(
                field,
                RuleViolation::new("rule.text.too_long"),
            ));
        }
    }
    let now = state.now();
    let stored = consent.clone();
    state
        .db
        .call(move |conn| consent_templates::upsert(conn, &stored, now))
        .await?;
    Ok(Json(consent))
}
