//! Object identifiers of CMS, X.509 and the Kazakh PKI (roles live in ExtendedKeyUsage).

use const_oid::ObjectIdentifier as Oid;

/// CMS `signedData` content type.
pub const SIGNED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.2");
/// CMS `data` content type.
pub const DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.1");
/// Signed attribute `contentType`.
pub const CONTENT_TYPE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.3");
/// Signed attribute `messageDigest`.
pub const MESSAGE_DIGEST: Oid = Oid::new_unwrap("1.2.840.113549.1.9.4");
/// Signed attribute `signingTime`.
pub const SIGNING_TIME: Oid = Oid::new_unwrap("1.2.840.113549.1.9.5");
/// Unsigned attribute `signatureTimeStampToken`.
pub const TIME_STAMP_TOKEN: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.14");

/// SHA-256.
pub const SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
/// rsaEncryption (some producers put it in SignerInfo.signatureAlgorithm).
pub const RSA_ENCRYPTION: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
/// sha256WithRSAEncryption.
pub const SHA256_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.11");
/// The Kazakh GOST arcs (34.310-2004, 34.10-2015): recognised, not verified.
pub const GOST_ARC: &str = "1.2.398.3.10.1";

/// Key usage extension.
pub const KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.15");
/// Extended key usage extension.
pub const EXT_KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.37");
/// Basic constraints extension.
pub const BASIC_CONSTRAINTS: Oid = Oid::new_unwrap("2.5.29.19");
/// Subject key identifier extension.
pub const SUBJECT_KEY_ID: Oid = Oid::new_unwrap("2.5.29.14");
/// Certificate policies extension.
pub const CERTIFICATE_POLICIES: Oid = Oid::new_unwrap("2.5.29.32");

/// EKU of a signing (SIGN) key: emailProtection.
pub const EKU_SIGN: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.4");
/// EKU of an authentication (AUTH) key: clientAuth.
pub const EKU_AUTH: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.2");
/// Role: individual (физическое лицо).
pub const ROLE_INDIVIDUAL: Oid = Oid::new_unwrap("1.2.398.3.3.4.1.1");
/// Role: any employee of a legal entity.
pub const ROLE_ORGANIZATION: Oid = Oid::new_unwrap("1.2.398.3.3.4.1.2");
/// Role: first head (первый руководитель).
pub const ROLE_HEAD: Oid = Oid::new_unwrap("1.2.398.3.3.4.1.2.1");
/// Role: person with signing right (право подписи).
pub const ROLE_SIGNING_RIGHT: Oid = Oid::new_unwrap("1.2.398.3.3.4.1.2.2");
/// Role: employee (сотрудник).
pub const ROLE_EMPLOYEE: Oid = Oid::new_unwrap("1.2.398.3.3.4.1.2.5");

/// Policy: legal-entity SIGN certificate.
pub const POLICY_LEGAL_SIGN: Oid = Oid::new_unwrap("1.2.398.3.3.2.1");
/// Policy: legal-entity AUTH certificate.
pub const POLICY_LEGAL_AUTH: Oid = Oid::new_unwrap("1.2.398.3.3.2.2");
/// Policy: individual SIGN certificate.
pub const POLICY_INDIVIDUAL_SIGN: Oid = Oid::new_unwrap("1.2.398.3.3.2.3");
/// Policy: individual AUTH certificate.
pub const POLICY_INDIVIDUAL_AUTH: Oid = Oid::new_unwrap("1.2.398.3.3.2.4");
