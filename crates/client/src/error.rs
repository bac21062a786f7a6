//! The client crate's one error type. It carries what happened, not words: the shell turns it
//! into the localised `ErrorBody` once, at the command boundary.

use homeportal_domain::{ErrorBody, ErrorCode, FieldError, Lang};

/// Anything the desktop's core can fail at.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The server refused; its body, already in the session's language, says why.
    #[error("server refused: {0}")]
    Server(ErrorBody),
    /// The server could not be reached, or the answer was cut off.
    #[error("server unreachable: {0}")]
    Unreachable(String),
    /// The server answered something the client does not understand.
    #[error("unexpected answer: {0}")]
    BadResponse(String),
    /// SQLite failed.
    #[error("local store: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A migration of the local store failed.
    #[error("local store migration: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// A local folder or file of the app (data folder, download target) failed.
    #[error("local file: {0}")]
    Local(#[from] std::io::Error),
    /// The local store is unusable after a panic while it was held.
    #[error("the local store is unusable after an earlier failure")]
    Poisoned,
    /// Nobody is signed in on this computer.
    #[error("not signed in")]
    SignedOut,
    /// A file the user picked cannot be read.
    #[error("cannot read the file: {0}")]
    Unreadable(std::io::Error),
    /// The file on disk is not the one the upload started with.
    #[error("the file changed since the upload started")]
    FileChanged,
    /// The file is larger than its document kind allows.
    #[error("the file is too large")]
    TooLarge,
    /// The user paused or cancelled an upload.
    #[error("stopped by the user")]
    Stopped,
    /// No such upload or draft on this computer.
    #[error("not found on this computer")]
    NotFound,
    /// NCALayer failed, with its own code and details.
    #[error("NCALayer: {code:?} {detail}")]
    NcaLayer {
        /// Which NCALayer failure.
        code: ErrorCode,
        /// NCALayer's own words, shown after ours.
        detail: String,
    },
    /// A QR code could not be drawn.
    #[error("QR code: {0}")]
    Qr(String),
    /// A value typed on this computer breaks a rule: `(field, rule key)`.
    #[error("invalid input: {0:?}")]
    Invalid(Vec<(String, String)>),
    /// A change was based on an older version; the server's document now.
    #[error("the server has a newer version ({})", .0.version)]
    Stale(Box<homeportal_domain::sync::ServerApplication>),
}

impl ClientError {
    /// The error code a user sees.
    pub fn code(&self) -> ErrorCode {
        match self {
            ClientError::Server(body) => body.code,
            ClientError::Unreachable(_) => ErrorCode::ServerUnreachable,
            ClientError::BadResponse(_) => ErrorCode::BadServerResponse,
            ClientError::Sqlite(_)
            | ClientError::Migration(_)
            | ClientError::Local(_)
            | ClientError::Poisoned => ErrorCode::LocalStorage,
            ClientError::SignedOut => ErrorCode::Unauthorized,
            ClientError::Unreadable(_) | ClientError::NotFound => ErrorCode::NotFound,
            ClientError::FileChanged => ErrorCode::FileChanged,
            ClientError::TooLarge => ErrorCode::TooLarge,
            ClientError::Stopped => ErrorCode::BadRequest,
            ClientError::NcaLayer { code, .. } => *code,
            ClientError::Qr(_) => ErrorCode::Internal,
            ClientError::Invalid(_) => ErrorCode::Validation,
            ClientError::Stale(_) => ErrorCode::StaleVersion,
        }
    }

    /// Whether trying again later may succeed (network trouble).
    pub fn is_transient(&self) -> bool {
        matches!(
            self.code(),
            ErrorCode::ServerUnreachable | ErrorCode::Internal | ErrorCode::ServerBusy
        ) && !matches!(self, ClientError::Qr(_))
    }

    /// Whether the fault is this program's or this computer's, not the user's: worth a log line.
    pub fn is_internal(&self) -> bool {
        matches!(
            self.code(),
            ErrorCode::LocalStorage | ErrorCode::Internal | ErrorCode::BadServerResponse
        )
    }

    /// The localised form the UI shows.
    pub fn to_body(&self, lang: Lang) -> ErrorBody {
        match self {
            ClientError::Server(body) => body.clone(),
            ClientError::NcaLayer { code, detail } => {
                let mut body = ErrorBody::new(*code, lang);
                if !detail.is_empty() {
                    body.message = format!("{} ({detail})", body.message);
                }
                body
            }
            ClientError::Invalid(fields) => ErrorBody::validation(
                fields
                    .iter()
                    .map(|(field, rule)| FieldError {
                        field: field.clone(),
                        rule: rule.clone(),
                        message: homeportal_domain::i18n::text(lang, rule).to_owned(),
                    })
                    .collect(),
                lang,
            ),
            other => ErrorBody::new(other.code(), lang),
        }
    }
}

/// The client's result.
pub type Result<T, E = ClientError> = std::result::Result<T, E>;
