//! The roots the embedded server checks signatures against: a PEM bundle the person imports
//! in the settings (НУЦ РК's root and issuing certificates), kept as `server/trust.pem`.

use std::path::Path;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;

use crate::error::{ClientError, Result};

/// The certificates in a PEM text.
pub fn certificates_in(pem: &[u8]) -> u32 {
    let count = CertificateDer::pem_slice_iter(pem)
        .filter(|c| c.is_ok())
        .count();
    u32::try_from(count).unwrap_or(u32::MAX)
}

/// The certificates of the bundle at `path` (0 when there is none).
pub fn certificates_at(path: &Path) -> u32 {
    std::fs::read(path).map_or(0, |pem| certificates_in(&pem))
}

/// Copies the PEM bundle at `from` to `to` (written beside it first, so a failed copy leaves
/// the old bundle); the number of certificates. A file with none is refused.
pub fn import(from: &Path, to: &Path) -> Result<u32> {
    let pem = std::fs::read(from).map_err(ClientError::Unreadable)?;
    let count = certificates_in(&pem);
    if count == 0 {
        return Err(ClientError::Invalid(vec![(
            "trust".into(),
            "rule.trust.no_certificates".into(),
        )]));
    }
    if let Some(folder) = to.parent() {
        std::fs::create_dir_all(folder)?;
    }
    let partial = to.with_extension("pem.partial");
    std::fs::write(&partial, &pem)?;
    std::fs::rename(&partial, to)?;
    Ok(count)
}
