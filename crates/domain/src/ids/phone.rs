//! Мобильный номер: accepts `+7 701 123 45 67`, `87011234567`, `+7 (747) 123-45-67`; keeps E.164.

use crate::reference;
use crate::rule::RuleViolation;

/// A Kazakh mobile number in E.164 (`+77011234567`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PhoneKz(String);

impl PhoneKz {
    /// Parses a number written with spaces, dashes, brackets, `+7`, `8` or `7` in front.
    pub fn parse(input: &str) -> Result<PhoneKz, RuleViolation> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(RuleViolation::new("rule.required"));
        }
        if trimmed
            .chars()
            .any(|c| !(c.is_ascii_digit() || " +-()".contains(c)))
            || trimmed.matches('+').count() > usize::from(trimmed.starts_with('+'))
        {
            return Err(RuleViolation::new("rule.phone.format"));
        }
        let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
        let national = match (trimmed.starts_with('+'), digits.len()) {
            (true, 11) if digits.starts_with('7') => &digits[1..],
            (false, 11) if digits.starts_with('8') || digits.starts_with('7') => &digits[1..],
            (false, 10) => &digits[..],
            _ => return Err(RuleViolation::new("rule.phone.format")),
        };
        if !reference::mobile_prefixes()
            .iter()
            .any(|p| national.starts_with(p.as_str()))
        {
            return Err(RuleViolation::new("rule.phone.not_mobile"));
        }
        Ok(PhoneKz(format!("+7{national}")))
    }

    /// E.164 form.
    pub fn e164(&self) -> &str {
        &self.0
    }

    /// Display form `+7 701 123 45 67`.
    pub fn display(&self) -> String {
        let n = &self.0[2..];
        format!("+7 {} {} {} {}", &n[..3], &n[3..6], &n[6..8], &n[8..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_usual_spellings() {
        for input in [
            "+7 701 123 45 67",
            "87011234567",
            "+7 (701) 123-45-67",
            "7011234567",
        ] {
            assert_eq!(
                PhoneKz::parse(input).map(|p| p.e164().to_owned()),
                Ok("+77011234567".into()),
                "{input}"
            );
        }
        assert_eq!(
            PhoneKz::parse("+7 (747) 123-45-67").expect("747").display(),
            "+7 747 123 45 67"
        );
    }

    #[test]
    fn refuses_landlines_703_704_and_garbage() {
        assert_eq!(
            PhoneKz::parse("+7 703 123 45 67").unwrap_err().key,
            "rule.phone.not_mobile"
        );
        assert_eq!(
            PhoneKz::parse("+7 704 123 45 67").unwrap_err().key,
            "rule.phone.not_mobile"
        );
        assert_eq!(
            PhoneKz::parse("+7 7172 79 75 75").unwrap_err().key,
            "rule.phone.not_mobile"
        );
        assert_eq!(
            PhoneKz::parse("+7 701 123 45").unwrap_err().key,
            "rule.phone.format"
        );
        assert_eq!(
            PhoneKz::parse("+7 701 abc 45 67").unwrap_err().key,
            "rule.phone.format"
        );
        assert_eq!(
            PhoneKz::parse("+1 701 123 45 67").unwrap_err().key,
            "rule.phone.format"
        );
    }
}
