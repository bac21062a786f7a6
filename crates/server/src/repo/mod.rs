//! The repository layer: one query module per table, each function taking the connection the
//! caller holds (so several make one transaction). SQL lives here and nowhere else; this is the
//! seam where PostgreSQL comes in for deployments that outgrow one machine.

pub mod accounts;
pub mod application_signatures;
pub mod applications;
pub mod challenges;
pub mod codes;
pub mod consent_templates;
pub mod documents;
pub mod invitations;
pub mod licences;
pub mod login_failures;
pub mod mailbox;
pub mod mutations;
pub mod partnerships;
pub mod profile_changes;
pub mod qr_logins;
pub mod qr_sessions;
pub mod recoveries;
pub mod registrations;
pub mod sessions;
pub mod signatures;
pub mod staff;
pub mod submission_qr;
pub mod uploads;
