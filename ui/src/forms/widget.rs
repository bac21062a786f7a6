//! Which input each rule gets.

use homeportal_domain::forms::Rule;

/// An input kind of the kit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Widget {
    /// Free text.
    Text,
    /// Digits only (identifiers, counts).
    Digits,
    /// A number with decimals (areas, percentages).
    Decimal,
    /// An amount in tenge.
    Money,
    /// A date picker.
    Date,
    /// A mobile number.
    Phone,
    /// An e-mail address.
    Email,
    /// A yes/no check box.
    Checkbox,
    /// A few choices side by side (their catalogue keys).
    Radio(&'static [&'static str]),
    /// A drop-down of choices (their catalogue keys).
    Select(&'static [&'static str]),
    /// A drop-down of the KATO regions.
    Region,
}

/// Choices up to this many are radio buttons; more go in a drop-down.
const MAX_RADIO: usize = 3;

/// The input for a field checked by `rule`.
pub fn widget_for(rule: Rule) -> Widget {
    match rule {
        Rule::Text { .. } | Rule::Website | Rule::Iik | Rule::Bik => Widget::Text,
        Rule::AddressPart("region") => Widget::Region,
        Rule::AddressPart(_) => Widget::Text,
        Rule::Bin | Rule::Iin | Rule::BinOrIin | Rule::Kbe | Rule::Integer { .. } => Widget::Digits,
        Rule::Positive | Rule::Percent => Widget::Decimal,
        Rule::Money => Widget::Money,
        Rule::Date => Widget::Date,
        Rule::Phone => Widget::Phone,
        Rule::Email => Widget::Email,
        Rule::Flag => Widget::Checkbox,
        Rule::Choice(options) if options.len() <= MAX_RADIO => Widget::Radio(options),
        Rule::Choice(options) => Widget::Select(options),
    }
}

#[cfg(test)]
mod tests {
    use homeportal_domain::forms::guarantee::{EXPERTISE_KINDS, GUARANTEE};

    use super::*;

    #[test]
    fn each_rule_gets_its_widget() {
        assert_eq!(widget_for(Rule::Date), Widget::Date);
        assert_eq!(widget_for(Rule::Money), Widget::Money);
        assert_eq!(widget_for(Rule::Percent), Widget::Decimal);
        assert_eq!(widget_for(Rule::Positive), Widget::Decimal);
        assert_eq!(widget_for(Rule::Flag), Widget::Checkbox);
        assert_eq!(widget_for(Rule::Bin), Widget::Digits);
        assert_eq!(widget_for(Rule::Integer { min: 1, max: 9 }), Widget::Digits);
        assert_eq!(widget_for(Rule::Phone), Widget::Phone);
        assert_eq!(widget_for(Rule::Email), Widget::Email);
        assert_eq!(widget_for(Rule::AddressPart("region")), Widget::Region);
        assert_eq!(widget_for(Rule::AddressPart("street")), Widget::Text);
        assert_eq!(
            widget_for(Rule::Choice(EXPERTISE_KINDS)),
            Widget::Radio(EXPERTISE_KINDS)
        );
        const MANY: &[&str] = &["a", "b", "c", "d"];
        assert_eq!(widget_for(Rule::Choice(MANY)), Widget::Select(MANY));
    }

    #[test]
    fn every_field_of_the_guarantee_form_has_a_widget_that_can_hold_its_values() {
        for (group, field) in GUARANTEE.fields() {
            let widget = widget_for(field.rule);
            if let Widget::Radio(options) | Widget::Select(options) = widget {
                assert!(
                    !options.is_empty(),
                    "{}.{} offers no choice",
                    group.id,
                    field.id
                );
            }
        }
    }
}
