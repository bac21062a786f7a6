//! Resumable document uploads: bytes go from disk to the server over tus 1.0, never through
//! the IPC; what was sent is kept in the local store so an upload resumes after a network drop,
//! a restart or a crash — and refuses to resume if the file changed.

mod engine;
mod meter;
mod service;

pub use engine::{Progress, UploadEngine, CHUNK};
pub use service::{cancel, resume, resume_unfinished, start, UploadService};
