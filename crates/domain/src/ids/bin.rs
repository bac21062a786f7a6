//! БИН — the business identification number of a legal entity.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::check_digit;
use crate::rule::RuleViolation;

/// Digit 5 of a BIN: what kind of entity it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinEntityType {
    /// 4 — resident legal entity.
    ResidentLegalEntity,
    /// 5 — non-resident legal entity.
    NonResidentLegalEntity,
    /// 6 — individual entrepreneur in joint entrepreneurship (ИП(С)).
    JointEntrepreneur,
}

/// Digit 6 of a BIN: head office, branch, representative office or peasant farm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinAttribute {
    /// 0 — head office.
    HeadOffice,
    /// 1 — branch.
    Branch,
    /// 2 — representative office.
    Representative,
    /// 3 — peasant (farm) enterprise in joint entrepreneurship.
    PeasantFarm,
}

/// A BIN that passed every structural rule and the check digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Bin([u8; 12]);

impl Bin {
    /// Parses twelve digits: registration month 01–12, type 4/5/6, attribute 0–3, check digit.
    pub fn parse(input: &str) -> Result<Bin, RuleViolation> {
        if input.trim().is_empty() {
            return Err(RuleViolation::new("rule.required"));
        }
        let digits =
            check_digit::twelve_digits(input).ok_or(RuleViolation::new("rule.id.twelve_digits"))?;
        let month = digits[2] * 10 + digits[3];
        if !(1..=12).contains(&month) {
            return Err(RuleViolation::new("rule.bin.month"));
        }
        if !(4..=6).contains(&digits[4]) {
            return Err(RuleViolation::new("rule.bin.type"));
        }
        if digits[5] > 3 {
            return Err(RuleViolation::new("rule.bin.attribute"));
        }
        match check_digit::compute(&digits) {
            Some(check) if check == digits[11] => Ok(Bin(digits)),
            _ => Err(RuleViolation::new("rule.id.check_digit")),
        }
    }

    /// The two-digit registration year as written (the century is not encoded).
    pub fn registration_year_2d(&self) -> u8 {
        self.0[0] * 10 + self.0[1]
    }

    /// The registration month, 1–12.
    pub fn registration_month(&self) -> u8 {
        self.0[2] * 10 + self.0[3]
    }

    /// What kind of entity the BIN names.
    pub fn entity_type(&self) -> BinEntityType {
        match self.0[4] {
            4 => BinEntityType::ResidentLegalEntity,
            5 => BinEntityType::NonResidentLegalEntity,
            _ => BinEntityType::JointEntrepreneur,
        }
    }

    /// Whether the entity is a resident of Kazakhstan.
    pub fn is_resident(&self) -> bool {
        self.entity_type() != BinEntityType::NonResidentLegalEntity
    }

    /// Head office, branch, representative office or farm.
    pub fn attribute(&self) -> BinAttribute {
        match self.0[5] {
            0 => BinAttribute::HeadOffice,
            1 => BinAttribute::Branch,
            2 => BinAttribute::Representative,
            _ => BinAttribute::PeasantFarm,
        }
    }

    /// The twelve digits as a string.
    pub fn as_string(&self) -> String {
        self.0.iter().map(|d| char::from(b'0' + d)).collect()
    }
}

impl fmt::Display for Bin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_string())
    }
}

impl std::str::FromStr for Bin {
    type Err = RuleViolation;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Bin::parse(s)
    }
}

impl Serialize for Bin {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.as_string())
    }
}

impl<'de> Deserialize<'de> for Bin {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Bin::parse(&raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_a_head_office() {
        let bin = Bin::parse("940140000385").expect("valid");
        assert_eq!(bin.registration_year_2d(), 94);
        assert_eq!(bin.registration_month(), 1);
        assert_eq!(bin.entity_type(), BinEntityType::ResidentLegalEntity);
        assert_eq!(bin.attribute(), BinAttribute::HeadOffice);
        assert!(bin.is_resident());
    }

    #[test]
    fn decodes_a_branch_valid_by_second_pass() {
        let bin = Bin::parse("961141000023").expect("valid");
        assert_eq!(bin.attribute(), BinAttribute::Branch);
    }

    #[test]
    fn each_rule_names_itself() {
        assert_eq!(Bin::parse("").unwrap_err().key, "rule.required");
        assert_eq!(
            Bin::parse("94014000038").unwrap_err().key,
            "rule.id.twelve_digits"
        );
        assert_eq!(
            Bin::parse("941340000385").unwrap_err().key,
            "rule.bin.month"
        );
        assert_eq!(Bin::parse("940170000385").unwrap_err().key, "rule.bin.type");
        assert_eq!(
            Bin::parse("940149000385").unwrap_err().key,
            "rule.bin.attribute"
        );
        assert_eq!(
            Bin::parse("940140000386").unwrap_err().key,
            "rule.id.check_digit"
        );
    }

    #[test]
    fn an_iin_is_not_a_bin() {
        assert!(Bin::parse("830717350867").is_err());
    }
}
