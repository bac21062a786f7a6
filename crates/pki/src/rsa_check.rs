//! RSA PKCS#1 v1.5 with SHA-256, the one algorithm verified here; GOST is reported as such.

use der::Encode;
use rsa::pkcs1v15::{Signature, VerifyingKey};
use rsa::pkcs8::DecodePublicKey;
use rsa::RsaPublicKey;
use sha2::Sha256;
use signature::Verifier;
use spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;

use crate::oids;
use crate::rejection::Rejection;

/// Refuses anything but RSA (with SHA-256 where the algorithm names a hash).
pub fn supported(algorithm: &AlgorithmIdentifierOwned) -> Result<(), Rejection> {
    let oid = algorithm.oid;
    if oid == oids::SHA256_WITH_RSA || oid == oids::RSA_ENCRYPTION {
        Ok(())
    } else {
        Err(Rejection::UnsupportedAlgorithm(describe(&oid)))
    }
}

/// A readable name for an algorithm OID.
pub fn describe(oid: &const_oid::ObjectIdentifier) -> String {
    let dotted = oid.to_string();
    if dotted.starts_with(oids::GOST_ARC) {
        format!("GOST ({dotted})")
    } else {
        dotted
    }
}

fn key_of(certificate: &Certificate) -> Result<VerifyingKey<Sha256>, Rejection> {
    let spki = &certificate.tbs_certificate.subject_public_key_info;
    if spki.algorithm.oid != oids::RSA_ENCRYPTION {
        return Err(Rejection::UnsupportedAlgorithm(describe(
            &spki.algorithm.oid,
        )));
    }
    let der = spki
        .to_der()
        .map_err(|e| Rejection::Malformed(e.to_string()))?;
    let key =
        RsaPublicKey::from_public_key_der(&der).map_err(|e| Rejection::Malformed(e.to_string()))?;
    Ok(VerifyingKey::new(key))
}

/// Verifies `signature` over `message` with the certificate's RSA key.
pub fn verify(
    certificate: &Certificate,
    message: &[u8],
    signature: &[u8],
) -> Result<(), Rejection> {
    let key = key_of(certificate)?;
    let signature = Signature::try_from(signature).map_err(|_| Rejection::BadSignature)?;
    key.verify(message, &signature)
        .map_err(|_| Rejection::BadSignature)
}

/// Verifies that `issuer` signed `certificate`.
pub fn certificate_signed_by(
    certificate: &Certificate,
    issuer: &Certificate,
) -> Result<(), Rejection> {
    supported(&certificate.signature_algorithm)?;
    let tbs = certificate
        .tbs_certificate
        .to_der()
        .map_err(|e| Rejection::Malformed(e.to_string()))?;
    let signature = certificate
        .signature
        .as_bytes()
        .ok_or_else(|| Rejection::Malformed("signature bit string".into()))?;
    verify(issuer, &tbs, signature)
}
