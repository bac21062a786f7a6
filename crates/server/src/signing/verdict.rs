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

/// How far a signing time may lie before receipt, seconds (a phone's QR answer can wait).
const SIGNED_BEFORE_MAX: i64 = 24 * 3600;
/// How far a signing time may lie after receipt, seconds (clocks differ a little).
const SIGNED_AFTER_MAX: i64 = 5 * 60;

/// A signature the verifier accepted: who, and when by its own signing time.
pub struct Verified {
    /// The signer.
    pub signer: Signer,
    /// The CMS signing time (the time of receipt when it names none), Unix seconds.
    pub signed_at: i64,
}

/// Verifies `cms` over a document's manifest under `policy`; the signer, or why not. The
/// signing time must be near `now`, and a signature over other content was made for
/// another document (a document's bytes never change, its manifest names it).
pub fn check_act(
    verifier: &Verifier,
    cms: &[u8],
    manifest: &[u8],
    policy: &Policy,
    now: i64,
) -> Result<Verified, ErrorCode> {
    let act_code = |rejection: &Rejection| match rejection {
        Rejection::DigestMismatch => ErrorCode::SignatureOtherDocument,
        other => code_of(other),
    };
    verify(
        verifier,
        cms,
        manifest,
        policy,
        now,
        act_code,
        ErrorCode::SignatureOtherDocument,
    )
}

/// Verifies `cms` over `content` (attached content must be exactly it) under `policy`, as the
/// proof of a registration, login or recovery: an individual's certificate is named as such
/// (the cabinet is for legal entities only).
pub fn check_proof(
    verifier: &Verifier,
    cms: &[u8],
    content: &[u8],
    policy: &Policy,
    now: i64,
) -> Result<Verified, ErrorCode> {
    let proof_code = |rejection: &Rejection| match rejection {
        Rejection::IndividualKey => ErrorCode::CertificateNotLegalEntity,
        other => code_of(other),
    };
    verify(
        verifier,
        cms,
        content,
        policy,
        now,
        proof_code,
        ErrorCode::SignatureInvalid,
    )
}

fn verify(
    verifier: &Verifier,
    cms: &[u8],
    content: &[u8],
    policy: &Policy,
    now: i64,
    code: impl Fn(&Rejection) -> ErrorCode,
    other_content: ErrorCode,
) -> Result<Verified, ErrorCode> {
    let verification = verifier
        .verify(cms, Some(content), policy, now)
        .map_err(|r| code(&r))?;
    let signer = verification.verdict().map_err(|r| code(&r))?.clone();
    if verification.content != content {
        return Err(other_content);
    }
    let signed_at = verification.signing_time;
    if signed_at < now - SIGNED_BEFORE_MAX || signed_at > now + SIGNED_AFTER_MAX {
        return Err(ErrorCode::SigningTimeOff);
    }
    Ok(Verified { signer, signed_at })
}
