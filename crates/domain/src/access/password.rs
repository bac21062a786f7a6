//! The password policy of R1.4, checked the same way by the live checklist and the server.

use crate::rule::RuleViolation;

/// Passwords longer than this are refused (no one types more; it bounds the hashing work).
pub const MAX_LENGTH: usize = 128;

/// One rule of the policy, in the order the checklist shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordRule {
    /// Минимум 8 значений.
    MinLength,
    /// Минимум 1 строчная буква.
    Lowercase,
    /// Минимум 1 заглавная буква.
    Uppercase,
    /// Минимум 1 цифра.
    Digit,
    /// Минимум 1 символ (neither a letter, a digit nor a space).
    Symbol,
    /// Пароли должны совпадать.
    Match,
    /// At most [`MAX_LENGTH`] characters (shown only when broken).
    MaxLength,
}

impl PasswordRule {
    /// The rules of R1.4, as the checklist lists them.
    pub const CHECKLIST: [PasswordRule; 6] = [
        PasswordRule::MinLength,
        PasswordRule::Lowercase,
        PasswordRule::Uppercase,
        PasswordRule::Digit,
        PasswordRule::Symbol,
        PasswordRule::Match,
    ];

    /// Every rule.
    pub const ALL: [PasswordRule; 7] = [
        PasswordRule::MinLength,
        PasswordRule::Lowercase,
        PasswordRule::Uppercase,
        PasswordRule::Digit,
        PasswordRule::Symbol,
        PasswordRule::Match,
        PasswordRule::MaxLength,
    ];

    /// The catalogue key of the rule's sentence.
    pub fn key(self) -> &'static str {
        match self {
            PasswordRule::MinLength => "rule.password.min_length",
            PasswordRule::Lowercase => "rule.password.lowercase",
            PasswordRule::Uppercase => "rule.password.uppercase",
            PasswordRule::Digit => "rule.password.digit",
            PasswordRule::Symbol => "rule.password.symbol",
            PasswordRule::Match => "rule.password.match",
            PasswordRule::MaxLength => "rule.password.max_length",
        }
    }

    /// Whether `password`, typed again as `repeat`, keeps this rule.
    pub fn holds(self, password: &str, repeat: &str) -> bool {
        let has = |test: fn(char) -> bool| password.chars().any(test);
        match self {
            PasswordRule::MinLength => password.chars().count() >= 8,
            PasswordRule::Lowercase => has(char::is_lowercase),
            PasswordRule::Uppercase => has(char::is_uppercase),
            PasswordRule::Digit => has(|c| c.is_ascii_digit()),
            PasswordRule::Symbol => has(|c| !c.is_alphanumeric() && !c.is_whitespace()),
            PasswordRule::Match => !password.is_empty() && password == repeat,
            PasswordRule::MaxLength => password.chars().count() <= MAX_LENGTH,
        }
    }
}

/// The rules `password` (typed again as `repeat`) breaks, in checklist order.
pub fn broken_rules(password: &str, repeat: &str) -> Vec<PasswordRule> {
    PasswordRule::ALL
        .into_iter()
        .filter(|rule| !rule.holds(password, repeat))
        .collect()
}

/// The first broken rule as a field error, if any.
pub fn check(password: &str, repeat: &str) -> Result<(), RuleViolation> {
    match broken_rules(password, repeat).first() {
        Some(rule) => Err(RuleViolation::new(rule.key())),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rule_alone_is_reported() {
        let table = [
            ("Aa1!aaa", PasswordRule::MinLength),
            ("AA1!AAAA", PasswordRule::Lowercase),
            ("aa1!aaaa", PasswordRule::Uppercase),
            ("Aa!!aaaa", PasswordRule::Digit),
            ("Aa1aaaaa", PasswordRule::Symbol),
            ("Aa1 aaaa", PasswordRule::Symbol),
        ];
        for (password, rule) in table {
            assert_eq!(broken_rules(password, password), vec![rule], "{password}");
        }
        assert_eq!(
            broken_rules("Aa1!aaaa", "Aa1!aaab"),
            vec![PasswordRule::Match]
        );
        let long = format!("Aa1!{}", "a".repeat(MAX_LENGTH));
        assert_eq!(broken_rules(&long, &long), vec![PasswordRule::MaxLength]);
    }

    #[test]
    fn cyrillic_letters_count_and_a_good_password_passes() {
        assert!(broken_rules("Пароль-2026", "Пароль-2026").is_empty());
        assert_eq!(check("Qwerty12!", "Qwerty12!"), Ok(()));
        assert_eq!(
            check("", ""),
            Err(RuleViolation::new("rule.password.min_length"))
        );
    }
}
