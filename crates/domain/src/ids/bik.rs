//! БИК — the bank identification code: `^[A-Z]{4}KZ[A-Z0-9]{2}$`, optionally a 3-character branch.

use crate::ids::Iik;
use crate::reference::{self, Bank};
use crate::rule::RuleViolation;

/// A BIK of valid format.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Bik(String);

impl Bik {
    /// Parses a BIK (trimmed, upper-cased).
    pub fn parse(input: &str) -> Result<Bik, RuleViolation> {
        let value = input.trim().to_ascii_uppercase();
        if value.is_empty() {
            return Err(RuleViolation::new("rule.required"));
        }
        let b = value.as_bytes();
        let well_formed = (b.len() == 8 || b.len() == 11)
            && b[..4].iter().all(u8::is_ascii_uppercase)
            && &b[4..6] == b"KZ"
            && b[6..]
                .iter()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if !well_formed {
            return Err(RuleViolation::new("rule.bik.format"));
        }
        Ok(Bik(value))
    }

    /// The bank, if the BIK is in the bank table.
    pub fn bank(&self) -> Option<&'static Bank> {
        reference::bank_by_bik(&self.0[..8])
    }

    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Checks that an IIK belongs to the bank of a BIK; gives the bank so its name can fill itself.
pub fn bank_of(iik: &Iik, bik: &Bik) -> Result<&'static Bank, RuleViolation> {
    let bank = bik.bank().ok_or(RuleViolation::new("rule.bik.unknown"))?;
    if bank.iban_code != iik.bank_code() {
        return Err(RuleViolation::new("rule.bik.iik_mismatch"));
    }
    Ok(bank)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_banks_and_the_cross_check() {
        assert!(Bik::parse("hsbkkzkx").is_ok());
        assert!(Bik::parse("HSBKKZKX001").is_ok());
        assert_eq!(Bik::parse("HSBKRUKX").unwrap_err().key, "rule.bik.format");
        assert_eq!(Bik::parse("HSBKKZ").unwrap_err().key, "rule.bik.format");
        let caspi = Iik::parse("KZ31722S000010366450").expect("iik");
        let bank = bank_of(&caspi, &Bik::parse("CASPKZKA").expect("bik")).expect("same bank");
        assert_eq!(bank.name_ru, "АО «Kaspi Bank»");
        assert_eq!(
            bank_of(&caspi, &Bik::parse("HSBKKZKX").expect("bik"))
                .unwrap_err()
                .key,
            "rule.bik.iik_mismatch"
        );
        assert_eq!(
            bank_of(&caspi, &Bik::parse("ABCDKZKA").expect("bik"))
                .unwrap_err()
                .key,
            "rule.bik.unknown"
        );
    }
}
