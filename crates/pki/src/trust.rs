//! Trust anchors and the path from a signer's certificate to one of them.

use der::Encode;
use x509_cert::Certificate;

use crate::certificate::{is_ca, unix};
use crate::rejection::Rejection;
use crate::rsa_check;

/// Longest path accepted (signer, intermediates, root).
const MAX_DEPTH: usize = 6;

/// The roots a verifier trusts: test roots in development, НУЦ РК roots in production.
#[derive(Debug, Clone, Default)]
pub struct TrustStore {
    anchors: Vec<Certificate>,
    intermediates: Vec<Certificate>,
}

impl TrustStore {
    /// Trusts these roots.
    pub fn new(anchors: Vec<Certificate>) -> TrustStore {
        TrustStore {
            anchors,
            intermediates: Vec::new(),
        }
    }

    /// Adds issuing CAs that signatures may omit (NCALayer usually sends only the signer).
    pub fn with_intermediates(mut self, intermediates: Vec<Certificate>) -> TrustStore {
        self.intermediates = intermediates;
        self
    }

    /// Reads PEM certificates (any number, concatenated).
    pub fn from_pem(pem: &[u8]) -> Result<Vec<Certificate>, Rejection> {
        Certificate::load_pem_chain(pem).map_err(|e| Rejection::Malformed(e.to_string()))
    }

    /// A PEM bundle: self-signed certificates become roots, the others issuing CAs.
    pub fn from_bundle(pem: &[u8]) -> Result<TrustStore, Rejection> {
        let (anchors, intermediates) = TrustStore::from_pem(pem)?
            .into_iter()
            .partition(|c| c.tbs_certificate.subject == c.tbs_certificate.issuer);
        Ok(TrustStore {
            anchors,
            intermediates,
        })
    }

    /// The roots and issuing CAs as one PEM bundle.
    pub fn to_bundle(&self) -> String {
        use der::EncodePem;
        self.anchors
            .iter()
            .chain(&self.intermediates)
            .filter_map(|c| c.to_pem(der::pem::LineEnding::LF).ok())
            .collect()
    }

    fn is_anchor(&self, certificate: &Certificate) -> bool {
        let Ok(der) = certificate.to_der() else {
            return false;
        };
        self.anchors
            .iter()
            .any(|a| a.to_der().is_ok_and(|d| d == der))
    }

    /// Builds a path from `leaf` to an anchor using `extra` (the CMS's certificates) and the
    /// store's intermediates; every link's signature is checked. Returns leaf…anchor.
    pub fn path(
        &self,
        leaf: &Certificate,
        extra: &[Certificate],
    ) -> Result<Vec<Certificate>, Rejection> {
        let mut path = vec![leaf.clone()];
        while path.len() <= MAX_DEPTH {
            let current = path.last().ok_or(Rejection::Untrusted)?;
            if self.is_anchor(current) {
                return Ok(path);
            }
            let issuer = current.tbs_certificate.issuer.clone();
            let next = self
                .anchors
                .iter()
                .chain(&self.intermediates)
                .chain(extra)
                .filter(|c| c.tbs_certificate.subject == issuer && is_ca(c))
                .find(|c| rsa_check::certificate_signed_by(current, c).is_ok())
                .cloned()
                .ok_or(Rejection::Untrusted)?;
            if path.contains(&next) {
                return Err(Rejection::Untrusted);
            }
            path.push(next);
        }
        Err(Rejection::Untrusted)
    }
}

/// Checks that every certificate on the path was valid at `at` (Unix seconds).
pub fn valid_at(path: &[Certificate], at: i64) -> Result<(), Rejection> {
    for certificate in path {
        let validity = &certificate.tbs_certificate.validity;
        if at < unix(&validity.not_before) {
            return Err(Rejection::NotYetValid);
        }
        if at > unix(&validity.not_after) {
            return Err(Rejection::Expired);
        }
    }
    Ok(())
}
