//! The shell's one error, turned into the UI's localised `ErrorBody` once, at the command
//! boundary. Faults of the program or the computer are logged there, never shown in detail.

use homeportal_client::ClientError;
use homeportal_domain::{ErrorBody, ErrorCode, Lang};

/// What a command can fail at.
#[derive(Debug, thiserror::Error)]
pub enum ShellError {
    /// The desktop's core failed.
    #[error(transparent)]
    Client(#[from] ClientError),
    /// The system browser could not be opened.
    #[error("browser not opened: {0}")]
    Opener(String),
    /// No server is chosen yet (the first run's question is still open).
    #[error("no server chosen yet")]
    NotConnected,
    /// The embedded server could not start.
    #[error("embedded server: {0}")]
    Embedded(String),
    /// The system gives the app no folder for its log.
    #[error("no log folder")]
    NoLogFolder,
    /// A picked file is larger than its document kind allows.
    #[error("file too large: {name} ({bytes} bytes)")]
    TooLarge {
        /// The file's name.
        name: String,
        /// Its size.
        bytes: u64,
    },
    /// An update step failed (already logged in full).
    #[error("update: {0:?}")]
    Update(ErrorCode),
    /// A file the person asked for could not be written.
    #[error("file: {0}")]
    File(std::io::Error),
}

impl ShellError {
    /// The form the UI shows, in `lang`.
    pub fn into_body(self, lang: Lang) -> ErrorBody {
        match self {
            ShellError::Client(error) => {
                if error.is_internal() {
                    tracing::error!(%error, "command failed");
                } else {
                    tracing::debug!(%error, "command refused");
                }
                error.to_body(lang)
            }
            ShellError::Opener(detail) => {
                tracing::warn!(%detail, "browser not opened");
                ErrorBody::new(ErrorCode::Internal, lang)
            }
            ShellError::NotConnected => ErrorBody::new(ErrorCode::ServerUnreachable, lang),
            ShellError::Embedded(detail) => {
                tracing::error!(%detail, "embedded server did not start");
                ErrorBody::new(ErrorCode::LocalStorage, lang)
            }
            ShellError::Update(code) => ErrorBody::new(code, lang),
            ShellError::TooLarge { name, bytes } => {
                let mut body = ErrorBody::new(ErrorCode::TooLarge, lang);
                body.message = format!(
                    "«{name}», {}: {}",
                    homeportal_domain::format::size(bytes, lang),
                    body.message
                );
                body
            }
            ShellError::NoLogFolder => {
                tracing::error!("the system gives no log folder");
                ErrorBody::new(ErrorCode::LocalStorage, lang)
            }
            ShellError::File(error) => {
                tracing::warn!(%error, "file not written");
                ErrorBody::new(ErrorCode::LocalStorage, lang)
            }
        }
    }
}
