//! What can go wrong with an upload, in words the UI can show.

use homeportal_domain::{ErrorBody, ErrorCode, Lang};

use crate::store::StoreError;

/// An upload failure.
#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    /// The file on disk is not the one the upload started with.
    #[error("the file changed since the upload started")]
    FileChanged,
    /// The file cannot be read.
    #[error("cannot read the file: {0}")]
    Unreadable(#[from] std::io::Error),
    /// The user paused or cancelled.
    #[error("stopped by the user")]
    Stopped,
    /// The server or the network refused; the body says why.
    #[error("{0}")]
    Server(ErrorBody),
    /// The local store failed.
    #[error("local store: {0}")]
    Store(#[from] StoreError),
    /// No such upload in the local store.
    #[error("no such upload")]
    Unknown,
}

impl UploadError {
    /// Whether trying again later may succeed (network trouble), so the upload stays queued.
    pub fn is_transient(&self) -> bool {
        matches!(self, UploadError::Server(body)
            if matches!(body.code, ErrorCode::ServerUnreachable | ErrorCode::Internal))
    }

    /// The form shown to the user.
    pub fn to_body(&self, lang: Lang) -> ErrorBody {
        match self {
            UploadError::Server(body) => body.clone(),
            UploadError::Store(e) => e.to_body(lang),
            UploadError::FileChanged => ErrorBody::new(ErrorCode::FileChanged, lang),
            UploadError::Unreadable(_) | UploadError::Unknown => {
                ErrorBody::new(ErrorCode::NotFound, lang)
            }
            UploadError::Stopped => ErrorBody::new(ErrorCode::BadRequest, lang),
        }
    }
}
