//! Commands of the front door: registration, login by e-mail code and EDS, recovery, the
//! profile's contacts and the local mailbox. Each calls the client crate.

use homeportal_client::front_door;
use homeportal_domain::access::{
    CodeSent, CodesSent, ConfirmCodes, ContactChange, ContactConfirm, EmailCodeRequest,
    EmailLoginRequest, LocalMessage, NewPassword, ProfileChange, QrLoginPoll, QrLoginProgress,
    QrLoginView, RecoveryRequest, RecoveryStarted, RegistrationContacts, RegistrationStarted,
    ResendRequest, Step,
};
use homeportal_domain::api::Profile;
use homeportal_domain::commands::NoArgs;
use tauri::AppHandle;

use crate::error::ShellError;
use crate::Shell;

/// «Регистрация»: the AUTH key through NCALayer; what its certificate says.
pub async fn start_registration(
    shell: &Shell,
    _: &AppHandle,
    _: NoArgs,
) -> Result<RegistrationStarted, ShellError> {
    Ok(front_door::start_registration(shell.desktop()?).await?)
}

/// Contacts, «Я не робот» and the licence signed through NCALayer; the codes go out.
pub async fn submit_registration_contacts(
    shell: &Shell,
    _: &AppHandle,
    request: RegistrationContacts,
) -> Result<CodesSent, ShellError> {
    Ok(front_door::registration_contacts(shell.desktop()?, &request).await?)
}

/// A code to a changed (or the same) contact of the registration.
pub async fn resend_registration_code(
    shell: &Shell,
    _: &AppHandle,
    request: Step<ResendRequest>,
) -> Result<CodesSent, ShellError> {
    Ok(front_door::resend_registration_code(shell.desktop()?, &request).await?)
}

/// Both codes of the registration.
pub async fn confirm_registration(
    shell: &Shell,
    _: &AppHandle,
    request: Step<ConfirmCodes>,
) -> Result<(), ShellError> {
    Ok(front_door::confirm_registration(shell.desktop()?, &request).await?)
}

/// «Завершить регистрацию»: the cabinet is created and this computer signed in.
pub async fn complete_registration(
    shell: &Shell,
    _: &AppHandle,
    request: Step<NewPassword>,
) -> Result<Profile, ShellError> {
    Ok(front_door::complete_registration(shell.desktop()?, &request).await?)
}

/// «Получить разовый код».
pub async fn request_email_code(
    shell: &Shell,
    _: &AppHandle,
    request: EmailCodeRequest,
) -> Result<CodeSent, ShellError> {
    Ok(front_door::request_email_code(shell.desktop()?, &request).await?)
}

/// Login by e-mail and its code.
pub async fn login_by_email(
    shell: &Shell,
    _: &AppHandle,
    request: EmailLoginRequest,
) -> Result<Profile, ShellError> {
    Ok(front_door::login_by_email(shell.desktop()?, &request).await?)
}

/// Login by the registered AUTH key, through NCALayer.
pub async fn login_by_eds(shell: &Shell, _: &AppHandle, _: NoArgs) -> Result<Profile, ShellError> {
    Ok(front_door::login_by_eds(shell.desktop()?).await?)
}

/// A QR code to log in with eGov Business.
pub async fn start_qr_login(
    shell: &Shell,
    _: &AppHandle,
    _: NoArgs,
) -> Result<QrLoginView, ShellError> {
    Ok(front_door::start_qr_login(shell.desktop()?).await?)
}

/// How a QR login stands; signed in once the phone signed.
pub async fn qr_login_status(
    shell: &Shell,
    _: &AppHandle,
    request: Step<QrLoginPoll>,
) -> Result<QrLoginProgress, ShellError> {
    Ok(front_door::qr_login_status(shell.desktop()?, &request).await?)
}

/// «Забыли пароль?» by codes.
pub async fn start_recovery(
    shell: &Shell,
    _: &AppHandle,
    request: RecoveryRequest,
) -> Result<RecoveryStarted, ShellError> {
    Ok(front_door::start_recovery(shell.desktop()?, &request).await?)
}

/// «Забыли пароль?» proven by EDS.
pub async fn start_recovery_by_eds(
    shell: &Shell,
    _: &AppHandle,
    _: NoArgs,
) -> Result<RecoveryStarted, ShellError> {
    Ok(front_door::start_recovery_by_eds(shell.desktop()?).await?)
}

/// Both codes of a recovery.
pub async fn confirm_recovery(
    shell: &Shell,
    _: &AppHandle,
    request: Step<ConfirmCodes>,
) -> Result<(), ShellError> {
    Ok(front_door::confirm_recovery(shell.desktop()?, &request).await?)
}

/// The new password of a recovery.
pub async fn complete_recovery(
    shell: &Shell,
    _: &AppHandle,
    request: Step<NewPassword>,
) -> Result<(), ShellError> {
    Ok(front_door::complete_recovery(shell.desktop()?, &request).await?)
}

/// A code to a new e-mail or phone of the profile.
pub async fn change_contact(
    shell: &Shell,
    _: &AppHandle,
    request: ContactChange,
) -> Result<CodeSent, ShellError> {
    Ok(front_door::change_contact(shell.desktop()?, &request).await?)
}

/// The code that makes the new contact the profile's.
pub async fn confirm_contact(
    shell: &Shell,
    _: &AppHandle,
    request: ContactConfirm,
) -> Result<Profile, ShellError> {
    Ok(front_door::confirm_contact(shell.desktop()?, &request).await?)
}

/// Who changed the profile's contacts.
pub async fn profile_history(
    shell: &Shell,
    _: &AppHandle,
    _: NoArgs,
) -> Result<Vec<ProfileChange>, ShellError> {
    Ok(front_door::profile_history(shell.desktop()?).await?)
}

/// What the embedded server sent (local mode).
pub async fn local_mailbox(
    shell: &Shell,
    _: &AppHandle,
    _: NoArgs,
) -> Result<Vec<LocalMessage>, ShellError> {
    Ok(front_door::local_mailbox(shell.desktop()?).await?)
}
