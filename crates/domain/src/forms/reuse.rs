//! «Создать на основе…»: a new application pre-filled from a previous one of the same
//! organisation — the company, its address, contacts and bank, the head, the shareholders and
//! the developer as the УК named it. Project fields, documents, consents and signatures belong
//! to the previous project and are not copied, nor the developer's own part.

use super::merge::Unit;
use super::{FormData, FormSpec, Party};

/// The groups whose УК-filled values carry over.
pub const CARRIED_GROUPS: &[&str] = &[
    "uk",
    "uk_address",
    "uk_contacts",
    "uk_bank",
    "head",
    "shareholders",
    "developer",
];

/// A new draft of `spec` pre-filled from `previous`.
pub fn based_on(spec: &FormSpec, previous: &FormData) -> FormData {
    let carried = |unit: &Unit| {
        let group = match unit {
            Unit::Value(path) => path.split_once('.').map_or("", |(group, _)| group),
            Unit::Blocks(group) => group,
            Unit::Documents(_) => return false,
        };
        CARRIED_GROUPS.contains(&group) && spec.party_of(unit) == Some(Party::Uk)
    };
    let mut next = FormData::default();
    for (unit, value) in previous.units() {
        if carried(&unit) {
            next.set_unit(&unit, Some(value));
        }
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::guarantee::GUARANTEE;
    use crate::forms::AttachedFile;

    #[test]
    fn exactly_the_listed_fields_are_copied() {
        let mut previous = FormData::default();
        for (group, field, value) in [
            ("uk", "bin", "940140000385"),
            ("uk", "org_name_ru", "ТОО «Nova City Development»"),
            ("uk_address", "street", "улица 38"),
            ("uk_contacts", "email", "buh@novacity.kz"),
            ("uk_bank", "iik", "KZ31722S000010366450"),
            ("head", "iin", "830717350867"),
            ("developer", "bin", "950341000052"),
            ("developer", "email", "info@stroy.kz"),
            ("developer", "head_iin", "871008401427"),
            ("project", "name", "ЖК «Нова»"),
            ("project", "cost", "12 500 000 000"),
        ] {
            previous.set(group, field, value);
        }
        previous.blocks.insert(
            "shareholders".into(),
            vec![[("name".to_owned(), "А".to_owned())].into_iter().collect()],
        );
        previous.blocks.insert(
            "expertise_consent".into(),
            vec![[("number".to_owned(), "1".to_owned())]
                .into_iter()
                .collect()],
        );
        previous.documents.insert(
            "uk_charter".into(),
            vec![AttachedFile {
                file_name: "устав.pdf".into(),
                size: 1,
                sha256: "ab".repeat(32),
                signed: true,
            }],
        );

        let next = based_on(&GUARANTEE, &previous);
        let copied: Vec<String> = next.units().keys().map(Unit::path).collect();
        assert_eq!(
            copied,
            [
                "developer.bin",
                "developer.email",
                "head.iin",
                "uk.bin",
                "uk.org_name_ru",
                "uk_address.street",
                "uk_bank.iik",
                "uk_contacts.email",
                "shareholders",
            ]
        );
        assert_eq!(next.value("uk_bank", "iik"), "KZ31722S000010366450");
        assert!(next.documents.is_empty(), "documents are the old project's");
    }
}
