//! Values a form fills by itself, so that the desktop and the server agree on them: the
//! servicing bank's name from a matching ИИК and БИК, and the actual address mirrored from the
//! legal one while «Соответствует юридическому адресу» is ticked (and then locked).

use super::{FormData, FormSpec, GroupSpec};
use crate::ids::{bank_of, Bik, Iik};

fn has(group: &GroupSpec, field: &str) -> bool {
    group.fields.iter().any(|f| f.id == field)
}

fn groups(spec: &FormSpec) -> impl Iterator<Item = &'static GroupSpec> {
    spec.stages
        .iter()
        .flat_map(|s| s.tabs.iter())
        .flat_map(|t| t.groups.iter())
        .filter(|g| !g.repeatable)
}

fn mirrors_address(group: &GroupSpec) -> bool {
    has(group, "same_as_legal") && has(group, "legal_address") && has(group, "actual_address")
}

/// Fills the derived values of `data`; whether anything changed.
pub fn apply_derived(spec: &FormSpec, data: &mut FormData) -> bool {
    let mut changed = false;
    let mut set = |data: &mut FormData, group: &str, field: &str, value: String| {
        if data.value(group, field) != value {
            data.set(group, field, &value);
            changed = true;
        }
    };
    for group in groups(spec) {
        if has(group, "iik") && has(group, "bik") && has(group, "bank_name") {
            let bank = Iik::parse(data.value(group.id, "iik"))
                .ok()
                .zip(Bik::parse(data.value(group.id, "bik")).ok())
                .and_then(|(iik, bik)| bank_of(&iik, &bik).ok());
            if let Some(bank) = bank {
                set(data, group.id, "bank_name", bank.name_ru.clone());
            }
        }
        if mirrors_address(group) && data.value(group.id, "same_as_legal") == "true" {
            let legal = data.value(group.id, "legal_address").to_owned();
            set(data, group.id, "actual_address", legal);
        }
    }
    changed
}

/// Whether the field at `path` is filled by the form itself right now (shown read-only).
pub fn is_locked(spec: &FormSpec, data: &FormData, path: &str) -> bool {
    groups(spec).any(|group| {
        mirrors_address(group)
            && path == format!("{}.actual_address", group.id)
            && data.value(group.id, "same_as_legal") == "true"
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::guarantee::GUARANTEE;

    #[test]
    fn the_bank_name_follows_a_matching_iik_and_bik() {
        let mut data = FormData::default();
        data.set("uk_bank", "iik", "KZ31722S000010366450");
        assert!(!apply_derived(&GUARANTEE, &mut data));
        data.set("uk_bank", "bik", "CASPKZKA");
        assert!(apply_derived(&GUARANTEE, &mut data));
        assert!(!data.value("uk_bank", "bank_name").is_empty());
        assert!(
            !apply_derived(&GUARANTEE, &mut data),
            "a second pass changes nothing"
        );
    }

    #[test]
    fn the_actual_address_mirrors_the_legal_one_while_ticked() {
        let mut data = FormData::default();
        data.set("uk", "legal_address", "Астана, пр. Мангилик Ел, 55");
        assert!(!is_locked(&GUARANTEE, &data, "uk.actual_address"));
        data.set("uk", "same_as_legal", "true");
        apply_derived(&GUARANTEE, &mut data);
        assert_eq!(
            data.value("uk", "actual_address"),
            "Астана, пр. Мангилик Ел, 55"
        );
        assert!(is_locked(&GUARANTEE, &data, "uk.actual_address"));
        data.set("uk", "same_as_legal", "false");
        assert!(!is_locked(&GUARANTEE, &data, "uk.actual_address"));
    }
}
