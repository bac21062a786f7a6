//! Drafts as sets of independently mergeable units (a field, a repeatable block list, a document
//! slot): the changes between two drafts, applying them, and the three-way rebase that keeps the
//! edits of both sides and names the units changed differently on both.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::{AttachedFile, FormData};

/// One part of a draft that is merged as a whole.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "part", content = "name", rename_all = "snake_case")]
pub enum Unit {
    /// A field of a non-repeatable group: `group.field`.
    Value(String),
    /// All blocks of a repeatable group, by group name (blocks are reordered and removed as a list).
    Blocks(String),
    /// The files of a document slot, by slot name.
    Documents(String),
}

impl Unit {
    /// The path the form renderer and the problems use: `group.field`, `group`, `documents.slot`.
    pub fn path(&self) -> String {
        match self {
            Unit::Value(path) | Unit::Blocks(path) => path.clone(),
            Unit::Documents(slot) => format!("documents.{slot}"),
        }
    }
}

/// The content of a unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum UnitValue {
    /// A field's text.
    Text(String),
    /// The blocks of a repeatable group.
    Blocks(Vec<BTreeMap<String, String>>),
    /// A slot's files.
    Files(Vec<AttachedFile>),
}

/// A unit set to a value, or cleared (`None`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// Which unit.
    pub unit: Unit,
    /// Its new content; `None` clears it.
    pub value: Option<UnitValue>,
}

/// A unit both sides changed differently: a person chooses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// Which unit.
    pub unit: Unit,
    /// The value on this computer.
    pub local: Option<UnitValue>,
    /// The value on the server.
    pub remote: Option<UnitValue>,
}

/// Which side of a conflict a person kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The value typed on this computer.
    Local,
    /// The value on the server.
    Remote,
}

/// A conflict a person resolved: what was kept and what was set aside (kept in the history).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resolution {
    /// Which unit.
    pub unit: Unit,
    /// The value that stays.
    pub kept: Option<UnitValue>,
    /// The value that lost.
    pub discarded: Option<UnitValue>,
}

impl Conflict {
    /// The resolution that keeps `side`.
    pub fn resolve(&self, side: Side) -> Resolution {
        let (kept, discarded) = match side {
            Side::Local => (self.local.clone(), self.remote.clone()),
            Side::Remote => (self.remote.clone(), self.local.clone()),
        };
        Resolution {
            unit: self.unit.clone(),
            kept,
            discarded,
        }
    }
}

/// What a rebase gives: the merged draft (local values where both sides differ) and the
/// conflicts left for a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rebased {
    /// Both sides' edits; conflicting units hold the local value until resolved.
    pub merged: FormData,
    /// Units changed differently on both sides.
    pub conflicts: Vec<Conflict>,
}

impl FormData {
    /// The same draft without empty values, empty block lists or empty slots, so that "typed
    /// and erased" and "never typed" compare equal.
    pub fn normalized(mut self) -> FormData {
        self.values.retain(|_, v| !v.is_empty());
        self.blocks.retain(|_, b| !b.is_empty());
        for block in self.blocks.values_mut() {
            for fields in block.iter_mut() {
                fields.retain(|_, v| !v.is_empty());
            }
        }
        self.documents.retain(|_, d| !d.is_empty());
        self
    }

    /// Every unit present, with its content.
    pub fn units(&self) -> BTreeMap<Unit, UnitValue> {
        let values = self
            .values
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (Unit::Value(k.clone()), UnitValue::Text(v.clone())));
        let blocks = self
            .blocks
            .iter()
            .filter(|(_, b)| !b.is_empty())
            .map(|(k, b)| (Unit::Blocks(k.clone()), UnitValue::Blocks(b.clone())));
        let documents = self
            .documents
            .iter()
            .filter(|(_, d)| !d.is_empty())
            .map(|(k, d)| (Unit::Documents(k.clone()), UnitValue::Files(d.clone())));
        values.chain(blocks).chain(documents).collect()
    }

    /// The content of one unit, if present.
    pub fn unit(&self, unit: &Unit) -> Option<UnitValue> {
        match unit {
            Unit::Value(path) => self
                .values
                .get(path)
                .filter(|v| !v.is_empty())
                .map(|v| UnitValue::Text(v.clone())),
            Unit::Blocks(group) => self
                .blocks
                .get(group)
                .filter(|b| !b.is_empty())
                .map(|b| UnitValue::Blocks(b.clone())),
            Unit::Documents(slot) => self
                .documents
                .get(slot)
                .filter(|d| !d.is_empty())
                .map(|d| UnitValue::Files(d.clone())),
        }
    }

    /// Sets (or clears) one unit; a value of another unit's type clears it.
    pub fn set_unit(&mut self, unit: &Unit, value: Option<UnitValue>) {
        match (unit, value) {
            (Unit::Value(path), Some(UnitValue::Text(text))) if !text.is_empty() => {
                self.values.insert(path.clone(), text);
            }
            (Unit::Value(path), _) => {
                self.values.remove(path);
            }
            (Unit::Blocks(group), Some(UnitValue::Blocks(blocks))) if !blocks.is_empty() => {
                self.blocks.insert(group.clone(), blocks);
            }
            (Unit::Blocks(group), _) => {
                self.blocks.remove(group);
            }
            (Unit::Documents(slot), Some(UnitValue::Files(files))) if !files.is_empty() => {
                self.documents.insert(slot.clone(), files);
            }
            (Unit::Documents(slot), _) => {
                self.documents.remove(slot);
            }
        }
    }

    /// Applies `changes` in order.
    pub fn apply(&mut self, changes: &[Change]) {
        for change in changes {
            self.set_unit(&change.unit, change.value.clone());
        }
    }

    /// The changes that turn `self` into `to`.
    pub fn diff(&self, to: &FormData) -> Vec<Change> {
        let (from, target) = (self.units(), to.units());
        let keys: BTreeSet<&Unit> = from.keys().chain(target.keys()).collect();
        keys.into_iter()
            .filter(|unit| from.get(*unit) != target.get(*unit))
            .map(|unit| Change {
                unit: unit.clone(),
                value: target.get(unit).cloned(),
            })
            .collect()
    }

    /// Three-way rebase of `local` (edited from `base`) onto `remote` (also from `base`): units
    /// only the server changed are taken, units only this computer changed are kept, units both
    /// changed to different values become conflicts.
    pub fn rebase(base: &FormData, local: &FormData, remote: &FormData) -> Rebased {
        let (b, l, r) = (base.units(), local.units(), remote.units());
        let keys: BTreeSet<&Unit> = b.keys().chain(l.keys()).chain(r.keys()).collect();
        let mut merged = remote.clone().normalized();
        let mut conflicts = Vec::new();
        for unit in keys {
            let (before, mine, theirs) = (b.get(unit), l.get(unit), r.get(unit));
            if mine == before || mine == theirs {
                continue;
            }
            merged.set_unit(unit, mine.cloned());
            if theirs != before {
                conflicts.push(Conflict {
                    unit: unit.clone(),
                    local: mine.cloned(),
                    remote: theirs.cloned(),
                });
            }
        }
        Rebased { merged, conflicts }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(pairs: &[(&str, &str)]) -> FormData {
        let mut data = FormData::default();
        for (path, value) in pairs {
            data.values.insert((*path).to_owned(), (*value).to_owned());
        }
        data
    }

    #[test]
    fn a_diff_applied_gives_the_target() {
        let from = draft(&[("a.x", "1"), ("a.y", "2")]);
        let mut to = draft(&[("a.x", "1"), ("a.z", "3")]);
        to.documents.insert(
            "license".into(),
            vec![AttachedFile {
                file_name: "l.pdf".into(),
                size: 5,
                sha256: "00".repeat(32),
                signed: false,
            }],
        );
        let changes = from.diff(&to);
        assert_eq!(changes.len(), 3);
        let mut applied = from.clone();
        applied.apply(&changes);
        assert_eq!(applied, to);
    }

    #[test]
    fn erased_and_never_typed_are_the_same() {
        let typed = draft(&[("a.x", "")]);
        assert!(typed.diff(&FormData::default()).is_empty());
        assert_eq!(typed.normalized(), FormData::default());
    }

    #[test]
    fn rebase_takes_theirs_keeps_mine_and_names_real_conflicts() {
        let base = draft(&[("a.x", "1"), ("a.y", "1"), ("a.z", "1"), ("a.w", "1")]);
        let local = draft(&[("a.x", "L"), ("a.y", "1"), ("a.z", "L"), ("a.w", "same")]);
        let remote = draft(&[("a.x", "1"), ("a.y", "R"), ("a.z", "R"), ("a.w", "same")]);
        let rebased = FormData::rebase(&base, &local, &remote);
        assert_eq!(rebased.merged.value("a", "x"), "L");
        assert_eq!(rebased.merged.value("a", "y"), "R");
        assert_eq!(rebased.merged.value("a", "z"), "L");
        assert_eq!(rebased.merged.value("a", "w"), "same");
        assert_eq!(
            rebased.conflicts,
            vec![Conflict {
                unit: Unit::Value("a.z".into()),
                local: Some(UnitValue::Text("L".into())),
                remote: Some(UnitValue::Text("R".into())),
            }]
        );
    }

    #[test]
    fn a_unit_cleared_on_one_side_and_changed_on_the_other_conflicts() {
        let base = draft(&[("a.x", "1")]);
        let local = draft(&[]);
        let remote = draft(&[("a.x", "2")]);
        let rebased = FormData::rebase(&base, &local, &remote);
        assert_eq!(rebased.conflicts.len(), 1);
        assert_eq!(rebased.conflicts[0].local, None);
        let resolution = rebased.conflicts[0].resolve(Side::Remote);
        assert_eq!(resolution.kept, Some(UnitValue::Text("2".into())));
        assert_eq!(resolution.discarded, None);
    }
}
