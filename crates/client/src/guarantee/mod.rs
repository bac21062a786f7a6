//! The guarantee route from this computer: «Поиск» of the developer, its invitation, accepting
//! one as the developer (signed through NCALayer), and the УК's steps — moderation, a new
//! version after remarks, and «Подписать заявку» over the digest of exactly what the server
//! holds. Each step first brings the draft in sync, so what is signed is what is sent.

use base64::Engine;
use homeportal_domain::api::DocumentInfo;
use homeportal_domain::applications::DraftView;
use homeportal_domain::events::{AppEvent, DataKind};
use homeportal_domain::guarantee::consents::{ConsentTemplate, FormConsent, FormConsentRequest};
use homeportal_domain::guarantee::{
    digest, InvitationAccepted, InvitationSent, InvitationView, Organisation, SubmissionQrRequest,
};
use homeportal_domain::ids::Bin;
use homeportal_domain::signing::{QrState, QrStatus, QrView};
use homeportal_domain::sync::ServerApplication;

use crate::api::Step;
use crate::error::{ClientError, Result};
use crate::signing::{ncalayer, ncalayer_config, SignOrder, SIGN_KEY};
use crate::store::drafts::{self, DraftRecord};
use crate::store::outbox;
use crate::Desktop;

/// The rule a step breaks while the draft's edits have not reached the server.
pub const NOT_SYNCED: &str = "rule.draft.not_synced";

fn not_synced() -> ClientError {
    ClientError::Invalid(vec![("draft".into(), NOT_SYNCED.into())])
}

/// «Поиск»: the organisation with the БИН typed (checked here first).
pub async fn find_organisation(desktop: &Desktop, bin: &str) -> Result<Organisation> {
    let bin = Bin::parse(bin)
        .map_err(|rule| ClientError::Invalid(vec![("developer.bin".into(), rule.key.into())]))?;
    let (api, _) = desktop.signed_in()?;
    api.organisation(&bin.as_string()).await
}

/// Draft `id` once every edit of it has reached the server: its server id, version and record.
async fn synced(desktop: &Desktop, id: i64) -> Result<(i64, i64, DraftRecord)> {
    crate::sync::sync_now(desktop).await?;
    let scope = desktop.scope()?;
    let (record, queued) = desktop
        .store()
        .transaction(|tx| Ok((drafts::get(tx, &scope, id)?, outbox::has_pending(tx, id)?)))?;
    let record = record.filter(|d| !d.deleted).ok_or(ClientError::NotFound)?;
    match (&record.base, record.server_id) {
        (Some(base), Some(server_id))
            if !queued && record.conflict.is_none() && base.data == record.data =>
        {
            Ok((server_id, base.version, record))
        }
        _ => Err(not_synced()),
    }
}

/// Keeps what the server answered to a step and tells every screen.
fn took(desktop: &Desktop, id: i64, application: &ServerApplication) -> Result<DraftView> {
    desktop
        .store()
        .transaction(|tx| drafts::set_base(tx, id, application))?;
    desktop
        .events()
        .publish(AppEvent::DataChanged(DataKind::Applications));
    crate::applications::open(desktop, id)
}

/// «Отправить электронное уведомление» to the developer draft `id` names.
pub async fn invite_developer(desktop: &Desktop, id: i64) -> Result<InvitationSent> {
    let (server_id, _, _) = synced(desktop, id).await?;
    let (api, _) = desktop.signed_in()?;
    let sent = api.invite_developer(server_id).await?;
    crate::sync::sync_now(desktop).await?;
    Ok(sent)
}

/// The invitation with `code`, as the developer reads it before confirming.
pub async fn open_invitation(desktop: &Desktop, code: &str) -> Result<InvitationView> {
    let (api, _) = desktop.signed_in()?;
    api.invitation(code.trim()).await
}

/// Signs `text` through NCALayer with a SIGN key of the signed-in organisation; base64 CMS.
async fn sign_text(desktop: &Desktop, text: &str) -> Result<String> {
    let (_, session) = desktop.signed_in()?;
    let data = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    let bin = session.profile.bin.as_string();
    let order = SignOrder {
        data: &data,
        bin: Some(&bin),
        ext_key_usage: &[SIGN_KEY],
        attached: false,
    };
    ncalayer::sign_cms(&ncalayer_config(desktop), &order, desktop.lang()).await
}

/// Confirms the invitation with `code` by the organisation's EDS; the shared applications
/// arrive with the next sync round, started at once.
pub async fn accept_invitation(desktop: &Desktop, code: &str) -> Result<InvitationAccepted> {
    let (api, _) = desktop.signed_in()?;
    let code = code.trim();
    let view = api.invitation(code).await?;
    let cms = sign_text(desktop, &view.text).await?;
    let accepted = api.accept_invitation(code, cms).await?;
    crate::sync::sync_now(desktop).await?;
    desktop
        .events()
        .publish(AppEvent::DataChanged(DataKind::Applications));
    Ok(accepted)
}

/// «Отправить на модерацию».
pub async fn send_to_moderation(desktop: &Desktop, id: i64) -> Result<DraftView> {
    let (server_id, version, _) = synced(desktop, id).await?;
    let (api, _) = desktop.signed_in()?;
    let application = api
        .application_step(Step::Moderation, server_id, version)
        .await?;
    took(desktop, id, &application)
}

/// A new version after moderation remarks.
pub async fn new_version(desktop: &Desktop, id: i64) -> Result<DraftView> {
    let (server_id, version, _) = synced(desktop, id).await?;
    let (api, _) = desktop.signed_in()?;
    let application = api
        .application_step(Step::NewVersion, server_id, version)
        .await?;
    took(desktop, id, &application)
}

/// «Подписать заявку»: the digest of the server's copy (the same as this one once in sync),
/// signed through NCALayer and sent.
pub async fn sign_application(desktop: &Desktop, id: i64) -> Result<DraftView> {
    let (server_id, version, record) = synced(desktop, id).await?;
    let owner = record.owner.ok_or_else(not_synced)?;
    let text = digest::text(
        digest::Subject {
            id: server_id,
            kind: record.kind,
            owner: &owner,
            developer: record.developer.as_ref(),
        },
        &record.data,
    );
    let cms = sign_text(desktop, &text).await?;
    let (api, _) = desktop.signed_in()?;
    let application = api.submit_application(server_id, version, cms).await?;
    took(desktop, id, &application)
}

/// КЖК's catalogue of formed consents.
pub async fn consent_catalogue(desktop: &Desktop) -> Result<Vec<ConsentTemplate>> {
    let (api, _) = desktop.signed_in()?;
    api.consent_catalogue().await
}

/// «Сформировать согласие» for draft `request.draft_id`: the PDF lands in the organisation's
/// documents under the draft's consent slot, and the draft's document fields pick it up.
pub async fn form_consent(desktop: &Desktop, request: &FormConsentRequest) -> Result<DocumentInfo> {
    let (api, _) = desktop.signed_in()?;
    let form = FormConsent {
        slot: format!("app{}-{}", request.draft_id, request.source.slot()),
        source: request.source.clone(),
    };
    let document = api.form_consent(&form).await?;
    desktop
        .events()
        .publish(AppEvent::DataChanged(DataKind::Documents));
    Ok(document)
}

/// «Подписать заявку» by eGov QR: a session for the draft's version on the server (in sync
/// first), with its code drawn.
pub async fn start_qr_submission(desktop: &Desktop, id: i64) -> Result<QrView> {
    let (server_id, version, _) = synced(desktop, id).await?;
    let (api, _) = desktop.signed_in()?;
    let qr = api.start_submission_qr(server_id, version).await?;
    let image = crate::signing::qr::data_url(&qr.qr_text, crate::signing::QR_SIZE)?;
    Ok(QrView {
        session_id: qr.id,
        qr_text: qr.qr_text,
        image,
        expires_in: qr.expires_in,
    })
}

/// How a QR submission stands; once the phone signed, the sent application is pulled at once.
pub async fn qr_submission_status(
    desktop: &Desktop,
    request: &SubmissionQrRequest,
) -> Result<QrStatus> {
    let scope = desktop.scope()?;
    let server_id = desktop
        .store()
        .transaction(|tx| drafts::get(tx, &scope, request.draft_id))?
        .and_then(|d| d.server_id)
        .ok_or(ClientError::NotFound)?;
    let (api, _) = desktop.signed_in()?;
    let status = api
        .submission_qr_status(server_id, &request.session_id)
        .await?;
    if status.state == QrState::Signed {
        crate::sync::sync_now(desktop).await?;
        desktop
            .events()
            .publish(AppEvent::DataChanged(DataKind::Applications));
    }
    Ok(status)
}
