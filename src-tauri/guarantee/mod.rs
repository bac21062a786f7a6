//! Commands of the guarantee route: «Поиск», the developer's invitation, and the УК's steps.

use homeportal_client::guarantee;
use homeportal_domain::api::DocumentInfo;
use homeportal_domain::applications::{DraftIdRequest, DraftView};
use homeportal_domain::commands::NoArgs;
use homeportal_domain::guarantee::consents::{ConsentTemplate, FormConsentRequest};
use homeportal_domain::guarantee::SubmissionQrRequest;
use homeportal_domain::guarantee::{
    FindOrganisationRequest, InvitationAccepted, InvitationCodeRequest, InvitationSent,
    InvitationView, Organisation,
};
use homeportal_domain::signing::{QrStatus, QrView};
use tauri::AppHandle;

use crate::error::ShellError;
use crate::Shell;

/// «Поиск» of an organisation by БИН.
pub async fn find_organisation(
    shell: &Shell,
    _: &AppHandle,
    request: FindOrganisationRequest,
) -> Result<Organisation, ShellError> {
    Ok(guarantee::find_organisation(shell.desktop()?, &request.bin).await?)
}

/// «Отправить электронное уведомление».
pub async fn invite_developer(
    shell: &Shell,
    _: &AppHandle,
    request: DraftIdRequest,
) -> Result<InvitationSent, ShellError> {
    Ok(guarantee::invite_developer(shell.desktop()?, request.id).await?)
}

/// An invitation by its code.
pub async fn open_invitation(
    shell: &Shell,
    _: &AppHandle,
    request: InvitationCodeRequest,
) -> Result<InvitationView, ShellError> {
    Ok(guarantee::open_invitation(shell.desktop()?, &request.code).await?)
}

/// Confirms an invitation with the organisation's EDS.
pub async fn confirm_invitation(
    shell: &Shell,
    _: &AppHandle,
    request: InvitationCodeRequest,
) -> Result<InvitationAccepted, ShellError> {
    Ok(guarantee::accept_invitation(shell.desktop()?, &request.code).await?)
}

/// «Отправить на модерацию».
pub async fn send_to_moderation(
    shell: &Shell,
    _: &AppHandle,
    request: DraftIdRequest,
) -> Result<DraftView, ShellError> {
    Ok(guarantee::send_to_moderation(shell.desktop()?, request.id).await?)
}

/// «Подписать заявку».
pub async fn sign_application(
    shell: &Shell,
    _: &AppHandle,
    request: DraftIdRequest,
) -> Result<DraftView, ShellError> {
    Ok(guarantee::sign_application(shell.desktop()?, request.id).await?)
}

/// A new version after moderation remarks.
pub async fn new_version(
    shell: &Shell,
    _: &AppHandle,
    request: DraftIdRequest,
) -> Result<DraftView, ShellError> {
    Ok(guarantee::new_version(shell.desktop()?, request.id).await?)
}

/// КЖК's catalogue of formed consents.
pub async fn consent_catalogue(
    shell: &Shell,
    _: &AppHandle,
    _: NoArgs,
) -> Result<Vec<ConsentTemplate>, ShellError> {
    Ok(guarantee::consent_catalogue(shell.desktop()?).await?)
}

/// «Сформировать согласие».
pub async fn form_consent(
    shell: &Shell,
    _: &AppHandle,
    request: FormConsentRequest,
) -> Result<DocumentInfo, ShellError> {
    Ok(guarantee::form_consent(shell.desktop()?, &request).await?)
}

/// «Подписать заявку» by eGov QR: the session and its code.
pub async fn start_qr_submission(
    shell: &Shell,
    _: &AppHandle,
    request: DraftIdRequest,
) -> Result<QrView, ShellError> {
    Ok(guarantee::start_qr_submission(shell.desktop()?, request.id).await?)
}

/// How a QR submission stands.
pub async fn qr_submission_status(
    shell: &Shell,
    _: &AppHandle,
    request: SubmissionQrRequest,
) -> Result<QrStatus, ShellError> {
    Ok(guarantee::qr_submission_status(shell.desktop()?, &request).await?)
}
