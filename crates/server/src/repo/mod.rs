//! The repository layer: one query module per table, each function taking the connection the
//! caller holds (so several make one transaction). SQL lives here and nowhere else; this is the
//! seam where PostgreSQL comes in for deployments that outgrow one machine.

pub mod accounts;
pub mod applications;
pub mod challenges;
pub mod documents;
pub mod login_failures;
pub mod mutations;
pub mod qr_sessions;
pub mod sessions;
pub mod signatures;
pub mod uploads;
