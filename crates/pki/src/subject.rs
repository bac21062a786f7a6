//! The subject of a НУЦ РК certificate: SERIALNUMBER=IIN…, OU=BIN…, and GIVENNAME, which in
//! Kazakh certificates holds the patronymic, not the first name.

use homeportal_domain::ids::{Bin, Iin};

/// OIDs of the subject attributes Kazakh certificates use.
pub mod oid {
    /// CN: «SURNAME NAME».
    pub const COMMON_NAME: &str = "2.5.4.3";
    /// SURNAME.
    pub const SURNAME: &str = "2.5.4.4";
    /// SERIALNUMBER: `IIN` + 12 digits.
    pub const SERIAL_NUMBER: &str = "2.5.4.5";
    /// O: the legal entity's name.
    pub const ORGANIZATION: &str = "2.5.4.10";
    /// OU: `BIN` + 12 digits.
    pub const ORGANIZATIONAL_UNIT: &str = "2.5.4.11";
    /// GIVENNAME: the patronymic.
    pub const GIVEN_NAME: &str = "2.5.4.42";
}

/// One attribute of a distinguished name: its OID in dotted form and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubjectAttribute {
    /// Dotted OID, e.g. `2.5.4.5`.
    pub oid: String,
    /// The decoded string value.
    pub value: String,
}

/// Who a certificate names, decoded from its subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubjectIdentity {
    /// ИИН from SERIALNUMBER.
    pub iin: Option<Iin>,
    /// БИН from OU (legal-entity certificates only).
    pub bin: Option<Bin>,
    /// Фамилия.
    pub last_name: Option<String>,
    /// Имя: the second word of CN.
    pub first_name: Option<String>,
    /// Отчество, from GIVENNAME.
    pub middle_name: Option<String>,
    /// Наименование организации, from O.
    pub organization: Option<String>,
}

/// Why a subject could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SubjectError {
    /// SERIALNUMBER is present but not `IIN` + a valid IIN.
    #[error("SERIALNUMBER does not hold a valid IIN")]
    BadIin,
    /// OU starts with `BIN` but the number is not a valid BIN.
    #[error("OU does not hold a valid BIN")]
    BadBin,
}

fn first<'a>(attributes: &'a [SubjectAttribute], oid: &str) -> Option<&'a str> {
    attributes
        .iter()
        .find(|a| a.oid == oid)
        .map(|a| a.value.trim())
        .filter(|v| !v.is_empty())
}

impl SubjectIdentity {
    /// Decodes the identity from a subject's attributes.
    pub fn from_attributes(attributes: &[SubjectAttribute]) -> Result<Self, SubjectError> {
        let iin = match first(attributes, oid::SERIAL_NUMBER) {
            Some(value) => Some(
                value
                    .strip_prefix("IIN")
                    .and_then(|digits| Iin::parse(digits).ok())
                    .ok_or(SubjectError::BadIin)?,
            ),
            None => None,
        };
        let bin = attributes
            .iter()
            .filter(|a| a.oid == oid::ORGANIZATIONAL_UNIT)
            .find_map(|a| a.value.trim().strip_prefix("BIN"))
            .map(|digits| Bin::parse(digits).map_err(|_| SubjectError::BadBin))
            .transpose()?;
        let common_name = first(attributes, oid::COMMON_NAME);
        let last_name = first(attributes, oid::SURNAME)
            .or_else(|| common_name.and_then(|cn| cn.split_whitespace().next()))
            .map(str::to_owned);
        let first_name = common_name
            .and_then(|cn| cn.split_whitespace().nth(1))
            .map(str::to_owned);
        Ok(SubjectIdentity {
            iin,
            bin,
            last_name,
            first_name,
            middle_name: first(attributes, oid::GIVEN_NAME).map(str::to_owned),
            organization: first(attributes, oid::ORGANIZATION).map(str::to_owned),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attr(oid: &str, value: &str) -> SubjectAttribute {
        SubjectAttribute {
            oid: oid.to_owned(),
            value: value.to_owned(),
        }
    }

    #[test]
    fn reads_a_legal_entity_head_subject() {
        let subject = [
            attr(oid::COMMON_NAME, "ТЕСТОВ ТЕСТ"),
            attr(oid::SURNAME, "ТЕСТОВ"),
            attr(oid::SERIAL_NUMBER, "IIN830717350867"),
            attr(oid::GIVEN_NAME, "ТЕСТОВИЧ"),
            attr(oid::ORGANIZATION, "АО \"ТЕСТ\""),
            attr(oid::ORGANIZATIONAL_UNIT, "BIN940140000385"),
        ];
        let id = SubjectIdentity::from_attributes(&subject).expect("valid");
        assert_eq!(
            id.iin.map(|i| i.as_string()).as_deref(),
            Some("830717350867")
        );
        assert_eq!(
            id.bin.map(|b| b.as_string()).as_deref(),
            Some("940140000385")
        );
        assert_eq!(id.last_name.as_deref(), Some("ТЕСТОВ"));
        assert_eq!(id.first_name.as_deref(), Some("ТЕСТ"));
        assert_eq!(id.middle_name.as_deref(), Some("ТЕСТОВИЧ"));
        assert_eq!(id.organization.as_deref(), Some("АО \"ТЕСТ\""));
    }

    #[test]
    fn an_individual_has_no_bin_and_bad_numbers_are_errors() {
        let individual = [attr(oid::SERIAL_NUMBER, "IIN830717350867")];
        let id = SubjectIdentity::from_attributes(&individual).expect("valid");
        assert!(id.bin.is_none());
        let bad_iin = [attr(oid::SERIAL_NUMBER, "IIN830717350868")];
        assert_eq!(
            SubjectIdentity::from_attributes(&bad_iin),
            Err(SubjectError::BadIin)
        );
        let bad_bin = [attr(oid::ORGANIZATIONAL_UNIT, "BIN940140000386")];
        assert_eq!(
            SubjectIdentity::from_attributes(&bad_bin),
            Err(SubjectError::BadBin)
        );
    }
}
