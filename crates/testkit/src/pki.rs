//! A Kazakh-style test PKI: a root and an issuing CA with НУЦ-like names, end-entity
//! certificates with the real subject layout (SERIALNUMBER=IIN…, OU=BIN…, GIVENNAME =
//! patronymic), key usages, EKU roles and policies — one per scenario — and real RSA-SHA256
//! CMS signatures made with them. Keys are fixed files (`pki/keys`); certificates are issued
//! at start, relative to "now", so validity scenarios stay true.

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use const_oid::ObjectIdentifier as Oid;
use der::asn1::{BitString, OctetString, PrintableStringRef, SetOfVec, UtcTime, Utf8StringRef};
use der::{Any, Decode, Encode};
use homeportal_pki::certificate::key_kind;
use homeportal_pki::{oids, TrustStore};
use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::{DecodePrivateKey, EncodePublicKey};
use rsa::RsaPrivateKey;
use sha2::{Digest, Sha256};
use signature::{SignatureEncoding, Signer};
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use x509_cert::attr::{Attribute, AttributeTypeAndValue};
use x509_cert::certificate::{TbsCertificate, Version};
use x509_cert::ext::pkix::{
    BasicConstraints, ExtendedKeyUsage, KeyUsage, KeyUsages, SubjectKeyIdentifier,
};
use x509_cert::ext::Extension;
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::{Time, Validity};
use x509_cert::Certificate;

use crate::accounts::TestAccount;

const DAY: i64 = 86_400;

/// The keys a test kit holds: who they are and what their certificate says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scenario {
    /// First head of Nova City (EKU …1.2.1), SIGN key.
    Head,
    /// Person with signing right at Nova City (…1.2.2).
    SigningRight,
    /// Plain employee at Nova City (…1.2.5).
    Employee,
    /// An individual (…1.1), no BIN.
    Individual,
    /// The head's AUTH key (clientAuth).
    HeadAuth,
    /// The head's SIGN key, expired a month ago.
    Expired,
    /// The head's SIGN key, valid only from next month.
    NotYetValid,
    /// The head of another organisation (ТОО «СтройИнвест»).
    OtherBin,
    /// The head's name under a root nobody trusts.
    Untrusted,
    /// The head's SIGN key, revoked (reported by the test checker).
    Revoked,
    /// The individual's AUTH key (no BIN).
    IndividualAuth,
    /// The AUTH key of the head of ТОО «СтройИнвест».
    OtherBinAuth,
}

impl Scenario {
    /// Every scenario.
    pub const ALL: [Scenario; 12] = [
        Scenario::Head,
        Scenario::SigningRight,
        Scenario::Employee,
        Scenario::Individual,
        Scenario::HeadAuth,
        Scenario::Expired,
        Scenario::NotYetValid,
        Scenario::OtherBin,
        Scenario::Untrusted,
        Scenario::Revoked,
        Scenario::IndividualAuth,
        Scenario::OtherBinAuth,
    ];

    /// The other key file the same person holds (НУЦ issues a SIGN and an AUTH key together),
    /// if the test PKI has it.
    pub fn pair(self) -> Option<Scenario> {
        match self {
            Scenario::Head => Some(Scenario::HeadAuth),
            Scenario::HeadAuth => Some(Scenario::Head),
            Scenario::Individual => Some(Scenario::IndividualAuth),
            Scenario::IndividualAuth => Some(Scenario::Individual),
            Scenario::OtherBin => Some(Scenario::OtherBinAuth),
            Scenario::OtherBinAuth => Some(Scenario::OtherBin),
            _ => None,
        }
    }
}

/// A certificate with its private key.
#[derive(Clone)]
pub struct TestKey {
    /// Which scenario.
    pub scenario: Scenario,
    /// The end-entity certificate.
    pub certificate: Certificate,
    /// The issuing CA's certificate (sent along in signatures).
    pub issuer: Certificate,
    key: RsaPrivateKey,
}

/// The test PKI.
pub struct TestPki {
    /// Trusted root.
    pub root: Certificate,
    /// Issuing CA under the root.
    pub ca: Certificate,
    /// A root that is not trusted.
    pub rogue_root: Certificate,
    keys: Vec<TestKey>,
}

fn private_key(pem: &str) -> RsaPrivateKey {
    RsaPrivateKey::from_pkcs8_pem(pem).expect("test key files are valid PKCS#8")
}

fn sha256_rsa() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid: oids::SHA256_WITH_RSA,
        parameters: Some(Any::null()),
    }
}

fn rdn(oid: &str, value: &str, printable: bool) -> RelativeDistinguishedName {
    let value = if printable {
        Any::encode_from(&PrintableStringRef::new(value).expect("printable"))
    } else {
        Any::encode_from(&Utf8StringRef::new(value).expect("utf8"))
    }
    .expect("attribute value");
    let atv = AttributeTypeAndValue {
        oid: Oid::new_unwrap(oid),
        value,
    };
    RelativeDistinguishedName(SetOfVec::try_from(vec![atv]).expect("one attribute"))
}

/// A subject in the order НУЦ РК uses.
fn person(
    surname: &str,
    name: &str,
    patronymic: &str,
    iin: &str,
    organization: Option<(&str, &str)>,
) -> Name {
    let mut rdns = vec![
        rdn("2.5.4.3", &format!("{surname} {name}"), false),
        rdn("2.5.4.4", surname, false),
        rdn("2.5.4.5", &format!("IIN{iin}"), true),
        rdn("2.5.4.6", "KZ", true),
    ];
    if let Some((org, bin)) = organization {
        rdns.push(rdn("2.5.4.10", org, false));
        rdns.push(rdn("2.5.4.11", &format!("BIN{bin}"), true));
    }
    rdns.push(rdn("2.5.4.42", patronymic, false));
    RdnSequence(rdns)
}

fn ca_name(common_name: &str) -> Name {
    RdnSequence(vec![
        rdn("2.5.4.3", common_name, false),
        rdn("2.5.4.6", "KZ", true),
    ])
}

fn time(unix: i64) -> Time {
    let at = std::time::Duration::from_secs(unix.max(0) as u64);
    Time::UtcTime(UtcTime::from_unix_duration(at).expect("time before 2050"))
}

fn extension(oid: Oid, critical: bool, value: &impl Encode) -> Extension {
    Extension {
        extn_id: oid,
        critical,
        extn_value: OctetString::new(value.to_der().expect("extension")).expect("octets"),
    }
}

fn spki(key: &RsaPrivateKey) -> SubjectPublicKeyInfoOwned {
    let der = key.to_public_key().to_public_key_der().expect("public key");
    SubjectPublicKeyInfoOwned::try_from(der.as_bytes()).expect("spki")
}

fn key_id(key: &RsaPrivateKey) -> Vec<u8> {
    Sha256::digest(spki(key).subject_public_key.raw_bytes())[..20].to_vec()
}

/// What distinguishes one certificate from another.
struct Profile {
    serial: u64,
    subject: Name,
    not_before: i64,
    not_after: i64,
    extensions: Vec<Extension>,
}

fn issue(
    profile: Profile,
    key: &RsaPrivateKey,
    issuer: &Name,
    issuer_key: &RsaPrivateKey,
) -> Certificate {
    let mut extensions = profile.extensions;
    extensions.push(extension(
        oids::SUBJECT_KEY_ID,
        false,
        &SubjectKeyIdentifier(OctetString::new(key_id(key)).expect("ski")),
    ));
    let tbs = TbsCertificate {
        version: Version::V3,
        serial_number: SerialNumber::from(profile.serial),
        signature: sha256_rsa(),
        issuer: issuer.clone(),
        validity: Validity {
            not_before: time(profile.not_before),
            not_after: time(profile.not_after),
        },
        subject: profile.subject,
        subject_public_key_info: spki(key),
        issuer_unique_id: None,
        subject_unique_id: None,
        extensions: Some(extensions),
    };
    let signed = SigningKey::<Sha256>::new(issuer_key.clone())
        .sign(&tbs.to_der().expect("tbs"))
        .to_vec();
    Certificate {
        tbs_certificate: tbs,
        signature_algorithm: sha256_rsa(),
        signature: BitString::from_bytes(&signed).expect("signature"),
    }
}

fn ca_extensions() -> Vec<Extension> {
    vec![
        extension(
            oids::BASIC_CONSTRAINTS,
            true,
            &BasicConstraints {
                ca: true,
                path_len_constraint: None,
            },
        ),
        extension(
            oids::KEY_USAGE,
            true,
            &KeyUsage(KeyUsages::KeyCertSign | KeyUsages::CRLSign),
        ),
    ]
}

/// KeyUsage, EKU (key purpose + roles) and policy of an end-entity certificate.
fn entity_extensions(auth: bool, roles: &[Oid], policy: Oid) -> Vec<Extension> {
    let usage = if auth {
        KeyUsages::DigitalSignature | KeyUsages::KeyEncipherment
    } else {
        KeyUsages::DigitalSignature | KeyUsages::NonRepudiation
    };
    let mut eku = vec![if auth { oids::EKU_AUTH } else { oids::EKU_SIGN }];
    eku.extend_from_slice(roles);
    let policies = x509_cert::ext::pkix::CertificatePolicies(vec![
        x509_cert::ext::pkix::certpolicy::PolicyInformation {
            policy_identifier: policy,
            policy_qualifiers: None,
        },
    ]);
    vec![
        extension(oids::KEY_USAGE, true, &KeyUsage(usage)),
        extension(oids::EXT_KEY_USAGE, false, &ExtendedKeyUsage(eku)),
        extension(oids::CERTIFICATE_POLICIES, false, &policies),
    ]
}

impl TestPki {
    /// Issues the whole PKI with validity around `now` (Unix seconds).
    pub fn new(now: i64) -> TestPki {
        let root_key = private_key(include_str!("../pki/keys/root.pem"));
        let ca_key = private_key(include_str!("../pki/keys/ca.pem"));
        let rogue_key = private_key(include_str!("../pki/keys/rogue-root.pem"));
        let root_name = ca_name("НЕГІЗГІ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA) TEST");
        let ca_name_ = ca_name("ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA) TEST");
        let rogue_name = ca_name("НЕГІЗГІ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA) ЖАЛҒАН");
        let ca_profile = |serial, subject| Profile {
            serial,
            subject,
            not_before: now - 365 * DAY,
            not_after: now + 10 * 365 * DAY,
            extensions: ca_extensions(),
        };
        let root = issue(
            ca_profile(1, root_name.clone()),
            &root_key,
            &root_name,
            &root_key,
        );
        let ca = issue(
            ca_profile(2, ca_name_.clone()),
            &ca_key,
            &root_name,
            &root_key,
        );
        let rogue_root = issue(
            ca_profile(3, rogue_name.clone()),
            &rogue_key,
            &rogue_name,
            &rogue_key,
        );

        let nova = TestAccount::nova_city();
        let stroy = TestAccount::stroy();
        let org = Some(("ТОО \"Nova City Development\"", nova.bin));
        let head = || person("ТЕСТОВ", "АЙДАР", "СЕРИКОВИЧ", nova.iin, org);
        let legal_sign = oids::POLICY_LEGAL_SIGN;
        let head_roles = [oids::ROLE_ORGANIZATION, oids::ROLE_HEAD];
        let keys = [
            (
                Scenario::Head,
                "head",
                head(),
                false,
                head_roles.to_vec(),
                legal_sign,
                0,
            ),
            (
                Scenario::SigningRight,
                "signer",
                person("ОМАРОВА", "ДАНА", "БОЛАТОВНА", "850312450194", org),
                false,
                vec![oids::ROLE_ORGANIZATION, oids::ROLE_SIGNING_RIGHT],
                legal_sign,
                0,
            ),
            (
                Scenario::Employee,
                "employee",
                person("ИВАНОВ", "ПЕТР", "СЕРГЕЕВИЧ", "900101350122", org),
                false,
                vec![oids::ROLE_ORGANIZATION, oids::ROLE_EMPLOYEE],
                legal_sign,
                0,
            ),
            (
                Scenario::Individual,
                "individual",
                person("ТЕСТОВ", "АЙДАР", "СЕРИКОВИЧ", nova.iin, None),
                false,
                vec![oids::ROLE_INDIVIDUAL],
                oids::POLICY_INDIVIDUAL_SIGN,
                0,
            ),
            (
                Scenario::HeadAuth,
                "head-auth",
                head(),
                true,
                head_roles.to_vec(),
                oids::POLICY_LEGAL_AUTH,
                0,
            ),
            (
                Scenario::Expired,
                "head",
                head(),
                false,
                head_roles.to_vec(),
                legal_sign,
                -1,
            ),
            (
                Scenario::NotYetValid,
                "head",
                head(),
                false,
                head_roles.to_vec(),
                legal_sign,
                1,
            ),
            (
                Scenario::OtherBin,
                "other-bin",
                person(
                    "СМАГУЛОВ",
                    "ЕРЛАН",
                    "ТИМУРОВИЧ",
                    "760505300200",
                    Some(("ТОО \"СтройИнвест\"", stroy.bin)),
                ),
                false,
                head_roles.to_vec(),
                legal_sign,
                0,
            ),
            (
                Scenario::Untrusted,
                "head",
                head(),
                false,
                head_roles.to_vec(),
                legal_sign,
                0,
            ),
            (
                Scenario::Revoked,
                "head",
                head(),
                false,
                head_roles.to_vec(),
                legal_sign,
                0,
            ),
            (
                Scenario::IndividualAuth,
                "individual",
                person("ТЕСТОВ", "АЙДАР", "СЕРИКОВИЧ", nova.iin, None),
                true,
                vec![oids::ROLE_INDIVIDUAL],
                oids::POLICY_INDIVIDUAL_AUTH,
                0,
            ),
            (
                Scenario::OtherBinAuth,
                "other-bin",
                person(
                    "СМАГУЛОВ",
                    "ЕРЛАН",
                    "ТИМУРОВИЧ",
                    "760505300200",
                    Some(("ТОО \"СтройИнвест\"", stroy.bin)),
                ),
                true,
                head_roles.to_vec(),
                oids::POLICY_LEGAL_AUTH,
                0,
            ),
        ];
        let keys = keys
            .into_iter()
            .enumerate()
            .map(
                |(i, (scenario, file, subject, auth, roles, policy, shift))| {
                    let key = private_key(key_file(file));
                    let (not_before, not_after) = match shift {
                        -1 => (now - 400 * DAY, now - 30 * DAY),
                        1 => (now + 30 * DAY, now + 400 * DAY),
                        _ => (now - 30 * DAY, now + 335 * DAY),
                    };
                    let profile = Profile {
                        serial: 0x1000 + i as u64,
                        subject,
                        not_before,
                        not_after,
                        extensions: entity_extensions(auth, &roles, policy),
                    };
                    let (issuer, issuer_name, issuer_key) = if scenario == Scenario::Untrusted {
                        (&rogue_root, &rogue_name, &rogue_key)
                    } else {
                        (&ca, &ca_name_, &ca_key)
                    };
                    TestKey {
                        scenario,
                        certificate: issue(profile, &key, issuer_name, issuer_key),
                        issuer: issuer.clone(),
                        key,
                    }
                },
            )
            .collect();
        TestPki {
            root,
            ca,
            rogue_root,
            keys,
        }
    }

    /// The key of a scenario.
    pub fn key(&self, scenario: Scenario) -> &TestKey {
        self.keys
            .iter()
            .find(|k| k.scenario == scenario)
            .expect("every scenario has a key")
    }

    /// The DER public keys of the test root and issuing CA: the same in every run (the keys
    /// are fixed), so a file that holds either certificate, in DER or PEM, holds one of them.
    pub fn ca_public_keys(&self) -> Vec<Vec<u8>> {
        use der::Encode;
        [&self.root, &self.ca]
            .iter()
            .filter_map(|c| c.tbs_certificate.subject_public_key_info.to_der().ok())
            .collect()
    }

    /// Trusts the test root (the issuing CA is known as an intermediate).
    pub fn trust_store(&self) -> TrustStore {
        TrustStore::new(vec![self.root.clone()]).with_intermediates(vec![self.ca.clone()])
    }

    /// Writes every scenario's key file (`RSA256_….p12`, `AUTH_RSA256_….p12`) into `dir`, all
    /// with `password`; returns the paths by scenario.
    pub fn export_key_files(
        &self,
        dir: &std::path::Path,
        password: &str,
    ) -> std::io::Result<Vec<(Scenario, std::path::PathBuf)>> {
        let mut written = Vec::new();
        for key in &self.keys {
            let scenario_dir = dir.join(format!("{:?}", key.scenario).to_lowercase());
            std::fs::create_dir_all(&scenario_dir)?;
            let path = scenario_dir.join(key.file_name());
            std::fs::write(&path, key.pkcs12(password))?;
            written.push((key.scenario, path));
        }
        Ok(written)
    }

    /// A checker that knows the revoked scenario's certificate.
    pub fn revocations(&self) -> homeportal_pki::RevokedSerials {
        let mut revoked = homeportal_pki::RevokedSerials::default();
        revoked.revoke(&self.key(Scenario::Revoked).certificate);
        revoked
    }
}

/// A TLS server identity for a local service (the fake NCALayer on 127.0.0.1), issued by its
/// own CA like NCALayer's «ҰКО (RSA)» chain; clients trust `ca_pem`, never "any certificate".
pub struct TlsIdentity {
    /// The CA clients must be configured to trust, PEM.
    pub ca_pem: String,
    /// Server certificate then CA, DER.
    pub chain: Vec<Vec<u8>>,
    /// The server's private key, PKCS#8 DER.
    pub key: Vec<u8>,
}

/// Issues the loopback TLS identity (CN=127.0.0.1, SAN 127.0.0.1 and localhost).
pub fn loopback_tls(now: i64) -> TlsIdentity {
    use der::asn1::Ia5String;
    use der::EncodePem;
    use rsa::pkcs8::EncodePrivateKey;
    use x509_cert::ext::pkix::name::GeneralName;
    use x509_cert::ext::pkix::SubjectAltName;

    let ca_key = private_key(include_str!("../pki/keys/tls-ca.pem"));
    let server_key = private_key(include_str!("../pki/keys/tls-server.pem"));
    let ca_name = RdnSequence(vec![
        rdn("2.5.4.3", "ҰКО (RSA) TEST LOCALHOST", false),
        rdn("2.5.4.10", "ҰКО", false),
        rdn("2.5.4.6", "KZ", true),
    ]);
    let ca = issue(
        Profile {
            serial: 11,
            subject: ca_name.clone(),
            not_before: now - DAY,
            not_after: now + 365 * DAY,
            extensions: ca_extensions(),
        },
        &ca_key,
        &ca_name,
        &ca_key,
    );
    let alt_names = SubjectAltName(vec![
        GeneralName::IpAddress(OctetString::new(vec![127, 0, 0, 1]).expect("ip")),
        GeneralName::DnsName(Ia5String::new("localhost").expect("dns")),
    ]);
    let server = issue(
        Profile {
            serial: 12,
            subject: RdnSequence(vec![
                rdn("2.5.4.3", "127.0.0.1", false),
                rdn("2.5.4.10", "ҰКО", false),
                rdn("2.5.4.6", "KZ", true),
            ]),
            not_before: now - DAY,
            not_after: now + 365 * DAY,
            extensions: vec![
                extension(
                    oids::KEY_USAGE,
                    true,
                    &KeyUsage(KeyUsages::DigitalSignature | KeyUsages::KeyEncipherment),
                ),
                extension(
                    oids::EXT_KEY_USAGE,
                    false,
                    &ExtendedKeyUsage(vec![Oid::new_unwrap("1.3.6.1.5.5.7.3.1")]),
                ),
                extension(Oid::new_unwrap("2.5.29.17"), false, &alt_names),
            ],
        },
        &server_key,
        &ca_name,
        &ca_key,
    );
    TlsIdentity {
        ca_pem: ca.to_pem(der::pem::LineEnding::LF).expect("pem"),
        chain: vec![server.to_der().expect("der"), ca.to_der().expect("der")],
        key: server_key
            .to_pkcs8_der()
            .expect("pkcs8")
            .as_bytes()
            .to_vec(),
    }
}

fn key_file(name: &str) -> &'static str {
    match name {
        "head" => include_str!("../pki/keys/head.pem"),
        "head-auth" => include_str!("../pki/keys/head-auth.pem"),
        "signer" => include_str!("../pki/keys/signer.pem"),
        "employee" => include_str!("../pki/keys/employee.pem"),
        "individual" => include_str!("../pki/keys/individual.pem"),
        _ => include_str!("../pki/keys/other-bin.pem"),
    }
}

fn attribute(oid: Oid, value: &impl Encode) -> Attribute {
    let value = Any::from_der(&value.to_der().expect("value")).expect("value");
    Attribute {
        oid,
        values: SetOfVec::try_from(vec![value]).expect("set"),
    }
}

impl TestKey {
    /// A CMS SignedData over `data` (attached or detached), RSA-SHA256 with signed attributes
    /// contentType, signingTime and messageDigest, carrying the signer and its CA — as NCALayer
    /// makes them. DER.
    pub fn sign_cms(&self, data: &[u8], attached: bool, signing_time: i64) -> Vec<u8> {
        self.sign_digest(
            &Sha256::digest(data),
            attached.then_some(data),
            signing_time,
        )
    }

    /// A detached CMS over an already computed SHA-256 (NCALayer's `digested: true`). DER.
    pub fn sign_hash(&self, sha256: &[u8], signing_time: i64) -> Vec<u8> {
        self.sign_digest(sha256, None, signing_time)
    }

    fn sign_digest(&self, sha256: &[u8], content: Option<&[u8]>, signing_time: i64) -> Vec<u8> {
        let sha256_alg = AlgorithmIdentifierOwned {
            oid: oids::SHA256,
            parameters: None,
        };
        let digest = OctetString::new(sha256.to_vec()).expect("digest");
        let signed_attrs = SetOfVec::try_from(vec![
            attribute(oids::CONTENT_TYPE, &oids::DATA),
            attribute(oids::SIGNING_TIME, &time(signing_time)),
            attribute(oids::MESSAGE_DIGEST, &digest),
        ])
        .expect("attributes");
        let signature = SigningKey::<Sha256>::new(self.key.clone())
            .sign(&signed_attrs.to_der().expect("attributes"))
            .to_vec();
        let tbs = &self.certificate.tbs_certificate;
        let info = SignerInfo {
            version: CmsVersion::V1,
            sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
                issuer: tbs.issuer.clone(),
                serial_number: tbs.serial_number.clone(),
            }),
            digest_alg: sha256_alg.clone(),
            signed_attrs: Some(signed_attrs),
            signature_algorithm: AlgorithmIdentifierOwned {
                oid: oids::RSA_ENCRYPTION,
                parameters: Some(Any::null()),
            },
            signature: OctetString::new(signature).expect("signature"),
            unsigned_attrs: None,
        };
        let content = content.map(|data| {
            Any::encode_from(&OctetString::new(data.to_vec()).expect("content")).expect("content")
        });
        let certificates = CertificateSet(
            SetOfVec::try_from(vec![
                CertificateChoices::Certificate(self.certificate.clone()),
                CertificateChoices::Certificate(self.issuer.clone()),
            ])
            .expect("certificates"),
        );
        let signed = SignedData {
            version: CmsVersion::V1,
            digest_algorithms: SetOfVec::try_from(vec![sha256_alg]).expect("digests"),
            encap_content_info: EncapsulatedContentInfo {
                econtent_type: oids::DATA,
                econtent: content,
            },
            certificates: Some(certificates),
            crls: None,
            signer_infos: SignerInfos(SetOfVec::try_from(vec![info]).expect("signers")),
        };
        ContentInfo {
            content_type: oids::SIGNED_DATA,
            content: Any::encode_from(&signed).expect("signed data"),
        }
        .to_der()
        .expect("content info")
    }

    /// The certificate, PEM.
    pub fn certificate_pem(&self) -> String {
        use der::EncodePem;
        self.certificate
            .to_pem(der::pem::LineEnding::LF)
            .expect("pem")
    }

    /// The private key, PKCS#8 PEM.
    pub fn key_pem(&self) -> String {
        use rsa::pkcs8::EncodePrivateKey;
        self.key
            .to_pkcs8_pem(der::pem::LineEnding::LF)
            .expect("pem")
            .to_string()
    }

    /// The name НУЦ gives such a key file: `RSA256_<key id>.p12`, `AUTH_RSA256_<key id>.p12`.
    pub fn file_name(&self) -> String {
        let id = hex::encode(key_id(&self.key));
        if key_kind(&self.certificate) == homeportal_pki::KeyKind::Auth {
            format!("AUTH_RSA256_{id}.p12")
        } else {
            format!("RSA256_{id}.p12")
        }
    }

    /// The key and its chain as a PKCS#12 file protected by `password`, encrypted the way НУЦ's
    /// files are (3DES key bag, SHA-1 MAC).
    pub fn pkcs12(&self, password: &str) -> Vec<u8> {
        use p12_keystore::{
            Certificate as P12Certificate, EncryptionAlgorithm, KeyStore, KeyStoreEntry,
            MacAlgorithm, PrivateKeyChain,
        };
        use rsa::pkcs8::EncodePrivateKey;
        let chain = [&self.certificate, &self.issuer]
            .into_iter()
            .map(|c| P12Certificate::from_der(&c.to_der().expect("der")).expect("certificate"))
            .collect::<Vec<_>>();
        let key = self.key.to_pkcs8_der().expect("pkcs8");
        let mut store = KeyStore::new();
        store.add_entry(
            &hex::encode(self.certificate.tbs_certificate.serial_number.as_bytes()),
            KeyStoreEntry::PrivateKeyChain(PrivateKeyChain::new(
                key.as_bytes(),
                key_id(&self.key),
                chain,
            )),
        );
        store
            .writer(password)
            .encryption_algorithm(EncryptionAlgorithm::PbeWithShaAnd3KeyTripleDesCbc)
            .mac_algorithm(MacAlgorithm::HmacSha1)
            .write()
            .expect("PKCS#12")
    }
}
