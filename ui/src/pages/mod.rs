//! One module per page.

pub mod applications;
pub mod documents;
pub mod first_run;
pub mod front_door;
pub mod invitations;
pub mod placeholder;
pub mod profile;
pub mod settings;
