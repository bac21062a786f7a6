//! The rule each form field is checked by (format-logical control as the user types).

use chrono::NaiveDate;

use crate::ids::{address, Bik, Bin, Email, Iik, Iin, Kbe, PhoneKz, Website};
use crate::rule::RuleViolation;

/// How a field's text is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Free text up to `max` characters, no control characters.
    Text {
        /// Longest accepted length in characters.
        max: u16,
    },
    /// БИН.
    Bin,
    /// ИИН.
    Iin,
    /// БИН or ИИН (shareholders may be legal entities or persons).
    BinOrIin,
    /// ИИК.
    Iik,
    /// БИК of a known bank.
    Bik,
    /// КБе.
    Kbe,
    /// Mobile number.
    Phone,
    /// E-mail.
    Email,
    /// Website.
    Website,
    /// Address part (region by KATO code; others by length and characters).
    AddressPart(&'static str),
    /// Date `YYYY-MM-DD`.
    Date,
    /// Amount in tenge: positive, at most two decimals.
    Money,
    /// Positive decimal (areas in m² or ha).
    Positive,
    /// Percentage: more than 0, at most 100, at most two decimals.
    Percent,
    /// Whole number within bounds.
    Integer {
        /// Smallest accepted.
        min: u32,
        /// Largest accepted.
        max: u32,
    },
    /// One of fixed values (stored as the value's catalogue key).
    Choice(&'static [&'static str]),
    /// A yes/no mark (`true`/`false`).
    Flag,
}

/// Parses a decimal with `.` or `,`, at most `decimals` places; spaces as thousands separators.
pub fn decimal(value: &str, decimals: usize) -> Option<f64> {
    let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    let normalised = compact.replace(',', ".");
    let (whole, fraction) = normalised.split_once('.').unwrap_or((&normalised, ""));
    let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty()
        || !digits_only(whole)
        || !digits_only(fraction)
        || fraction.len() > decimals
    {
        return None;
    }
    normalised.parse().ok()
}

impl Rule {
    /// Checks a non-empty value.
    pub fn check(&self, value: &str) -> Result<(), RuleViolation> {
        let v = value.trim();
        let fail = |key| Err(RuleViolation::new(key));
        match *self {
            Rule::Text { max } => {
                if v.chars().count() > usize::from(max) {
                    fail("rule.text.too_long")
                } else if v.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
                    fail("rule.text.characters")
                } else {
                    Ok(())
                }
            }
            Rule::Bin => Bin::parse(v).map(|_| ()),
            Rule::Iin => Iin::parse(v).map(|_| ()),
            Rule::BinOrIin => Bin::parse(v)
                .map(|_| ())
                .or_else(|_| Iin::parse(v).map(|_| ()))
                .or(fail("rule.id.bin_or_iin")),
            Rule::Iik => Iik::parse(v).map(|_| ()),
            Rule::Bik => Bik::parse(v).and_then(|b| {
                b.bank()
                    .map(|_| ())
                    .ok_or(RuleViolation::new("rule.bik.unknown"))
            }),
            Rule::Kbe => Kbe::parse(v).map(|_| ()),
            Rule::Phone => PhoneKz::parse(v).map(|_| ()),
            Rule::Email => Email::parse(v).map(|_| ()),
            Rule::Website => Website::parse(v).map(|_| ()),
            Rule::AddressPart(part) => address::check_part(part, v),
            Rule::Date => NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .map(|_| ())
                .or(fail("rule.date.format")),
            Rule::Money => match decimal(v, 2) {
                Some(x) if x > 0.0 => Ok(()),
                Some(_) => fail("rule.number.positive"),
                None => fail("rule.number.format"),
            },
            Rule::Positive => match decimal(v, 4) {
                Some(x) if x > 0.0 => Ok(()),
                Some(_) => fail("rule.number.positive"),
                None => fail("rule.number.format"),
            },
            Rule::Percent => match decimal(v, 2) {
                Some(x) if x > 0.0 && x <= 100.0 => Ok(()),
                Some(_) => fail("rule.percent.range"),
                None => fail("rule.number.format"),
            },
            Rule::Integer { min, max } => match v.parse::<u32>() {
                Ok(n) if (min..=max).contains(&n) => Ok(()),
                Ok(_) => fail("rule.number.range"),
                Err(_) => fail("rule.number.format"),
            },
            Rule::Choice(options) => {
                if options.contains(&v) {
                    Ok(())
                } else {
                    fail("rule.choice.unknown")
                }
            }
            Rule::Flag => {
                if v == "true" || v == "false" {
                    Ok(())
                } else {
                    fail("rule.choice.unknown")
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(decimal("1 250 000,50", 2), Some(1_250_000.5));
        assert_eq!(decimal("12.345", 2), None);
        assert_eq!(decimal("-1", 2), None);
        assert_eq!(decimal("1e3", 2), None);
        assert!(Rule::Percent.check("100").is_ok());
        assert_eq!(
            Rule::Percent.check("100.01").unwrap_err().key,
            "rule.percent.range"
        );
        assert_eq!(
            Rule::Money.check("0").unwrap_err().key,
            "rule.number.positive"
        );
        assert_eq!(
            Rule::Integer { min: 1, max: 36 }
                .check("37")
                .unwrap_err()
                .key,
            "rule.number.range"
        );
        assert_eq!(
            Rule::Date.check("28.09.2023").unwrap_err().key,
            "rule.date.format"
        );
        assert!(Rule::Date.check("2023-09-28").is_ok());
        assert_eq!(
            Rule::BinOrIin.check("123").unwrap_err().key,
            "rule.id.bin_or_iin"
        );
        assert_eq!(
            Rule::Text { max: 3 }.check("abcd").unwrap_err().key,
            "rule.text.too_long"
        );
    }
}
