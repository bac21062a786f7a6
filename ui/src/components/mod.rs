//! Pieces shared by pages.

pub mod close_question;
pub mod document_slots;
pub mod icons;
pub mod lang_switch;
pub mod layout;
pub mod ncalayer_ca;
pub mod ncalayer_port;
pub mod pending_uploads;
pub mod sign_dialog;
pub mod update_panel;
pub mod upload_field;
