//! Strict verification of a CMS SignedData (attached or detached) against a policy: the
//! signature, the chain to a trusted root, validity at signing time, revocation, key type,
//! role, BIN and IIN — each check reported on its own.

use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use der::asn1::OctetString;
use der::{Decode, Encode};
use sha2::{Digest, Sha256};
use x509_cert::ext::pkix::SubjectKeyIdentifier;
use x509_cert::Certificate;

use crate::certificate::{extended_key_usage, key_kind, roles, KeyKind, Role, Signer};
use crate::oids;
use crate::policy::{Policy, Purpose, Signatory};
use crate::rejection::Rejection;
use crate::revocation::{RevocationChecker, RevocationStatus};
use crate::rsa_check;
use crate::trust::{valid_at, TrustStore};

/// One step of verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// The content matches the signed message digest.
    Content,
    /// The signature value verifies with the signer's key.
    Signature,
    /// The signer chains to a trusted root.
    Chain,
    /// Every certificate was valid at signing time.
    Validity,
    /// No certificate on the path is revoked.
    Revocation,
    /// SIGN for acts, AUTH for logins.
    KeyType,
    /// Head / signing right where required.
    Role,
    /// The expected organisation.
    Bin,
    /// The expected person.
    Iin,
}

/// How one step went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Checked and fine.
    Passed,
    /// Checked and refused.
    Failed(Rejection),
    /// Not checked (no checker configured, nothing expected).
    Skipped,
}

/// What verifying one signature found.
#[derive(Debug, Clone)]
pub struct Verification {
    /// Who signed (when the certificate could be read).
    pub signer: Option<Signer>,
    /// The time validity was judged at (Unix seconds) and where it came from.
    pub signing_time: i64,
    /// Every step, in order.
    pub checks: Vec<(Step, Outcome)>,
    /// The signed content (attached, or the detached data given).
    pub content: Vec<u8>,
}

impl Verification {
    /// The signer if every step passed, else the first rejection.
    pub fn verdict(&self) -> Result<&Signer, Rejection> {
        if let Some(rejection) = self.checks.iter().find_map(|(_, o)| match o {
            Outcome::Failed(r) => Some(r.clone()),
            _ => None,
        }) {
            return Err(rejection);
        }
        self.signer
            .as_ref()
            .ok_or(Rejection::SignerCertificateMissing)
    }
}

/// Verifies signatures with a trust store and, optionally, a revocation checker.
pub struct Verifier {
    trust: TrustStore,
    revocation: Option<Box<dyn RevocationChecker>>,
}

fn malformed(e: impl std::fmt::Display) -> Rejection {
    Rejection::Malformed(e.to_string())
}

fn signed_data(der: &[u8]) -> Result<SignedData, Rejection> {
    let info = ContentInfo::from_der(der).map_err(malformed)?;
    if info.content_type != oids::SIGNED_DATA {
        return Err(Rejection::Malformed("not signedData".into()));
    }
    info.content.decode_as::<SignedData>().map_err(malformed)
}

fn certificates(data: &SignedData) -> Vec<Certificate> {
    data.certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|choice| match choice {
            CertificateChoices::Certificate(c) => Some(c.clone()),
            CertificateChoices::Other(_) => None,
        })
        .collect()
}

fn subject_key_id(certificate: &Certificate) -> Option<Vec<u8>> {
    let ext = certificate
        .tbs_certificate
        .extensions
        .as_ref()?
        .iter()
        .find(|e| e.extn_id == oids::SUBJECT_KEY_ID)?;
    SubjectKeyIdentifier::from_der(ext.extn_value.as_bytes())
        .ok()
        .map(|ski| ski.0.as_bytes().to_vec())
}

fn signer_certificate(info: &SignerInfo, certificates: &[Certificate]) -> Option<Certificate> {
    certificates
        .iter()
        .find(|c| match &info.sid {
            SignerIdentifier::IssuerAndSerialNumber(id) => {
                c.tbs_certificate.issuer == id.issuer
                    && c.tbs_certificate.serial_number == id.serial_number
            }
            SignerIdentifier::SubjectKeyIdentifier(ski) => {
                subject_key_id(c).is_some_and(|own| own == ski.0.as_bytes())
            }
        })
        .cloned()
}

fn attribute(info: &SignerInfo, oid: const_oid::ObjectIdentifier) -> Option<&der::Any> {
    info.signed_attrs
        .as_ref()?
        .iter()
        .find(|a| a.oid == oid)
        .and_then(|a| a.values.iter().next())
}

/// Checks the content against `messageDigest` and the signature over the signed attributes
/// (or over the content itself when a producer signed without attributes).
fn check_signature(
    info: &SignerInfo,
    certificate: &Certificate,
    content: &[u8],
) -> (Outcome, Outcome) {
    if let Err(e) = rsa_check::supported(&info.signature_algorithm) {
        return (Outcome::Failed(e.clone()), Outcome::Failed(e));
    }
    if info.digest_alg.oid != oids::SHA256 {
        let e = Rejection::UnsupportedAlgorithm(rsa_check::describe(&info.digest_alg.oid));
        return (Outcome::Failed(e.clone()), Outcome::Failed(e));
    }
    let signature = info.signature.as_bytes();
    let Some(attrs) = &info.signed_attrs else {
        let outcome = match rsa_check::verify(certificate, content, signature) {
            Ok(()) => Outcome::Passed,
            Err(_) => Outcome::Failed(Rejection::DigestMismatch),
        };
        return (outcome.clone(), outcome);
    };
    let digest =
        attribute(info, oids::MESSAGE_DIGEST).and_then(|any| any.decode_as::<OctetString>().ok());
    let content_outcome = match digest {
        Some(d) if d.as_bytes() == Sha256::digest(content).as_slice() => Outcome::Passed,
        Some(_) => Outcome::Failed(Rejection::DigestMismatch),
        None => Outcome::Failed(Rejection::Malformed("no messageDigest".into())),
    };
    let signature_outcome = match attrs.to_der() {
        Ok(der) => match rsa_check::verify(certificate, &der, signature) {
            Ok(()) => Outcome::Passed,
            Err(e) => Outcome::Failed(e),
        },
        Err(e) => Outcome::Failed(malformed(e)),
    };
    (content_outcome, signature_outcome)
}

fn signing_time(info: &SignerInfo, now: i64) -> i64 {
    attribute(info, oids::SIGNING_TIME)
        .and_then(|any| any.to_der().ok())
        .and_then(|der| x509_cert::time::Time::from_der(&der).ok())
        .map(|t| crate::certificate::unix(&t))
        .unwrap_or(now)
}

fn check_key_type(certificate: &Certificate, purpose: Purpose) -> Outcome {
    match (purpose, key_kind(certificate)) {
        (Purpose::Act, KeyKind::Sign) | (Purpose::Auth, KeyKind::Auth) => Outcome::Passed,
        (Purpose::Act, _) => Outcome::Failed(Rejection::WrongKeyType { expected: "SIGN" }),
        (Purpose::Auth, _) => Outcome::Failed(Rejection::WrongKeyType { expected: "AUTH" }),
    }
}

fn check_role(certificate: &Certificate, signatory: Signatory) -> Outcome {
    let roles = roles(certificate);
    let individual = roles.contains(&Role::Individual)
        || !extended_key_usage(certificate).contains(&oids::ROLE_ORGANIZATION)
            && !roles
                .iter()
                .any(|r| matches!(r, Role::Head | Role::SigningRight | Role::Employee));
    match signatory {
        Signatory::Anyone => Outcome::Passed,
        _ if individual => Outcome::Failed(Rejection::IndividualKey),
        Signatory::AnyEmployee => Outcome::Passed,
        Signatory::HeadOrSigningRight => {
            if roles.contains(&Role::Head) || roles.contains(&Role::SigningRight) {
                Outcome::Passed
            } else {
                Outcome::Failed(Rejection::NoSigningRight)
            }
        }
    }
}

impl Verifier {
    /// A verifier trusting `trust`, without revocation checking (the embedded default).
    pub fn new(trust: TrustStore) -> Verifier {
        Verifier {
            trust,
            revocation: None,
        }
    }

    /// Turns revocation checking on.
    pub fn with_revocation(mut self, checker: Box<dyn RevocationChecker>) -> Verifier {
        self.revocation = Some(checker);
        self
    }

    /// Verifies `cms` (DER) — with `detached` data when the signature does not carry it —
    /// against `policy`, judging "now" as `now` (Unix seconds).
    pub fn verify(
        &self,
        cms: &[u8],
        detached: Option<&[u8]>,
        policy: &Policy,
        now: i64,
    ) -> Result<Verification, Rejection> {
        let data = signed_data(cms)?;
        let content = match (&data.encap_content_info.econtent, detached) {
            (Some(any), _) => any
                .decode_as::<OctetString>()
                .map(|o| o.as_bytes().to_vec())
                .unwrap_or_else(|_| any.value().to_vec()),
            (None, Some(bytes)) => bytes.to_vec(),
            (None, None) => return Err(Rejection::DetachedWithoutData),
        };
        let info = data
            .signer_infos
            .0
            .iter()
            .next()
            .ok_or_else(|| Rejection::Malformed("no signer".into()))?;
        let certificates = certificates(&data);
        let certificate =
            signer_certificate(info, &certificates).ok_or(Rejection::SignerCertificateMissing)?;
        let signer = Signer::from_certificate(&certificate).map_err(malformed)?;
        let at = signing_time(info, now);

        let mut checks = Vec::new();
        let (content_outcome, signature_outcome) = check_signature(info, &certificate, &content);
        checks.push((Step::Content, content_outcome));
        checks.push((Step::Signature, signature_outcome));

        let path = self.trust.path(&certificate, &certificates);
        checks.push((
            Step::Chain,
            match &path {
                Ok(_) => Outcome::Passed,
                Err(e) => Outcome::Failed(e.clone()),
            },
        ));
        let validity = valid_at(
            path.as_deref()
                .unwrap_or(std::slice::from_ref(&certificate)),
            at,
        );
        checks.push((
            Step::Validity,
            validity.map_or_else(Outcome::Failed, |()| Outcome::Passed),
        ));
        checks.push((
            Step::Revocation,
            self.revocation_outcome(path.as_deref().ok(), at),
        ));
        checks.push((Step::KeyType, check_key_type(&certificate, policy.purpose)));
        checks.push((Step::Role, check_role(&certificate, policy.signatory)));
        checks.push((
            Step::Bin,
            match &policy.bin {
                None => Outcome::Skipped,
                Some(bin) if signer.bin.as_deref() == Some(bin.as_string().as_str()) => {
                    Outcome::Passed
                }
                Some(_) => Outcome::Failed(Rejection::WrongBin),
            },
        ));
        checks.push((
            Step::Iin,
            match &policy.iin {
                None => Outcome::Skipped,
                Some(iin) if signer.iin.as_deref() == Some(iin.as_string().as_str()) => {
                    Outcome::Passed
                }
                Some(_) => Outcome::Failed(Rejection::WrongIin),
            },
        ));
        Ok(Verification {
            signer: Some(signer),
            signing_time: at,
            checks,
            content,
        })
    }

    fn revocation_outcome(&self, path: Option<&[Certificate]>, at: i64) -> Outcome {
        let (Some(checker), Some(path)) = (&self.revocation, path) else {
            return Outcome::Skipped;
        };
        for pair in path.windows(2) {
            match checker.status(&pair[0], &pair[1], at) {
                RevocationStatus::Good => {}
                RevocationStatus::Revoked => return Outcome::Failed(Rejection::Revoked),
                RevocationStatus::Unknown(why) => {
                    return Outcome::Failed(Rejection::RevocationUnknown(why))
                }
            }
        }
        Outcome::Passed
    }
}
