//! Kazakh EDS (ЭЦП) certificates: reading who a certificate names.

pub mod subject;

pub use subject::{SubjectAttribute, SubjectIdentity};
