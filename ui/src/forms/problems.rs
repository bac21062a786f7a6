//! Problems of the open tab, by the path of the field they belong to.

use std::collections::BTreeMap;

use homeportal_domain::forms::{FormData, FormSpec, Problem, TabSpec};

/// Rule keys by field path (`uk.bin`, `shareholders[0].share`, `documents.uk_charter`).
pub type ProblemMap = BTreeMap<String, String>;

fn belongs_to(tab: &TabSpec, path: &str) -> bool {
    let head = path.split(['.', '[']).next().unwrap_or_default();
    if head == "documents" {
        let slot = path.trim_start_matches("documents.");
        return tab.documents.iter().any(|d| d.id == slot);
    }
    tab.groups.iter().any(|g| g.id == head)
}

/// Every problem of `tab`: its own fields' and the form's cross-field checks that land in it.
/// The first problem of a path wins.
pub fn tab_problems(spec: &FormSpec, tab: &TabSpec, data: &FormData) -> ProblemMap {
    let mut map = ProblemMap::new();
    let cross: Vec<Problem> = (spec.cross_checks)(data);
    for problem in tab.problems(data, None).into_iter().chain(cross) {
        if belongs_to(tab, &problem.path) {
            map.entry(problem.path).or_insert(problem.rule);
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use homeportal_domain::forms::guarantee::GUARANTEE;

    use super::*;

    fn tab(id: &str) -> &'static TabSpec {
        GUARANTEE
            .stages
            .iter()
            .flat_map(|s| s.tabs.iter())
            .find(|t| t.id == id)
            .expect("tab")
    }

    #[test]
    fn each_problem_lands_on_its_field_in_its_tab() {
        let mut data = FormData::default();
        data.set("uk", "bin", "940140000386");
        data.set("uk_bank", "iik", "KZ00722S000010366450");
        data.set("uk_contacts", "phone", "+7 703 123 45 67");
        let uk = tab_problems(&GUARANTEE, tab("uk"), &data);
        assert_eq!(
            uk.get("uk.bin").map(String::as_str),
            Some("rule.id.check_digit")
        );
        assert_eq!(
            uk.get("uk_bank.iik").map(String::as_str),
            Some("rule.iik.checksum")
        );
        assert_eq!(
            uk.get("uk_contacts.phone").map(String::as_str),
            Some("rule.phone.not_mobile")
        );
        assert_eq!(
            uk.get("uk.actual_address").map(String::as_str),
            Some("rule.required"),
            "cross-field checks land on their field too"
        );
        assert!(
            uk.keys().all(|p| !p.starts_with("head.")),
            "another tab's fields stay out"
        );

        data.blocks.insert(
            "shareholders".into(),
            vec![BTreeMap::from([("share".to_owned(), "101".to_owned())])],
        );
        let shareholders = tab_problems(&GUARANTEE, tab("shareholders"), &data);
        assert_eq!(
            shareholders
                .get("shareholders[0].share")
                .map(String::as_str),
            Some("rule.percent.range")
        );
        assert!(shareholders.contains_key("shareholders[0].name"));
    }
}
