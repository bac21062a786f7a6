//! The front door (R1–R3): registration with the organisation's EDS, login by e-mail code,
//! password recovery, and confirmed changes of the profile's contacts. Wire types, the password
//! policy, the «Я не робот» puzzle and the licence agreement, shared by server, shell and UI.

pub mod licence;
pub mod password;
pub mod robot;

use serde::{Deserialize, Serialize};

use crate::ids::{Bin, Iin};
pub use robot::RobotChallenge;

/// HTTP paths of the front door.
pub mod paths {
    /// `POST`: an AUTH signature over a challenge starts a registration.
    pub const REGISTRATION: &str = "/api/v1/registration";
    /// `POST`: contacts, «Я не робот» and the signed licence; codes are sent.
    pub const REGISTRATION_CONTACTS: &str = "/api/v1/registration/{id}/contacts";
    /// `POST`: a changed e-mail or phone gets a new code.
    pub const REGISTRATION_CODE: &str = "/api/v1/registration/{id}/code";
    /// `POST`: both codes.
    pub const REGISTRATION_CONFIRM: &str = "/api/v1/registration/{id}/confirm";
    /// `POST`: the password; the account is created and a session opened.
    pub const REGISTRATION_COMPLETE: &str = "/api/v1/registration/{id}/complete";
    /// `POST`: «Получить разовый код» for a login by e-mail.
    pub const EMAIL_CODE: &str = "/api/v1/auth/email/code";
    /// `POST`: a login by e-mail and the code.
    pub const LOGIN_EMAIL: &str = "/api/v1/auth/login/email";
    /// `POST`: «Забыли пароль?» — БИН with the registered e-mail and phone; codes are sent.
    pub const RECOVERY: &str = "/api/v1/recovery";
    /// `POST`: «Забыли пароль?» proven by an AUTH signature over a challenge.
    pub const RECOVERY_EDS: &str = "/api/v1/recovery/eds";
    /// `POST`: both codes of a recovery.
    pub const RECOVERY_CONFIRM: &str = "/api/v1/recovery/{id}/confirm";
    /// `POST`: the new password; every session of the account ends.
    pub const RECOVERY_COMPLETE: &str = "/api/v1/recovery/{id}/complete";
    /// `POST`: a new e-mail or phone for the profile; a code goes to it.
    pub const PROFILE_CONTACT: &str = "/api/v1/profile/contact";
    /// `POST`: the code that confirms the new contact.
    pub const PROFILE_CONTACT_CONFIRM: &str = "/api/v1/profile/contact/confirm";
    /// `GET`: who changed the profile, when, from what to what.
    pub const PROFILE_HISTORY: &str = "/api/v1/profile/history";
    /// `GET`: messages the server would have sent, in local mode (no SMTP, no SMS gateway).
    pub const LOCAL_MAILBOX: &str = "/api/v1/local/mailbox";
    /// `POST`: a QR code to log in with eGov Business.
    pub const QR_LOGIN: &str = "/api/v1/auth/qr";
    /// `POST` (with the poll secret): how a QR login stands; the session once the phone signed.
    pub const QR_LOGIN_STATUS: &str = "/api/v1/auth/qr/{id}";
    /// eGov API №1 of a QR login (public, `{"message"}` errors).
    pub const EGOV_LOGIN_API1: &str = "/egov/login1/{id}";
    /// eGov API №2 of a QR login.
    pub const EGOV_LOGIN_API2: &str = "/egov/login2/{id}";
}

/// Where a code goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Электронная почта.
    Email,
    /// SMS to the mobile number.
    Sms,
}

impl Channel {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
        }
    }

    /// The channel with stored name `name`.
    pub fn parse(name: &str) -> Option<Channel> {
        match name {
            "email" => Some(Channel::Email),
            "sms" => Some(Channel::Sms),
            _ => None,
        }
    }
}

/// What a verified AUTH certificate says, shown read-only on the registration form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationStarted {
    /// The registration's id, for the next steps.
    pub id: String,
    /// БИН.
    pub bin: Bin,
    /// Наименование организации.
    pub org_name: String,
    /// ИИН.
    pub iin: Iin,
    /// Фамилия.
    pub last_name: String,
    /// Имя.
    pub first_name: String,
    /// Отчество.
    #[serde(default)]
    pub middle_name: Option<String>,
    /// «Я не робот».
    pub robot: RobotChallenge,
    /// When the registration must be finished, RFC 3339 UTC.
    pub expires_at: String,
}

/// The registration form's second part: contacts, «Я не робот», the signed licence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactsRequest {
    /// Электронный адрес as typed.
    pub email: String,
    /// Мобильный номер as typed.
    pub phone: String,
    /// The answer to the registration's robot puzzle.
    pub robot_answer: u64,
    /// Base64 CMS over the licence text, SIGN key of the same person.
    pub licence_cms: String,
}

/// Codes went to these contacts (normalised).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodesSent {
    /// The e-mail the code went to.
    pub email: String,
    /// The phone the SMS went to, +7XXXXXXXXXX.
    pub phone: String,
    /// Seconds before another code may be asked for.
    pub resend_in_secs: u32,
}

/// «Изменить электронную почту» / «Изменить номер телефона»: a code to the new value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResendRequest {
    /// Which contact.
    pub channel: Channel,
    /// Its new value as typed (or the same, to send again).
    pub value: String,
}

/// The codes from the e-mail and the SMS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfirmCodes {
    /// The code from the e-mail.
    pub email_code: String,
    /// The code from the SMS.
    pub sms_code: String,
}

/// A password typed twice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPassword {
    /// Пароль.
    pub password: String,
    /// Повторите пароль.
    pub repeat: String,
}

/// «Получить разовый код».
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailCodeRequest {
    /// Электронная почта as typed.
    pub email: String,
}

/// A code was sent (or would have been: the answer is the same for an unknown address).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeSent {
    /// Seconds before another code may be asked for.
    pub resend_in_secs: u32,
}

/// Login by e-mail and its one-time code (R2.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailLoginRequest {
    /// Электронная почта as typed.
    pub email: String,
    /// Разовый код.
    pub code: String,
}

/// «Забыли пароль?» by codes: the organisation and its registered contacts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoveryRequest {
    /// БИН.
    pub bin: String,
    /// The registered e-mail.
    pub email: String,
    /// The registered mobile number.
    pub phone: String,
}

/// A recovery under way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoveryStarted {
    /// The recovery's id, for the next steps.
    pub id: String,
    /// Whether control is already proven (by EDS); otherwise the codes are awaited.
    pub proven: bool,
    /// Seconds before codes may be sent again.
    pub resend_in_secs: u32,
}

/// A new e-mail or phone for the profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactChange {
    /// Which contact.
    pub channel: Channel,
    /// The new value as typed.
    pub value: String,
}

/// The code sent to the new contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactConfirm {
    /// Which contact.
    pub channel: Channel,
    /// The code.
    pub code: String,
}

/// One change of the profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileChange {
    /// When, RFC 3339 UTC.
    pub at: String,
    /// Who: «Фамилия Имя» of the person, or the registration.
    pub by: String,
    /// Which contact.
    pub channel: Channel,
    /// The value before.
    pub old: String,
    /// The value after.
    pub new: String,
}

/// A message the server sent to the local mailbox (local mode).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalMessage {
    /// When, RFC 3339 UTC.
    pub at: String,
    /// E-mail or SMS.
    pub channel: Channel,
    /// The address or number.
    pub to: String,
    /// The subject (e-mail only).
    pub subject: String,
    /// The text.
    pub text: String,
}

/// A step of a registration or recovery under way: its id and what the step sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step<T> {
    /// The registration's or recovery's id.
    pub id: String,
    /// What this step sends.
    pub body: T,
}

/// The registration form's second part as the UI sends it to the shell, which solves the
/// robot puzzle and has the licence signed through NCALayer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationContacts {
    /// The registration's id.
    pub id: String,
    /// БИН of the registering organisation (only its keys are offered for the licence).
    pub bin: String,
    /// The puzzle issued with the registration.
    pub robot: RobotChallenge,
    /// Электронный адрес as typed.
    pub email: String,
    /// Мобильный номер as typed.
    pub phone: String,
}

/// A QR code to log in with: scanned by eGov Business, which signs the login text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QrLogin {
    /// The session's id.
    pub id: String,
    /// `mobileSign:<API №1 URL>`.
    pub qr_text: String,
    /// The secret the desktop polls with (the QR code alone never opens a session).
    pub poll: String,
    /// Seconds the code stays usable.
    pub expires_in: u64,
}

/// The poll secret of a QR login.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QrLoginPoll {
    /// From [`QrLogin`].
    pub poll: String,
}

/// How a QR login stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QrLoginStatus {
    /// Pending, signed, rejected or expired.
    pub state: crate::signing::QrState,
    /// Seconds left while pending.
    pub expires_in: u64,
    /// Why the phone's signature was refused.
    pub error: Option<crate::ErrorBody>,
    /// The new session, handed over once, when signed.
    pub session: Option<crate::api::LoginResponse>,
}

/// What the login page shows of a QR login.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QrLoginView {
    /// The session's id.
    pub id: String,
    /// The poll secret.
    pub poll: String,
    /// `data:image/png;base64,…`.
    pub image: String,
    /// The text inside the code.
    pub qr_text: String,
    /// Seconds the code stays usable.
    pub expires_in: u64,
    /// The code points at this computer only (local mode): a phone cannot reach it.
    pub loopback: bool,
}

/// The desktop's answer to a poll: still waiting, or signed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QrLoginProgress {
    /// Pending, signed, rejected or expired.
    pub state: crate::signing::QrState,
    /// Seconds left while pending.
    pub expires_in: u64,
    /// Why the phone's signature was refused.
    pub error: Option<crate::ErrorBody>,
    /// The profile, once signed in.
    pub profile: Option<crate::api::Profile>,
}

/// Whether a QR text points at this computer only (127.x, ::1, localhost).
pub fn points_at_loopback(qr_text: &str) -> bool {
    let url = qr_text.trim_start_matches("mobileSign:");
    let host = url
        .split("://")
        .nth(1)
        .unwrap_or(url)
        .split(['/', '?'])
        .next()
        .unwrap_or_default();
    let host = host
        .rsplit_once(':')
        .filter(|(h, port)| !h.is_empty() && port.bytes().all(|b| b.is_ascii_digit()))
        .map_or(host, |(h, _)| h)
        .trim_matches(['[', ']']);
    host == "localhost" || host == "::1" || host.starts_with("127.")
}

#[cfg(test)]
mod tests {
    use super::points_at_loopback;

    #[test]
    fn loopback_codes_are_told_apart() {
        assert!(points_at_loopback(
            "mobileSign:http://127.0.0.1:41234/egov/login1/x"
        ));
        assert!(points_at_loopback(
            "mobileSign:http://localhost:8080/egov/api1/x"
        ));
        assert!(points_at_loopback(
            "mobileSign:http://[::1]:8080/egov/api1/x"
        ));
        assert!(!points_at_loopback(
            "mobileSign:https://cabinet.khc.kz/egov/login1/x"
        ));
        assert!(!points_at_loopback(
            "mobileSign:http://192.168.1.20:8080/egov/login1/x"
        ));
    }
}
