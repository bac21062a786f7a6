//! Whether a draft is well-formed for its form, whatever its completeness: only the form's own
//! fields, blocks and slots, within sane sizes. Incomplete drafts pass; rules are checked on submit.

use super::{DocumentSlot, FormData, FormSpec, GroupSpec};
use crate::rule::RuleViolation;

/// Longest text a field may hold.
pub const MAX_VALUE_CHARS: usize = 4000;
/// Most blocks a repeatable group may hold.
pub const MAX_BLOCKS: usize = 200;
/// Most files one slot may hold.
pub const MAX_FILES: usize = 100;
/// Longest file name.
pub const MAX_FILE_NAME_CHARS: usize = 255;

const UNKNOWN: &str = "rule.form.unknown_field";
const TOO_LONG: &str = "rule.form.too_long";
const TOO_MANY: &str = "rule.form.too_many";
const BAD_FILE: &str = "rule.form.bad_file";

/// Where a draft is malformed, and which rule says so.
pub type Malformed = (String, RuleViolation);

fn problem(path: impl Into<String>, key: &'static str) -> Malformed {
    (path.into(), RuleViolation::new(key))
}

fn text_problem(path: String, text: &str) -> Option<Malformed> {
    (text.chars().count() > MAX_VALUE_CHARS).then(|| problem(path, TOO_LONG))
}

impl FormSpec {
    pub(super) fn group(&self, id: &str) -> Option<&'static GroupSpec> {
        self.stages
            .iter()
            .flat_map(|s| s.tabs.iter())
            .flat_map(|t| t.groups.iter())
            .find(|g| g.id == id)
    }

    /// Whether the form has a document field `id`.
    pub fn has_slot(&self, id: &str) -> bool {
        self.slot(id).is_some()
    }

    /// The document field `id`.
    pub fn slot(&self, id: &str) -> Option<&'static DocumentSlot> {
        self.stages
            .iter()
            .flat_map(|s| s.tabs.iter())
            .flat_map(|t| t.documents.iter())
            .find(|d| d.id == id)
    }

    /// What makes `data` malformed for this form: unknown fields, blocks or slots, texts or
    /// lists too long, files that are not described properly. Empty for any partial draft.
    pub fn malformed(&self, data: &FormData) -> Vec<Malformed> {
        let mut problems = Vec::new();
        for (path, value) in &data.values {
            let known = path.split_once('.').is_some_and(|(group, field)| {
                self.group(group)
                    .is_some_and(|g| !g.repeatable && g.fields.iter().any(|f| f.id == field))
            });
            if !known {
                problems.push(problem(path, UNKNOWN));
            }
            problems.extend(text_problem(path.clone(), value));
        }
        for (group_id, blocks) in &data.blocks {
            let Some(group) = self.group(group_id).filter(|g| g.repeatable) else {
                problems.push(problem(group_id, UNKNOWN));
                continue;
            };
            if blocks.len() > MAX_BLOCKS {
                problems.push(problem(group_id, TOO_MANY));
            }
            for (index, block) in blocks.iter().enumerate() {
                for (field, value) in block {
                    let path = format!("{group_id}[{index}].{field}");
                    if !group.fields.iter().any(|f| f.id == field) {
                        problems.push(problem(path.clone(), UNKNOWN));
                    }
                    problems.extend(text_problem(path, value));
                }
            }
        }
        for (slot, files) in &data.documents {
            let path = format!("documents.{slot}");
            if !self.has_slot(slot) {
                problems.push(problem(path.clone(), UNKNOWN));
            }
            if files.len() > MAX_FILES {
                problems.push(problem(path.clone(), TOO_MANY));
            }
            let bad_file = files.iter().any(|f| {
                f.file_name.trim().is_empty()
                    || f.file_name.chars().count() > MAX_FILE_NAME_CHARS
                    || f.sha256.len() != 64
                    || !f.sha256.bytes().all(|b| b.is_ascii_hexdigit())
            });
            if bad_file {
                problems.push(problem(path, BAD_FILE));
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use crate::api::ApplicationKind;
    use crate::forms::{AttachedFile, FormData};

    #[test]
    fn a_partial_draft_is_well_formed() {
        let spec = ApplicationKind::Guarantee.form();
        let mut data = FormData::default();
        data.set("project", "name", "ЖК «Алатау»");
        data.set("uk", "bin", "not a BIN yet");
        assert!(spec.malformed(&data).is_empty());
        assert!(!spec.check(&data).is_empty());
    }

    #[test]
    fn foreign_fields_long_texts_and_bad_files_are_malformed() {
        let spec = ApplicationKind::Guarantee.form();
        let mut data = FormData::default();
        data.set("nowhere", "field", "x");
        data.set("project", "name", &"я".repeat(super::MAX_VALUE_CHARS + 1));
        data.documents.insert(
            "no_such_slot".into(),
            vec![AttachedFile {
                file_name: String::new(),
                size: 1,
                sha256: "zz".into(),
                signed: false,
            }],
        );
        let rules: Vec<(String, String)> = spec
            .malformed(&data)
            .into_iter()
            .map(|(path, rule)| (path, rule.key.to_owned()))
            .collect();
        assert!(rules.contains(&("nowhere.field".into(), super::UNKNOWN.into())));
        assert!(rules.contains(&("project.name".into(), super::TOO_LONG.into())));
        assert!(rules.contains(&("documents.no_such_slot".into(), super::UNKNOWN.into())));
        assert!(rules.contains(&("documents.no_such_slot".into(), super::BAD_FILE.into())));
    }
}
