//! Request and response types exchanged by the server, the shell and the UI (one definition each).

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::ids::{Bin, Iin};

/// HTTP paths of the server's API, named once for both sides.
pub mod paths {
    /// Liveness and version.
    pub const HEALTH: &str = "/health";
    /// BIN + password login.
    pub const LOGIN: &str = "/api/v1/auth/login";
    /// Revokes the presented session token.
    pub const LOGOUT: &str = "/api/v1/auth/logout";
    /// The organisation's profile.
    pub const PROFILE: &str = "/api/v1/profile";
}

/// `GET /health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    /// Always `ok` when the server answers.
    pub status: String,
    /// The server's version.
    pub version: String,
}

/// Login with БИН and password (R2.2). Fields are raw text: the server parses them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginRequest {
    /// БИН as typed.
    pub bin: String,
    /// Пароль as typed.
    pub password: String,
}

/// A new session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginResponse {
    /// Bearer token for `Authorization`.
    pub token: String,
    /// When the session ends, RFC 3339 UTC.
    pub expires_at: String,
}

/// The organisation's profile (R3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// БИН.
    pub bin: Bin,
    /// Наименование организации.
    pub org_name: String,
    /// ИИН of the person who registered the cabinet.
    pub iin: Iin,
    /// Фамилия.
    pub last_name: String,
    /// Имя.
    pub first_name: String,
    /// Отчество (may be absent).
    #[serde(default)]
    pub middle_name: Option<String>,
    /// Электронная почта.
    pub email: String,
    /// Whether the e-mail was confirmed by a code.
    #[serde(default)]
    pub email_verified: bool,
    /// Мобильный номер, E.164.
    pub phone: String,
    /// Whether the phone was confirmed by a code.
    #[serde(default)]
    pub phone_verified: bool,
}

/// Where the desktop's server runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServerMode {
    /// Started inside the desktop app on 127.0.0.1 (the default).
    Embedded,
    /// A remote server from a setting or `HOMEPORTAL_SERVER_URL`.
    Remote,
}

/// What the shell tells the UI about itself at start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppInfo {
    /// The app's version.
    pub version: String,
    /// Embedded or remote server.
    pub server_mode: ServerMode,
    /// The server's base URL.
    pub server_url: String,
    /// The interface language chosen on this computer.
    pub lang: Lang,
    /// The profile of the session kept on this computer, if still valid.
    pub profile: Option<Profile>,
}

/// `set_language` command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetLanguageRequest {
    /// The language to keep.
    pub lang: Lang,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_with_a_bad_bin_does_not_deserialize() {
        let json = r#"{"bin":"123","org_name":"x","iin":"830717350867","last_name":"a",
            "first_name":"b","email":"e@x.kz","phone":"+77011234567"}"#;
        assert!(serde_json::from_str::<Profile>(json).is_err());
    }
}
