//! Kazakh EDS (ЭЦП): reading НУЦ РК certificates and strictly verifying CMS signatures —
//! signature, chain to a trusted root, validity at signing time, revocation, key type, role,
//! BIN and IIN. Pure Rust (RustCrypto); RSA-SHA256 is verified, GOST reported as unsupported.

pub mod certificate;
pub mod oids;
pub mod policy;
pub mod rejection;
pub mod revocation;
mod rsa_check;
pub mod subject;
pub mod trust;
pub mod verify;

pub use certificate::{KeyKind, Role, Signer};
pub use policy::{Policy, Purpose, Signatory};
pub use rejection::Rejection;
pub use revocation::{RevocationChecker, RevocationStatus, RevokedSerials};
pub use subject::{SubjectAttribute, SubjectIdentity};
pub use trust::TrustStore;
pub use verify::{Outcome, Step, Verification, Verifier};
