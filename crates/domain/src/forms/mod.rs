//! Application forms as typed documents: a static specification (stages → tabs → groups →
//! fields and document slots, each with its label key, whether it is required, which party fills
//! it and which rule checks it) and the draft data checked against it.

pub mod correction;
mod derived;
pub mod guarantee;
pub mod library;
pub mod merge;
mod parties;
mod path;
pub mod reuse;
mod rules;
mod shape;
pub mod subsidy;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use derived::{apply_derived, is_locked};
pub use parties::NOT_YOUR_PART;
pub use path::FieldPath;
pub use rules::Rule;

use crate::rule::RuleViolation;

/// Who fills a field or uploads a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    /// The authorised company (УК) — the applicant.
    Uk,
    /// The developer (застройщик), in its own cabinet.
    Developer,
}

/// One input field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// Name within its group.
    pub id: &'static str,
    /// Catalogue key of the label.
    pub label: &'static str,
    /// Whether it carries the red star.
    pub required: bool,
    /// Who fills it.
    pub party: Party,
    /// The rule that checks it.
    pub rule: Rule,
}

/// A block of fields; repeatable blocks get «+ Добавить еще» and a delete mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupSpec {
    /// Name, the first part of field paths.
    pub id: &'static str,
    /// Catalogue key of the heading.
    pub label: &'static str,
    /// Whether the block repeats.
    pub repeatable: bool,
    /// The fields.
    pub fields: &'static [FieldSpec],
}

/// A document field («Загрузить»): several files, each at most `max_bytes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentSlot {
    /// Name, used as `documents.<id>` in paths.
    pub id: &'static str,
    /// Catalogue key of the label.
    pub label: &'static str,
    /// Whether at least one file is required.
    pub required: bool,
    /// Who uploads it.
    pub party: Party,
    /// Largest accepted file.
    pub max_bytes: u64,
    /// Whether the file must be signed with EDS (consents, contracts).
    pub must_be_signed: bool,
}

/// A tab of a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TabSpec {
    /// Name.
    pub id: &'static str,
    /// Catalogue key of the title.
    pub label: &'static str,
    /// Field blocks.
    pub groups: &'static [GroupSpec],
    /// Document fields.
    pub documents: &'static [DocumentSlot],
}

/// A stage of the route indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageSpec {
    /// Name.
    pub id: &'static str,
    /// Catalogue key of the title («Этап 1. Корпоративная информация»).
    pub label: &'static str,
    /// Tabs.
    pub tabs: &'static [TabSpec],
}

/// A whole form.
#[derive(Debug, Clone, Copy)]
pub struct FormSpec {
    /// Name.
    pub id: &'static str,
    /// Catalogue key of the title.
    pub label: &'static str,
    /// Stages in route order.
    pub stages: &'static [StageSpec],
    /// Checks across fields (shares sum to 100, IIK ↔ BIK, …).
    pub cross_checks: fn(&FormData) -> Vec<Problem>,
}

/// A file attached to a document field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachedFile {
    /// Original file name.
    pub file_name: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the content, hex.
    pub sha256: String,
    /// Whether an EDS signature over it is on record.
    #[serde(default)]
    pub signed: bool,
}

/// A draft: plain values by path, repeatable blocks, and attached files.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormData {
    /// `group.field` → value, for non-repeatable groups.
    #[serde(default)]
    pub values: BTreeMap<String, String>,
    /// `group` → blocks of `field` → value, for repeatable groups.
    #[serde(default)]
    pub blocks: BTreeMap<String, Vec<BTreeMap<String, String>>>,
    /// Document field → files.
    #[serde(default)]
    pub documents: BTreeMap<String, Vec<AttachedFile>>,
}

impl FormData {
    /// The value at `group.field` (empty when absent).
    pub fn value(&self, group: &str, field: &str) -> &str {
        self.values
            .get(&format!("{group}.{field}"))
            .map_or("", String::as_str)
    }

    /// Sets `group.field`.
    pub fn set(&mut self, group: &str, field: &str, value: &str) {
        self.values
            .insert(format!("{group}.{field}"), value.to_owned());
    }
}

/// One problem found by a check: where, and which rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// Path: `group.field`, `group[i].field`, or `documents.slot`.
    pub path: String,
    /// Catalogue key of the rule.
    pub rule: String,
}

impl Problem {
    /// A problem at `path`.
    pub fn new(path: impl Into<String>, rule: RuleViolation) -> Self {
        Problem {
            path: path.into(),
            rule: rule.key.to_owned(),
        }
    }
}

fn field_problem(path: String, spec: &FieldSpec, value: &str) -> Option<Problem> {
    if value.trim().is_empty() {
        return spec
            .required
            .then(|| Problem::new(path, RuleViolation::new("rule.required")));
    }
    spec.rule
        .check(value)
        .err()
        .map(|rule| Problem::new(path, rule))
}

fn group_problems(group: &GroupSpec, data: &FormData, party: Option<Party>) -> Vec<Problem> {
    let fields = group
        .fields
        .iter()
        .filter(move |f| party.is_none_or(|p| f.party == p));
    if !group.repeatable {
        return fields
            .filter_map(|f| {
                field_problem(
                    format!("{}.{}", group.id, f.id),
                    f,
                    data.value(group.id, f.id),
                )
            })
            .collect();
    }
    let blocks = data.blocks.get(group.id).map_or(&[][..], Vec::as_slice);
    let fields: Vec<&FieldSpec> = fields.collect();
    if blocks.is_empty() && fields.iter().any(|f| f.required) {
        return vec![Problem::new(
            group.id,
            RuleViolation::new("rule.block.at_least_one"),
        )];
    }
    blocks
        .iter()
        .enumerate()
        .flat_map(|(i, block)| {
            fields.iter().filter_map(move |f| {
                let value = block.get(f.id).map_or("", String::as_str);
                field_problem(format!("{}[{i}].{}", group.id, f.id), f, value)
            })
        })
        .collect()
}

fn document_problems(slot: &DocumentSlot, data: &FormData) -> Vec<Problem> {
    let path = format!("documents.{}", slot.id);
    let files = data.documents.get(slot.id).map_or(&[][..], Vec::as_slice);
    let mut problems = Vec::new();
    if slot.required && files.is_empty() {
        problems.push(Problem::new(
            &path,
            RuleViolation::new("rule.document.required"),
        ));
    }
    if files.iter().any(|f| f.size > slot.max_bytes) {
        problems.push(Problem::new(
            &path,
            RuleViolation::new("rule.document.too_large"),
        ));
    }
    if files.iter().any(|f| f.size == 0) {
        problems.push(Problem::new(
            &path,
            RuleViolation::new("rule.document.empty"),
        ));
    }
    if slot.must_be_signed && files.iter().any(|f| !f.signed) {
        problems.push(Problem::new(
            &path,
            RuleViolation::new("rule.document.unsigned"),
        ));
    }
    problems
}

impl TabSpec {
    /// Problems of this tab's own fields and documents (of one party, or of both).
    pub fn problems(&self, data: &FormData, party: Option<Party>) -> Vec<Problem> {
        let mut problems: Vec<Problem> = self
            .groups
            .iter()
            .flat_map(|g| group_problems(g, data, party))
            .collect();
        problems.extend(
            self.documents
                .iter()
                .filter(|d| party.is_none_or(|p| d.party == p))
                .flat_map(|d| document_problems(d, data)),
        );
        problems
    }

    /// The «complete» indicator of the tab.
    pub fn is_complete(&self, data: &FormData, party: Option<Party>) -> bool {
        self.problems(data, party).is_empty()
    }
}

impl StageSpec {
    /// Whether `party` fills anything in this stage.
    pub fn has_part_of(&self, party: Party) -> bool {
        self.tabs.iter().any(|t| {
            t.groups
                .iter()
                .any(|g| g.fields.iter().any(|f| f.party == party))
                || t.documents.iter().any(|d| d.party == party)
        })
    }

    /// Whether every tab of the stage is complete (for one party, or both).
    pub fn is_complete(&self, data: &FormData, party: Option<Party>) -> bool {
        self.tabs.iter().all(|t| t.is_complete(data, party))
    }
}

impl FormSpec {
    /// «Check Application»: every problem of every stage, both parties, and the cross-field
    /// checks, each with its path.
    pub fn check(&self, data: &FormData) -> Vec<Problem> {
        let mut problems: Vec<Problem> = self
            .stages
            .iter()
            .flat_map(|s| s.tabs.iter())
            .flat_map(|t| t.problems(data, None))
            .collect();
        problems.extend((self.cross_checks)(data));
        problems
    }

    /// Whether `party` has done its part (fields and documents) in every stage.
    pub fn is_complete_for(&self, data: &FormData, party: Party) -> bool {
        self.stages.iter().all(|s| s.is_complete(data, Some(party)))
    }

    /// Every field with its path prefix, for catalogue and consistency checks.
    pub fn fields(&self) -> impl Iterator<Item = (&'static GroupSpec, &'static FieldSpec)> {
        self.stages
            .iter()
            .flat_map(|s| s.tabs.iter())
            .flat_map(|t| t.groups.iter())
            .flat_map(|g| g.fields.iter().map(move |f| (g, f)))
    }

    /// Every catalogue key the form shows (stages, tabs, groups, fields, documents).
    pub fn label_keys(&self) -> Vec<&'static str> {
        let mut keys = vec![self.label];
        for stage in self.stages {
            keys.push(stage.label);
            for tab in stage.tabs {
                keys.push(tab.label);
                keys.extend(tab.documents.iter().map(|d| d.label));
                for group in tab.groups {
                    keys.push(group.label);
                    keys.extend(group.fields.iter().map(|f| f.label));
                }
            }
        }
        keys
    }
}

/// Shorthand constructors for the static tables.
pub mod build {
    use super::{DocumentSlot, FieldSpec, Party, Rule};

    /// A required field of the УК.
    pub const fn req(id: &'static str, label: &'static str, rule: Rule) -> FieldSpec {
        FieldSpec {
            id,
            label,
            required: true,
            party: Party::Uk,
            rule,
        }
    }
    /// An optional field of the УК.
    pub const fn opt(id: &'static str, label: &'static str, rule: Rule) -> FieldSpec {
        FieldSpec {
            id,
            label,
            required: false,
            party: Party::Uk,
            rule,
        }
    }
    /// A required field of the developer.
    pub const fn dev(id: &'static str, label: &'static str, rule: Rule) -> FieldSpec {
        FieldSpec {
            id,
            label,
            required: true,
            party: Party::Developer,
            rule,
        }
    }
    /// A document field.
    pub const fn doc(
        id: &'static str,
        label: &'static str,
        required: bool,
        party: Party,
        max_bytes: u64,
    ) -> DocumentSlot {
        DocumentSlot {
            id,
            label,
            required,
            party,
            max_bytes,
            must_be_signed: false,
        }
    }
    /// A consent or contract that must be signed with EDS.
    pub const fn signed(
        id: &'static str,
        label: &'static str,
        party: Party,
        max_bytes: u64,
    ) -> DocumentSlot {
        DocumentSlot {
            id,
            label,
            required: true,
            party,
            max_bytes,
            must_be_signed: true,
        }
    }
    /// 600 MB, the limit per file in applications.
    pub const APPLICATION_FILE: u64 = 600 * 1024 * 1024;
    /// 700 MB, the limit per file in appeals.
    pub const APPEAL_FILE: u64 = 700 * 1024 * 1024;
}
