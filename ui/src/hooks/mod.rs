//! Hooks every screen shares: typed commands with their loading and error state, and the
//! app-level event feed.

mod command;
mod events;

pub use command::use_command;
pub use events::{use_app_event, EventHub};
