//! One module per page.

pub mod applications;
pub mod documents;
pub mod login;
pub mod placeholder;
pub mod profile;
