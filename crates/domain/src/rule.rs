//! A failed format-logical rule: its catalogue key names the rule and carries its ru/kk/en text.

use crate::i18n::{self, Lang};

/// The rule a value broke, e.g. `rule.bin.check_digit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{key}")]
pub struct RuleViolation {
    /// Catalogue key of the rule.
    pub key: &'static str,
}

impl RuleViolation {
    /// A violation of the rule with catalogue key `key`.
    pub const fn new(key: &'static str) -> Self {
        Self { key }
    }

    /// The rule's sentence in `lang`.
    pub fn message(self, lang: Lang) -> &'static str {
        i18n::text(lang, self.key)
    }
}
