//! The one place where Homeportal's business rules live.
//!
//! Shared by the UI (wasm32), the desktop shell and the server, so that a value the desktop
//! accepts offline is accepted by the server and the other way round. Pure Rust: no IO.

pub mod access;
pub mod api;
pub mod applications;
pub mod calendar;
pub mod commands;
mod csv;
pub mod error;
pub mod events;
pub mod format;
pub mod forms;
pub mod guarantee;
pub mod i18n;
pub mod ids;
pub mod reference;
pub mod rule;
pub mod settings;
pub mod signing;
pub mod status;
pub mod sync;
pub mod updates;

pub use error::{ErrorBody, ErrorCode, FieldError};
pub use i18n::Lang;
pub use rule::RuleViolation;
