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
    /// tus 1.0 upload creation (and `OPTIONS`).
    pub const UPLOADS: &str = "/api/v1/uploads";
    /// One tus upload: `HEAD`, `PATCH`, `DELETE`.
    pub const UPLOAD: &str = "/api/v1/uploads/{id}";
    /// The organisation's documents.
    pub const DOCUMENTS: &str = "/api/v1/documents";
    /// One document: `GET` (with Range), `DELETE`.
    pub const DOCUMENT: &str = "/api/v1/documents/{id}";
    /// `POST {slot}`: the same file filed again under another slot, without uploading it again.
    pub const DOCUMENT_ATTACH: &str = "/api/v1/documents/{id}/attach";
}

/// «Взять из документов организации»: file library document `document_id` again under `slot`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachDocumentRequest {
    /// The library document.
    pub document_id: i64,
    /// The slot key to file it under (an application's document field).
    pub slot: String,
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
    /// Embedded or remote server; none yet on the first run (the choice is asked for).
    pub server_mode: Option<ServerMode>,
    /// The server's base URL (empty before the choice).
    pub server_url: String,
    /// Signatures are checked against the test PKI for this run (`cargo xtask run`): the
    /// window says so in a banner. Never in a build for clients.
    #[serde(default)]
    pub test_mode: bool,
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

    #[test]
    fn upload_slots_are_the_fields_of_their_kind() {
        assert!(UploadKind::Library.accepts_slot("charter"));
        assert!(!UploadKind::Library.accepts_slot("app12-uk_charter"));
        assert!(UploadKind::Application.accepts_slot("app12-uk_charter"));
        assert!(UploadKind::Application.accepts_slot("other"));
        for wrong in [
            "app-uk_charter",
            "appx-uk_charter",
            "app12-nothing",
            "../etc",
            "charter",
            "",
        ] {
            assert!(!UploadKind::Application.accepts_slot(wrong), "{wrong}");
        }
        assert!(!UploadKind::Appeal.accepts_slot("app12-uk_charter"));
    }
}

/// What an upload is for; it sets the largest accepted file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UploadKind {
    /// A document of a guarantee or subsidy application (600 MB per file).
    Application,
    /// A document of a correction appeal (700 MB per file).
    Appeal,
    /// A document of the organisation's library («Документы организации», 600 MB per file).
    Library,
}

impl UploadKind {
    /// The largest accepted file, bytes.
    pub fn max_bytes(self) -> u64 {
        match self {
            UploadKind::Appeal => crate::forms::build::APPEAL_FILE,
            UploadKind::Application | UploadKind::Library => crate::forms::build::APPLICATION_FILE,
        }
    }

    /// The wire name (tus metadata, stored rows).
    pub fn name(self) -> &'static str {
        match self {
            UploadKind::Application => "application",
            UploadKind::Appeal => "appeal",
            UploadKind::Library => "library",
        }
    }

    /// Whether `slot` names a document field of this kind: a library slot, or for applications
    /// and appeals `app<draft>-<field of their forms>` (or the generic `other`).
    pub fn accepts_slot(self, slot: &str) -> bool {
        use crate::forms::{correction, guarantee, library, subsidy, FormSpec};
        let of_forms = |forms: &[&FormSpec]| {
            slot == "other"
                || slot
                    .strip_prefix("app")
                    .and_then(|rest| rest.split_once('-'))
                    .is_some_and(|(draft, field)| {
                        !draft.is_empty()
                            && draft.bytes().all(|b| b.is_ascii_digit())
                            && forms.iter().any(|f| f.has_slot(field))
                    })
        };
        match self {
            UploadKind::Library => library::LIBRARY.iter().any(|d| d.id == slot),
            UploadKind::Application => of_forms(&[&guarantee::GUARANTEE, &subsidy::SUBSIDY]),
            UploadKind::Appeal => of_forms(&[&correction::CORRECTION]),
        }
    }

    /// Parses the wire name.
    pub fn from_name(name: &str) -> Option<UploadKind> {
        match name {
            "application" => Some(UploadKind::Application),
            "appeal" => Some(UploadKind::Appeal),
            "library" => Some(UploadKind::Library),
            _ => None,
        }
    }
}

/// `start_upload` command: a file picked on this computer, for a document slot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartUploadRequest {
    /// Path of the file (from the file dialog; the bytes never cross the IPC).
    pub path: String,
    /// What the document is for.
    pub kind: UploadKind,
    /// Document slot, e.g. `charter`.
    pub slot: String,
}

/// Where an upload stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UploadState {
    /// Checking the file before it is queued.
    Hashing,
    /// Bytes are flowing.
    Uploading,
    /// Paused by the user.
    Paused,
    /// Waiting for the network; it resumes by itself.
    Waiting,
    /// Stored on the server.
    Done,
    /// Stopped for a reason the user must act on (see `error`).
    Failed,
}

/// An upload's progress, as the shell reports it (a few times a second at most).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UploadEvent {
    /// Local upload id.
    pub id: i64,
    /// File name.
    pub file_name: String,
    /// Document slot.
    pub slot: String,
    /// Bytes the server confirmed.
    pub sent: u64,
    /// File size.
    pub total: u64,
    /// Bytes per second over the last moments.
    pub bytes_per_sec: u64,
    /// Seconds left at that speed, when known.
    pub eta_secs: Option<u64>,
    /// Where it stands.
    pub state: UploadState,
    /// Why it failed, when it did.
    pub error: Option<crate::ErrorBody>,
}

/// Commands that name one upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadIdRequest {
    /// Local upload id.
    pub id: i64,
}

/// `download_document`: which document, and the name to offer in the save dialog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DownloadRequest {
    /// Document id.
    pub id: i64,
    /// Suggested file name.
    pub file_name: String,
}

/// Commands that name one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentIdRequest {
    /// Document id.
    pub id: i64,
}

/// A stored document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentInfo {
    /// Its id.
    pub id: i64,
    /// The document slot (library type or application field).
    pub slot: String,
    /// Original file name.
    pub file_name: String,
    /// Size in bytes.
    pub size: u64,
    /// MIME type sniffed from the content.
    pub mime: String,
    /// SHA-256 of the content, hex.
    pub sha256: String,
    /// When it was stored, RFC 3339 UTC.
    pub created_at: String,
    /// Verified signatures over it, oldest first.
    #[serde(default)]
    pub signatures: Vec<crate::signing::SignatureInfo>,
}

/// Which kind of application a draft is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationKind {
    /// «Гарантирование» (R5).
    Guarantee,
    /// «Субсидирование» (R6).
    Subsidy,
    /// «Корректировка» (R7).
    Correction,
}

impl ApplicationKind {
    /// Every kind, in menu order.
    pub const ALL: [ApplicationKind; 3] = [
        ApplicationKind::Guarantee,
        ApplicationKind::Subsidy,
        ApplicationKind::Correction,
    ];

    /// The name in URLs and on the wire.
    pub fn slug(self) -> &'static str {
        match self {
            ApplicationKind::Guarantee => "guarantee",
            ApplicationKind::Subsidy => "subsidy",
            ApplicationKind::Correction => "correction",
        }
    }

    /// The form specification of this kind.
    pub fn form(self) -> &'static crate::forms::FormSpec {
        match self {
            ApplicationKind::Guarantee => &crate::forms::guarantee::GUARANTEE,
            ApplicationKind::Subsidy => &crate::forms::subsidy::SUBSIDY,
            ApplicationKind::Correction => &crate::forms::correction::CORRECTION,
        }
    }
}

impl std::fmt::Display for ApplicationKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.slug())
    }
}

impl std::str::FromStr for ApplicationKind {
    type Err = crate::RuleViolation;

    fn from_str(slug: &str) -> Result<Self, Self::Err> {
        ApplicationKind::ALL
            .into_iter()
            .find(|k| k.slug() == slug)
            .ok_or(crate::RuleViolation::new("rule.choice.unknown"))
    }
}

/// A draft as stored locally and synchronised: its kind, version and data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// Application kind.
    pub kind: ApplicationKind,
    /// Version for optimistic concurrency (`If-Match`).
    pub version: u64,
    /// The form data.
    pub data: crate::forms::FormData,
}

/// The answer of «Check Application»: blocking problems and non-blocking warnings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckReport {
    /// Problems that block sending, each with its field path.
    pub problems: Vec<crate::forms::Problem>,
    /// Things worth a second look (e.g. КБе vs БИН).
    pub warnings: Vec<crate::forms::Problem>,
}

impl Draft {
    /// Runs «Check Application» on this draft.
    pub fn check(&self) -> CheckReport {
        let warnings = match self.kind {
            ApplicationKind::Guarantee => crate::forms::guarantee::warnings(&self.data),
            _ => Vec::new(),
        };
        CheckReport {
            problems: self.kind.form().check(&self.data),
            warnings,
        }
    }
}

#[cfg(test)]
mod draft_tests {
    use super::*;

    #[test]
    fn an_empty_draft_round_trips_and_reports_its_gaps() {
        let draft = Draft {
            kind: ApplicationKind::Correction,
            version: 3,
            data: crate::forms::FormData::default(),
        };
        let json = serde_json::to_string(&draft).expect("serialises");
        assert!(json.contains("\"kind\":\"correction\""));
        assert_eq!(serde_json::from_str::<Draft>(&json).expect("parses"), draft);
        let report = draft.check();
        assert!(report
            .problems
            .iter()
            .any(|p| p.path == "documents.official_letter"));
    }
}
