//! From a verifier's answer to the cabinet's words.

use homeportal_domain::ErrorCode;
use homeportal_pki::{Policy, Rejection, Signer, Verifier};

/// The error a user sees for a refused signature.
pub fn code_of(rejection: &Rejection) -> ErrorCode {
    match rejection {
        Rejection::Malformed(_)
        | Rejection::DetachedWithoutData
        | Rejection::DigestMismatch
        | Rejection::BadSignature
        | Rejection::SignerCertificateMissing => ErrorCode::SignatureInvalid,
        Rejection::UnsupportedAlgorithm(_) => ErrorCode::SignatureUnsupported,
        Rejection::Untrusted => ErrorCode::CertificateUntrusted,
        Rejection::Expired | Rejection::NotYetValid => ErrorCode::CertificateExpired,
        Rejection::Revoked | Rejection::RevocationUnknown(_) => ErrorCode::CertificateRevoked,
        Rejection::WrongKeyType { .. } => ErrorCode::SignatureWrongKey,
        Rejection::IndividualKey | Rejection::NoSigningRight => ErrorCode::SignatureNoRight,
        Rejection::WrongBin => ErrorCode::SignatureWrongOrganization,
        Rejection::WrongIin => ErrorCode::SignatureWrongPerson,
    }
}

/// Verifies `cms` over `content` under `policy`; the signer, or why not. An attached CMS must
/// carry exactly `content`.
pub fn check(
    verifier: &Verifier,
    cms: &[u8],
    content: &[u8],
    policy: &Policy,
    now: i64,
) -> Result<Signer, ErrorCode> {
    let verification = verifier
        .verify(cms, Some(content), policy, now)
        .map_err(|r| code_of(&r))?;
    let signer = verification.verdict().map_err(|r| code_of(&r))?.clone();
    if verification.content != content {
        return Err(ErrorCode::SignatureInvalid);
    }
    Ok(signer)
}
