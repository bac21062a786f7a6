//! ИИК — the account number, a Kazakh IBAN: `KZ` + 2 check digits + 3-digit bank code +
//! 13 alphanumeric characters, valid when mod 97 = 1.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::reference::{self, Bank};
use crate::rule::RuleViolation;

/// A normalised IIK (upper case, no spaces).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Iik(String);

impl Iik {
    /// Parses an IIK; spaces and lower case are accepted and normalised.
    pub fn parse(input: &str) -> Result<Iik, RuleViolation> {
        let value: String = input
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if value.is_empty() {
            return Err(RuleViolation::new("rule.required"));
        }
        if value.chars().count() != 20 {
            return Err(RuleViolation::new("rule.iik.length"));
        }
        if !value.starts_with("KZ") {
            return Err(RuleViolation::new("rule.iik.country"));
        }
        let bytes = value.as_bytes();
        if !bytes[2..7].iter().all(u8::is_ascii_digit) {
            return Err(RuleViolation::new("rule.iik.bank_code"));
        }
        if !bytes[7..].iter().all(u8::is_ascii_alphanumeric) {
            return Err(RuleViolation::new("rule.iik.account"));
        }
        if mod97(&value) != 1 {
            return Err(RuleViolation::new("rule.iik.checksum"));
        }
        Ok(Iik(value))
    }

    /// The 3-digit bank code (characters 5–7).
    pub fn bank_code(&self) -> &str {
        &self.0[4..7]
    }

    /// The bank that keeps this account, if it is in the bank table.
    pub fn bank(&self) -> Option<&'static Bank> {
        reference::bank_by_iban_code(self.bank_code())
    }

    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// ISO 7064 MOD 97-10 over the rearranged IBAN (first four characters moved to the end).
fn mod97(iban: &str) -> u32 {
    let rearranged = iban[4..].bytes().chain(iban[..4].bytes());
    rearranged.fold(0u32, |acc, b| {
        let value = if b.is_ascii_digit() {
            u32::from(b - b'0')
        } else {
            u32::from(b - b'A') + 10
        };
        if value >= 10 {
            (acc * 100 + value) % 97
        } else {
            (acc * 10 + value) % 97
        }
    })
}

/// The check digits that make `KZ??` + `bban` valid (for generating test data).
pub fn check_digits(bban: &str) -> String {
    let remainder = mod97(&format!("KZ00{bban}"));
    format!("{:02}", 98 - remainder)
}

impl fmt::Display for Iik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Iik {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Iik {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Iik::parse(&String::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_iiks_pass_and_derive_their_bank() {
        for (iik, bik) in [
            ("KZ86125KZT5004100100", "NBRKKZKX"),
            ("KZ31722S000010366450", "CASPKZKA"),
            ("KZ48551A024000213KZT", "KSNVKZKA"),
            ("kz23 914 0822 03KZ 018CM", "BRKEKZKA"),
        ] {
            let parsed = Iik::parse(iik).unwrap_or_else(|e| panic!("{iik}: {e}"));
            assert_eq!(parsed.bank().map(|b| b.bik.as_str()), Some(bik));
        }
        assert_eq!(check_digits("125KZT5004100100"), "86");
    }

    #[test]
    fn each_rule_names_itself() {
        assert_eq!(Iik::parse("").unwrap_err().key, "rule.required");
        assert_eq!(
            Iik::parse("KZ86125KZT500410010").unwrap_err().key,
            "rule.iik.length"
        );
        assert_eq!(
            Iik::parse("RU86125KZT5004100100").unwrap_err().key,
            "rule.iik.country"
        );
        assert_eq!(
            Iik::parse("KZ8612AKZT5004100100").unwrap_err().key,
            "rule.iik.bank_code"
        );
        assert_eq!(
            Iik::parse("KZ86125KZT50041001-0").unwrap_err().key,
            "rule.iik.account"
        );
        assert_eq!(
            Iik::parse("KZ87125KZT5004100100").unwrap_err().key,
            "rule.iik.checksum"
        );
    }
}
