//! Revocation: an interface for OCSP/CRL checkers, off in the embedded default.

use std::collections::HashSet;

use x509_cert::Certificate;

/// What a checker knows about one certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RevocationStatus {
    /// Not revoked.
    Good,
    /// Revoked.
    Revoked,
    /// The checker could not tell (responder down, no CRL): the reason.
    Unknown(String),
}

/// Answers whether a certificate issued by `issuer` is revoked.
pub trait RevocationChecker: Send + Sync {
    /// Status of `certificate` at the time of signing (Unix seconds).
    fn status(&self, certificate: &Certificate, issuer: &Certificate, at: i64) -> RevocationStatus;
}

/// Revoked serial numbers per issuer, e.g. loaded from a CRL; also what tests configure.
#[derive(Debug, Default, Clone)]
pub struct RevokedSerials {
    revoked: HashSet<(String, Vec<u8>)>,
}

impl RevokedSerials {
    /// Marks `certificate` revoked.
    pub fn revoke(&mut self, certificate: &Certificate) {
        let tbs = &certificate.tbs_certificate;
        self.revoked.insert((
            tbs.issuer.to_string(),
            tbs.serial_number.as_bytes().to_vec(),
        ));
    }
}

impl RevocationChecker for RevokedSerials {
    fn status(
        &self,
        certificate: &Certificate,
        _issuer: &Certificate,
        _at: i64,
    ) -> RevocationStatus {
        let tbs = &certificate.tbs_certificate;
        let key = (
            tbs.issuer.to_string(),
            tbs.serial_number.as_bytes().to_vec(),
        );
        if self.revoked.contains(&key) {
            RevocationStatus::Revoked
        } else {
            RevocationStatus::Good
        }
    }
}
