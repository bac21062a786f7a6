//! One module per page.

pub mod login;
pub mod placeholder;
pub mod profile;
