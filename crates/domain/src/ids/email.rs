//! Электронный адрес: the HTML standard's "valid e-mail address" rule.

use crate::rule::RuleViolation;

/// An e-mail address valid by the HTML rule (domain lower-cased).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

const ATEXT_EXTRA: &str = ".!#$%&'*+/=?^_`{|}~-";

fn valid_label(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= 63
        && label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !label.starts_with('-')
        && !label.ends_with('-')
}

impl Email {
    /// Parses `local@domain` per the HTML rule, with the RFC length limits.
    pub fn parse(input: &str) -> Result<Email, RuleViolation> {
        let value = input.trim();
        if value.is_empty() {
            return Err(RuleViolation::new("rule.required"));
        }
        let Some((local, domain)) = value.split_once('@') else {
            return Err(RuleViolation::new("rule.email.format"));
        };
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || ATEXT_EXTRA.contains(c));
        if !local_ok || value.len() > 254 || !domain.split('.').all(valid_label) {
            return Err(RuleViolation::new("rule.email.format"));
        }
        Ok(Email(format!("{local}@{}", domain.to_ascii_lowercase())))
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_rule() {
        assert_eq!(
            Email::parse(" Buh@NovaCity.KZ ").expect("ok").as_str(),
            "Buh@novacity.kz"
        );
        assert!(Email::parse("a.b+c@mail").is_ok());
        for bad in [
            "buh",
            "@x.kz",
            "a@",
            "a@-x.kz",
            "a@x..kz",
            "a b@x.kz",
            "a@x.kz@y",
            "ал@x.kz",
        ] {
            assert_eq!(
                Email::parse(bad).unwrap_err().key,
                "rule.email.format",
                "{bad}"
            );
        }
    }
}
