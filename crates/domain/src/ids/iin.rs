//! ИИН — the individual identification number of a person.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::check_digit;
use crate::rule::RuleViolation;

/// Sex encoded in digit 7 of an IIN (odd = male, even = female).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    /// Мужской.
    Male,
    /// Женский.
    Female,
}

/// An IIN that passed the date, century/sex and check-digit rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Iin([u8; 12]);

impl Iin {
    /// Parses twelve digits: a real birth date, century/sex digit 1–6, check digit.
    pub fn parse(input: &str) -> Result<Iin, RuleViolation> {
        if input.trim().is_empty() {
            return Err(RuleViolation::new("rule.required"));
        }
        let digits =
            check_digit::twelve_digits(input).ok_or(RuleViolation::new("rule.id.twelve_digits"))?;
        if !(1..=6).contains(&digits[6]) {
            return Err(RuleViolation::new("rule.iin.century"));
        }
        let iin = Iin(digits);
        let (year, month, day) = iin.birth_date();
        if !is_real_date(year, month, day) {
            return Err(RuleViolation::new("rule.iin.date"));
        }
        match check_digit::compute(&digits) {
            Some(check) if check == digits[11] => Ok(iin),
            _ => Err(RuleViolation::new("rule.id.check_digit")),
        }
    }

    /// The birth date as (year, month, day).
    pub fn birth_date(&self) -> (u16, u8, u8) {
        let d = &self.0;
        let century: u16 = match d[6] {
            1 | 2 => 1800,
            3 | 4 => 1900,
            _ => 2000,
        };
        let year = century + u16::from(d[0]) * 10 + u16::from(d[1]);
        (year, d[2] * 10 + d[3], d[4] * 10 + d[5])
    }

    /// The sex encoded in digit 7.
    pub fn sex(&self) -> Sex {
        if self.0[6] % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    /// The twelve digits as a string.
    pub fn as_string(&self) -> String {
        self.0.iter().map(|d| char::from(b'0' + d)).collect()
    }
}

fn is_real_date(year: u16, month: u8, day: u8) -> bool {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days_in_month).contains(&day)
}

impl fmt::Display for Iin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_string())
    }
}

impl std::str::FromStr for Iin {
    type Err = RuleViolation;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Iin::parse(s)
    }
}

impl Serialize for Iin {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.as_string())
    }
}

impl<'de> Deserialize<'de> for Iin {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Iin::parse(&raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_birth_date_and_sex() {
        let iin = Iin::parse("830717350867").expect("valid");
        assert_eq!(iin.birth_date(), (1983, 7, 17));
        assert_eq!(iin.sex(), Sex::Male);
    }

    #[test]
    fn each_rule_names_itself() {
        assert_eq!(Iin::parse(" ").unwrap_err().key, "rule.required");
        assert_eq!(
            Iin::parse("83071735086").unwrap_err().key,
            "rule.id.twelve_digits"
        );
        assert_eq!(
            Iin::parse("830717050867").unwrap_err().key,
            "rule.iin.century"
        );
        assert_eq!(Iin::parse("830230350867").unwrap_err().key, "rule.iin.date");
        assert_eq!(
            Iin::parse("830717350868").unwrap_err().key,
            "rule.id.check_digit"
        );
    }

    #[test]
    fn february_29_only_in_leap_years() {
        assert!(is_real_date(2000, 2, 29));
        assert!(!is_real_date(1900, 2, 29));
        assert!(is_real_date(1984, 2, 29));
        assert!(!is_real_date(1983, 2, 29));
    }
}
