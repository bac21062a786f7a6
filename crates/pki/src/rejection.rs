//! Why a signature is not accepted: one reason per check, so callers can say exactly what.

/// The reason a signature was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    /// Not a CMS SignedData at all (or damaged beyond reading).
    #[error("not a CMS signature: {0}")]
    Malformed(String),
    /// The algorithm is recognised but not verified here (GOST).
    #[error("unsupported signature algorithm {0}")]
    UnsupportedAlgorithm(String),
    /// A detached signature was given without the data it signs.
    #[error("detached signature without its data")]
    DetachedWithoutData,
    /// The content does not match the signed `messageDigest`: the data was changed.
    #[error("the signed data was changed")]
    DigestMismatch,
    /// The signature value does not verify with the signer's key.
    #[error("the signature value is invalid")]
    BadSignature,
    /// The signer's certificate is not in the CMS.
    #[error("the signer's certificate is missing")]
    SignerCertificateMissing,
    /// No path from the signer to a trusted root.
    #[error("the certificate does not chain to a trusted root")]
    Untrusted,
    /// A certificate on the path had expired at signing time.
    #[error("the certificate had expired at signing time")]
    Expired,
    /// A certificate on the path was not yet valid at signing time.
    #[error("the certificate was not yet valid at signing time")]
    NotYetValid,
    /// A certificate on the path is revoked.
    #[error("the certificate is revoked")]
    Revoked,
    /// Revocation status could not be established.
    #[error("revocation status unknown: {0}")]
    RevocationUnknown(String),
    /// An authentication key signed an act, or a signing key answered a login challenge.
    #[error("wrong key type: {expected} key required")]
    WrongKeyType {
        /// "SIGN" or "AUTH".
        expected: &'static str,
    },
    /// An individual's certificate where a legal entity's is required.
    #[error("an individual's certificate cannot sign for an organisation")]
    IndividualKey,
    /// An employee without the head's role or signing right.
    #[error("the signer has no right to sign for the organisation")]
    NoSigningRight,
    /// The certificate's BIN is not the expected organisation's.
    #[error("the certificate belongs to another organisation")]
    WrongBin,
    /// The certificate's IIN is not the expected person's.
    #[error("the certificate belongs to another person")]
    WrongIin,
}
