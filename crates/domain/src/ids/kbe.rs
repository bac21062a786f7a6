//! КБе — the beneficiary code: residency digit (1 resident, 2 non-resident) × sector digit (1–9).

use crate::ids::{Bin, BinEntityType};
use crate::reference;
use crate::rule::RuleViolation;

/// A КБе of valid form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Kbe {
    residency: u8,
    sector: u8,
}

impl Kbe {
    /// Parses two digits.
    pub fn parse(input: &str) -> Result<Kbe, RuleViolation> {
        let value = input.trim();
        if value.is_empty() {
            return Err(RuleViolation::new("rule.required"));
        }
        let b = value.as_bytes();
        if b.len() != 2 || !b.iter().all(u8::is_ascii_digit) {
            return Err(RuleViolation::new("rule.kbe.format"));
        }
        let (residency, sector) = (b[0] - b'0', b[1] - b'0');
        if !(1..=2).contains(&residency) || sector == 0 {
            return Err(RuleViolation::new("rule.kbe.format"));
        }
        Ok(Kbe { residency, sector })
    }

    /// Whether the first digit says "resident".
    pub fn is_resident(&self) -> bool {
        self.residency == 1
    }

    /// The meanings of both digits in Russian.
    pub fn meaning_ru(&self) -> (&'static str, &'static str) {
        let first = reference::kbe_meaning("first", char::from(b'0' + self.residency));
        let second = reference::kbe_meaning("second", char::from(b'0' + self.sector));
        (first.map_or("", |m| m.0), second.map_or("", |m| m.0))
    }

    /// The two digits.
    pub fn as_string(&self) -> String {
        format!("{}{}", self.residency, self.sector)
    }

    /// A warning (not an error) when the code does not fit the organisation's BIN: a resident
    /// legal entity is normally 17, a non-resident starts with 2.
    pub fn warning_for(&self, bin: &Bin) -> Option<RuleViolation> {
        match bin.entity_type() {
            BinEntityType::NonResidentLegalEntity if self.is_resident() => {
                Some(RuleViolation::new("warn.kbe.residency"))
            }
            BinEntityType::ResidentLegalEntity | BinEntityType::JointEntrepreneur
                if !self.is_resident() =>
            {
                Some(RuleViolation::new("warn.kbe.residency"))
            }
            BinEntityType::ResidentLegalEntity if self.sector != 7 => {
                Some(RuleViolation::new("warn.kbe.sector"))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_warns() {
        let resident = Bin::parse("940140000385").expect("bin");
        assert_eq!(Kbe::parse("17").expect("17").warning_for(&resident), None);
        assert_eq!(
            Kbe::parse("27")
                .expect("27")
                .warning_for(&resident)
                .map(|w| w.key),
            Some("warn.kbe.residency")
        );
        assert_eq!(
            Kbe::parse("19")
                .expect("19")
                .warning_for(&resident)
                .map(|w| w.key),
            Some("warn.kbe.sector")
        );
        assert!(Kbe::parse("17")
            .expect("17")
            .meaning_ru()
            .1
            .starts_with("Негосударственные"));
        for bad in ["7", "170", "37", "10", "1a"] {
            assert_eq!(Kbe::parse(bad).unwrap_err().key, "rule.kbe.format", "{bad}");
        }
    }
}
