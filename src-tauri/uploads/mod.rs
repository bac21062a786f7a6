//! Resumable document uploads: bytes go from disk to the server over tus 1.0, never through
//! the IPC; what was sent is kept in the local store so an upload resumes after a network drop,
//! a restart or a crash — and refuses to resume if the file changed.

pub mod error;
pub mod manager;
pub mod records;
pub mod tus_client;

pub use error::UploadError;
pub use manager::{Progress, UploadManager};
