//! What a Kazakh certificate says: who, which organisation, which key type and roles, when.

use const_oid::ObjectIdentifier as Oid;
use der::asn1::{BmpString, Ia5StringRef, PrintableStringRef, TeletexStringRef, Utf8StringRef};
use der::{Decode, Tag, Tagged};
use x509_cert::ext::pkix::{BasicConstraints, ExtendedKeyUsage, KeyUsage, KeyUsages};
use x509_cert::name::Name;
use x509_cert::Certificate;

use crate::oids;
use crate::subject::{SubjectAttribute, SubjectError, SubjectIdentity};

/// SIGN or AUTH, as НУЦ РК issues them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum KeyKind {
    /// nonRepudiation / emailProtection: signs acts.
    Sign,
    /// keyEncipherment / clientAuth: logs in.
    Auth,
    /// Neither.
    Unknown,
}

/// The role a certificate grants (from its ExtendedKeyUsage).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Первый руководитель.
    Head,
    /// Право подписи.
    SigningRight,
    /// Сотрудник.
    Employee,
    /// Физическое лицо.
    Individual,
    /// An organisation's certificate with no more specific role.
    Organization,
}

fn text(value: &der::Any) -> Option<String> {
    let bytes = value.value();
    match value.tag() {
        Tag::Utf8String => Utf8StringRef::new(bytes)
            .ok()
            .map(|s| s.as_str().to_owned()),
        Tag::PrintableString => PrintableStringRef::new(bytes)
            .ok()
            .map(|s| s.as_str().to_owned()),
        Tag::Ia5String => Ia5StringRef::new(bytes).ok().map(|s| s.as_str().to_owned()),
        Tag::TeletexString => TeletexStringRef::new(bytes)
            .ok()
            .map(|s| s.as_str().to_owned()),
        Tag::BmpString => BmpString::from_ucs2(bytes).ok().map(|s| s.to_string()),
        _ => None,
    }
}

/// The attributes of a name, decoded to text.
pub fn attributes(name: &Name) -> Vec<SubjectAttribute> {
    name.0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .filter_map(|atv| {
            Some(SubjectAttribute {
                oid: atv.oid.to_string(),
                value: text(&atv.value)?,
            })
        })
        .collect()
}

fn extension(certificate: &Certificate, oid: Oid) -> Option<&[u8]> {
    certificate
        .tbs_certificate
        .extensions
        .as_ref()?
        .iter()
        .find(|e| e.extn_id == oid)
        .map(|e| e.extn_value.as_bytes())
}

/// The ExtendedKeyUsage OIDs (empty when absent).
pub fn extended_key_usage(certificate: &Certificate) -> Vec<Oid> {
    extension(certificate, oids::EXT_KEY_USAGE)
        .and_then(|der| ExtendedKeyUsage::from_der(der).ok())
        .map(|eku| eku.0)
        .unwrap_or_default()
}

fn key_usage(certificate: &Certificate) -> Option<KeyUsage> {
    extension(certificate, oids::KEY_USAGE).and_then(|der| KeyUsage::from_der(der).ok())
}

/// Whether the certificate may issue certificates (CA with keyCertSign).
pub fn is_ca(certificate: &Certificate) -> bool {
    let ca = extension(certificate, oids::BASIC_CONSTRAINTS)
        .and_then(|der| BasicConstraints::from_der(der).ok())
        .is_some_and(|bc| bc.ca);
    let signs_certificates = key_usage(certificate)
        .map(|ku| ku.0.contains(KeyUsages::KeyCertSign))
        .unwrap_or(true);
    ca && signs_certificates
}

/// SIGN or AUTH by key usage and EKU.
pub fn key_kind(certificate: &Certificate) -> KeyKind {
    let eku = extended_key_usage(certificate);
    let usage = key_usage(certificate).map(|ku| ku.0);
    let non_repudiation = usage.is_some_and(|u| u.contains(KeyUsages::NonRepudiation));
    let key_encipherment = usage.is_some_and(|u| u.contains(KeyUsages::KeyEncipherment));
    if eku.contains(&oids::EKU_SIGN) || (non_repudiation && !eku.contains(&oids::EKU_AUTH)) {
        KeyKind::Sign
    } else if eku.contains(&oids::EKU_AUTH) || key_encipherment {
        KeyKind::Auth
    } else {
        KeyKind::Unknown
    }
}

/// Roles by EKU, most specific first.
pub fn roles(certificate: &Certificate) -> Vec<Role> {
    let eku = extended_key_usage(certificate);
    [
        (oids::ROLE_HEAD, Role::Head),
        (oids::ROLE_SIGNING_RIGHT, Role::SigningRight),
        (oids::ROLE_EMPLOYEE, Role::Employee),
        (oids::ROLE_ORGANIZATION, Role::Organization),
        (oids::ROLE_INDIVIDUAL, Role::Individual),
    ]
    .into_iter()
    .filter(|(oid, _)| eku.contains(oid))
    .map(|(_, role)| role)
    .collect()
}

/// Who signed, as the result of a verification reports it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Signer {
    /// ИИН.
    pub iin: Option<String>,
    /// Фамилия Имя Отчество (GIVENNAME is the patronymic).
    pub full_name: String,
    /// Фамилия.
    #[serde(default)]
    pub last_name: Option<String>,
    /// Имя.
    #[serde(default)]
    pub first_name: Option<String>,
    /// Отчество.
    #[serde(default)]
    pub middle_name: Option<String>,
    /// БИН of the organisation (legal-entity certificates).
    pub bin: Option<String>,
    /// Наименование организации.
    pub organization: Option<String>,
    /// Roles, most specific first.
    pub roles: Vec<Role>,
    /// SIGN or AUTH.
    pub key: KeyKind,
    /// Serial number, hex.
    pub serial: String,
    /// Valid from, Unix seconds.
    pub not_before: i64,
    /// Valid until, Unix seconds.
    pub not_after: i64,
    /// The subject DN as text.
    pub subject: String,
}

impl Signer {
    /// Reads the signer's facts from its certificate.
    pub fn from_certificate(certificate: &Certificate) -> Result<Signer, SubjectError> {
        let tbs = &certificate.tbs_certificate;
        let identity = SubjectIdentity::from_attributes(&attributes(&tbs.subject))?;
        let full_name = [
            identity.last_name.as_deref(),
            identity.first_name.as_deref(),
            identity.middle_name.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
        Ok(Signer {
            iin: identity.iin.map(|i| i.as_string()),
            full_name,
            last_name: identity.last_name,
            first_name: identity.first_name,
            middle_name: identity.middle_name,
            bin: identity.bin.map(|b| b.as_string()),
            organization: identity.organization,
            roles: roles(certificate),
            key: key_kind(certificate),
            serial: hex::encode(tbs.serial_number.as_bytes()),
            not_before: unix(&tbs.validity.not_before),
            not_after: unix(&tbs.validity.not_after),
            subject: tbs.subject.to_string(),
        })
    }
}

/// A certificate time as Unix seconds.
pub fn unix(time: &x509_cert::time::Time) -> i64 {
    time.to_unix_duration().as_secs() as i64
}
