//! The front door on the desktop: registration through NCALayer (the AUTH key answers the
//! server's challenge, the SIGN key signs the licence, the «Я не робот» puzzle is solved here),
//! login by e-mail code and by EDS, «Забыли пароль?», the profile's contacts, and the local
//! mailbox of the embedded server.

use base64::Engine;
use homeportal_domain::access::{
    licence, CodeSent, CodesSent, ConfirmCodes, ContactChange, ContactConfirm, ContactsRequest,
    EmailCodeRequest, EmailLoginRequest, LocalMessage, NewPassword, ProfileChange, RecoveryRequest,
    RecoveryStarted, RegistrationContacts, RegistrationStarted, ResendRequest, Step,
};
use homeportal_domain::access::{points_at_loopback, QrLoginPoll, QrLoginProgress, QrLoginView};
use homeportal_domain::api::{LoginResponse, Profile};
use homeportal_domain::ids::{Email, PhoneKz};
use homeportal_domain::signing::EdsLoginRequest;

use crate::error::{ClientError, Result};
use crate::session;
use crate::signing::{ncalayer, ncalayer_config, qr, SignOrder, AUTH_KEY, QR_SIZE, SIGN_KEY};
use crate::Desktop;

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// An AUTH signature over a fresh challenge, by a key the user picks in NCALayer.
async fn auth_proof(desktop: &Desktop) -> Result<EdsLoginRequest> {
    let challenge = desktop.api().challenge().await?;
    let order = SignOrder {
        data: &challenge.nonce,
        bin: None,
        ext_key_usage: &[AUTH_KEY],
        attached: true,
    };
    let cms = ncalayer::sign_cms(&ncalayer_config(desktop), &order, desktop.lang()).await?;
    Ok(EdsLoginRequest {
        nonce: challenge.nonce,
        cms,
    })
}

/// «Регистрация»: the organisation's AUTH key through NCALayer; what its certificate says.
pub async fn start_registration(desktop: &Desktop) -> Result<RegistrationStarted> {
    let proof = auth_proof(desktop).await?;
    desktop.api().start_registration(&proof).await
}

/// Both fields checked here first, so NCALayer is not opened for a form the server refuses.
fn check_contacts(email: &str, phone: &str) -> Result<()> {
    let mut problems = Vec::new();
    if let Err(rule) = Email::parse(email) {
        problems.push(("email".to_owned(), rule.key.to_owned()));
    }
    if let Err(rule) = PhoneKz::parse(phone) {
        problems.push(("phone".to_owned(), rule.key.to_owned()));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ClientError::Invalid(problems))
    }
}

/// The registration form's second part: the robot puzzle solved, the licence signed with the
/// organisation's SIGN key; the codes go out.
pub async fn registration_contacts(
    desktop: &Desktop,
    request: &RegistrationContacts,
) -> Result<CodesSent> {
    check_contacts(&request.email, &request.phone)?;
    let robot = request.robot.clone();
    let robot_answer = tokio::task::spawn_blocking(move || robot.solve())
        .await
        .map_err(|e| ClientError::Invalid(vec![("robot".into(), e.to_string())]))?;
    let data = b64(licence::TEXT.as_bytes());
    let order = SignOrder {
        data: &data,
        bin: Some(&request.bin),
        ext_key_usage: &[SIGN_KEY],
        attached: false,
    };
    let licence_cms = ncalayer::sign_cms(&ncalayer_config(desktop), &order, desktop.lang()).await?;
    let contacts = ContactsRequest {
        email: request.email.clone(),
        phone: request.phone.clone(),
        robot_answer,
        licence_cms,
    };
    desktop
        .api()
        .registration_contacts(&request.id, &contacts)
        .await
}

/// «Изменить электронную почту» / «Изменить номер телефона» (or send the code again).
pub async fn resend_registration_code(
    desktop: &Desktop,
    request: &Step<ResendRequest>,
) -> Result<CodesSent> {
    desktop
        .api()
        .registration_code(&request.id, &request.body)
        .await
}

/// Both codes of the registration («Далее»).
pub async fn confirm_registration(desktop: &Desktop, request: &Step<ConfirmCodes>) -> Result<()> {
    desktop
        .api()
        .confirm_registration(&request.id, &request.body)
        .await
}

/// «Завершить регистрацию»: the cabinet is created and this computer signed in.
pub async fn complete_registration(
    desktop: &Desktop,
    request: &Step<NewPassword>,
) -> Result<Profile> {
    let session = desktop
        .api()
        .complete_registration(&request.id, &request.body)
        .await?;
    session::keep(desktop, session).await
}

/// «Получить разовый код».
pub async fn request_email_code(desktop: &Desktop, request: &EmailCodeRequest) -> Result<CodeSent> {
    desktop.api().email_code(request).await
}

/// Login by e-mail and its code.
pub async fn login_by_email(desktop: &Desktop, request: &EmailLoginRequest) -> Result<Profile> {
    let session: LoginResponse = desktop.api().login_email(request).await?;
    session::keep(desktop, session).await
}

/// Login by the AUTH key registered before, through NCALayer.
pub async fn login_by_eds(desktop: &Desktop) -> Result<Profile> {
    let proof = auth_proof(desktop).await?;
    let session = desktop.api().login_eds(&proof).await?;
    session::keep(desktop, session).await
}

/// A QR code to log in with eGov Business, drawn; whether a phone can reach it at all.
pub async fn start_qr_login(desktop: &Desktop) -> Result<QrLoginView> {
    let code = desktop.api().qr_login().await?;
    Ok(QrLoginView {
        image: qr::data_url(&code.qr_text, QR_SIZE)?,
        loopback: points_at_loopback(&code.qr_text),
        id: code.id,
        poll: code.poll,
        qr_text: code.qr_text,
        expires_in: code.expires_in,
    })
}

/// How a QR login stands; signed in (the session kept) once the phone signed.
pub async fn qr_login_status(
    desktop: &Desktop,
    request: &Step<QrLoginPoll>,
) -> Result<QrLoginProgress> {
    let status = desktop
        .api()
        .qr_login_status(&request.id, &request.body)
        .await?;
    let profile = match status.session {
        Some(session) => Some(session::keep(desktop, session).await?),
        None => None,
    };
    Ok(QrLoginProgress {
        state: status.state,
        expires_in: status.expires_in,
        error: status.error,
        profile,
    })
}

/// «Забыли пароль?» by codes to the registered e-mail and phone.
pub async fn start_recovery(
    desktop: &Desktop,
    request: &RecoveryRequest,
) -> Result<RecoveryStarted> {
    desktop.api().start_recovery(request).await
}

/// «Забыли пароль?» proven by the organisation's AUTH key.
pub async fn start_recovery_by_eds(desktop: &Desktop) -> Result<RecoveryStarted> {
    let proof = auth_proof(desktop).await?;
    desktop.api().recovery_by_eds(&proof).await
}

/// Both codes of a recovery.
pub async fn confirm_recovery(desktop: &Desktop, request: &Step<ConfirmCodes>) -> Result<()> {
    desktop
        .api()
        .confirm_recovery(&request.id, &request.body)
        .await
}

/// The new password; every session of the cabinet ends, this computer's too.
pub async fn complete_recovery(desktop: &Desktop, request: &Step<NewPassword>) -> Result<()> {
    desktop
        .api()
        .complete_recovery(&request.id, &request.body)
        .await?;
    desktop.store().clear_session()?;
    Ok(())
}

/// A code to a new e-mail or phone of the profile.
pub async fn change_contact(desktop: &Desktop, request: &ContactChange) -> Result<CodeSent> {
    let (api, _) = desktop.signed_in()?;
    api.change_contact(request).await
}

/// The code that makes the new contact the profile's; the profile, kept here too.
pub async fn confirm_contact(desktop: &Desktop, request: &ContactConfirm) -> Result<Profile> {
    let (api, stored) = desktop.signed_in()?;
    let profile = api.confirm_contact(request).await?;
    desktop
        .store()
        .save_session(&stored.token, &profile, desktop.now())?;
    Ok(profile)
}

/// Who changed the profile's contacts, newest first.
pub async fn profile_history(desktop: &Desktop) -> Result<Vec<ProfileChange>> {
    let (api, _) = desktop.signed_in()?;
    api.profile_history().await
}

/// What the embedded server sent (local mode), newest first.
pub async fn local_mailbox(desktop: &Desktop) -> Result<Vec<LocalMessage>> {
    desktop.api().local_mailbox().await
}
