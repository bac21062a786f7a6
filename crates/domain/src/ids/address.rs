//! Адрес: region from the 20 KATO regions, then district, city/rural district, settlement,
//! street, house (required), block and apartment (optional).

use serde::{Deserialize, Serialize};

use crate::reference;
use crate::rule::RuleViolation;

/// An address as typed into a form (every part is text).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressInput {
    /// Область: the two-digit KATO code of the region.
    pub region: String,
    /// Район.
    pub district: String,
    /// Город/сельский округ.
    pub locality: String,
    /// Село/город.
    pub settlement: String,
    /// Улица.
    pub street: String,
    /// Дом.
    pub house: String,
    /// Блок.
    #[serde(default)]
    pub block: String,
    /// Квартира.
    #[serde(default)]
    pub apartment: String,
}

/// Field names of an address, in form order, with whether each is required.
pub const PARTS: [(&str, bool); 8] = [
    ("region", true),
    ("district", true),
    ("locality", true),
    ("settlement", true),
    ("street", true),
    ("house", true),
    ("block", false),
    ("apartment", false),
];

/// Letters (any script), digits, spaces and the punctuation addresses use.
fn allowed(c: char) -> bool {
    c.is_alphanumeric() || " .,-/№\"«»()'".contains(c)
}

/// Checks one address part: region against KATO, the rest for length and characters.
pub fn check_part(part: &str, value: &str) -> Result<(), RuleViolation> {
    let required = PARTS.iter().any(|(p, r)| *p == part && *r);
    let value = value.trim();
    if value.is_empty() {
        return if required {
            Err(RuleViolation::new("rule.required"))
        } else {
            Ok(())
        };
    }
    if part == "region" {
        return reference::region(value)
            .map(|_| ())
            .ok_or(RuleViolation::new("rule.address.region"));
    }
    let limit = if matches!(part, "house" | "block" | "apartment") {
        20
    } else {
        100
    };
    if value.chars().count() > limit {
        return Err(RuleViolation::new("rule.text.too_long"));
    }
    if !value.chars().all(allowed) || !value.chars().any(char::is_alphanumeric) {
        return Err(RuleViolation::new("rule.text.characters"));
    }
    Ok(())
}

impl AddressInput {
    /// Every problem, as (part, rule).
    pub fn problems(&self) -> Vec<(&'static str, RuleViolation)> {
        PARTS
            .iter()
            .filter_map(|(part, _)| check_part(part, self.part(part)).err().map(|e| (*part, e)))
            .collect()
    }

    fn part(&self, name: &str) -> &str {
        match name {
            "region" => &self.region,
            "district" => &self.district,
            "locality" => &self.locality,
            "settlement" => &self.settlement,
            "street" => &self.street,
            "house" => &self.house,
            "block" => &self.block,
            _ => &self.apartment,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_address_passes_and_each_rule_names_itself() {
        let mut address = AddressInput {
            region: "71".into(),
            district: "район Есиль".into(),
            locality: "город Астана".into(),
            settlement: "Астана".into(),
            street: "улица 38".into(),
            house: "30".into(),
            ..AddressInput::default()
        };
        assert!(address.problems().is_empty());
        address.region = "99".into();
        address.house = String::new();
        address.street = "<script>".into();
        address.block = "x".repeat(21);
        let rules: Vec<_> = address
            .problems()
            .into_iter()
            .map(|(p, r)| (p, r.key))
            .collect();
        assert_eq!(
            rules,
            vec![
                ("region", "rule.address.region"),
                ("street", "rule.text.characters"),
                ("house", "rule.required"),
                ("block", "rule.text.too_long"),
            ]
        );
    }
}
