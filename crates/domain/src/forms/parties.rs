//! Which party owns each part of a form, so that the УК and the developer each change only
//! their own fields and documents of a shared application.

use super::merge::{Change, Unit};
use super::{FormSpec, Party};
use crate::rule::RuleViolation;

/// The rule a change to the other party's part breaks.
pub const NOT_YOUR_PART: &str = "rule.party.not_yours";

impl FormSpec {
    /// Who fills `unit`: the field's party, the repeatable group's (a group whose fields
    /// belong to both is the УК's), or the document slot's. `None` for a unit not in the form.
    pub fn party_of(&self, unit: &Unit) -> Option<Party> {
        match unit {
            Unit::Value(path) => {
                let (group, field) = path.split_once('.')?;
                let group = self.group(group).filter(|g| !g.repeatable)?;
                group.fields.iter().find(|f| f.id == field).map(|f| f.party)
            }
            Unit::Blocks(group) => {
                let group = self.group(group).filter(|g| g.repeatable)?;
                let developer_only = group.fields.iter().all(|f| f.party == Party::Developer);
                Some(if developer_only && !group.fields.is_empty() {
                    Party::Developer
                } else {
                    Party::Uk
                })
            }
            Unit::Documents(slot) => self.slot(slot).map(|s| s.party),
        }
    }

    /// The changes among `changes` that `party` may not make, as (path, rule) pairs.
    pub fn foreign_changes(
        &self,
        party: Party,
        changes: &[Change],
    ) -> Vec<(String, RuleViolation)> {
        changes
            .iter()
            .filter(|c| self.party_of(&c.unit).is_some_and(|owner| owner != party))
            .map(|c| (c.unit.path(), RuleViolation::new(NOT_YOUR_PART)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::guarantee::GUARANTEE;
    use crate::forms::merge::UnitValue;

    fn set(unit: Unit) -> Change {
        Change {
            unit,
            value: Some(UnitValue::Text("x".into())),
        }
    }

    #[test]
    fn each_unit_has_its_party() {
        let value = |p: &str| GUARANTEE.party_of(&Unit::Value(p.into()));
        assert_eq!(value("uk.bin"), Some(Party::Uk));
        assert_eq!(value("developer.bin"), Some(Party::Uk));
        assert_eq!(value("developer.head_iin"), Some(Party::Developer));
        assert_eq!(value("developer.nothing"), None);
        assert_eq!(value("shareholders.name"), None);
        assert_eq!(
            GUARANTEE.party_of(&Unit::Blocks("shareholders".into())),
            Some(Party::Uk)
        );
        assert_eq!(
            GUARANTEE.party_of(&Unit::Documents("dev_charter".into())),
            Some(Party::Developer)
        );
        assert_eq!(
            GUARANTEE.party_of(&Unit::Documents("uk_charter".into())),
            Some(Party::Uk)
        );
    }

    #[test]
    fn a_party_may_change_only_its_own_part() {
        let changes = [
            set(Unit::Value("developer.head_iin".into())),
            set(Unit::Value("uk.bin".into())),
            set(Unit::Documents("uk_charter".into())),
        ];
        let foreign = GUARANTEE.foreign_changes(Party::Developer, &changes);
        let paths: Vec<&str> = foreign.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["uk.bin", "documents.uk_charter"]);
        let foreign = GUARANTEE.foreign_changes(Party::Uk, &changes);
        assert_eq!(foreign.len(), 1);
        assert_eq!(foreign[0].0, "developer.head_iin");
        assert_eq!(foreign[0].1.key, NOT_YOUR_PART);
    }
}
