//! What a form holds while it is being filled: the data, which fields were left once (their
//! messages show from then on, as the user types), and whether it changed since saving.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use homeportal_domain::forms::{apply_derived, AttachedFile, FieldPath, FormData, FormSpec};
use yew::prelude::*;

/// The form being filled.
#[derive(Clone)]
pub struct FormState {
    /// Which form.
    pub spec: &'static FormSpec,
    /// What is typed so far.
    pub data: FormData,
    /// Paths whose messages show (left once, or checked on «Далее»).
    pub touched: BTreeSet<String>,
    /// Changed since the last save.
    pub dirty: bool,
}

impl PartialEq for FormState {
    fn eq(&self, other: &Self) -> bool {
        self.spec.id == other.spec.id
            && self.data == other.data
            && self.touched == other.touched
            && self.dirty == other.dirty
    }
}

impl FormState {
    /// An empty form of `spec`.
    pub fn new(spec: &'static FormSpec) -> FormState {
        FormState {
            spec,
            data: FormData::default(),
            touched: BTreeSet::new(),
            dirty: false,
        }
    }

    /// Whether the message of `path` shows.
    pub fn shows(&self, path: &str) -> bool {
        self.touched.contains(path)
    }
}

/// A change to the form.
pub enum FormAction {
    /// A saved draft was opened.
    Load(FormData),
    /// A value was typed.
    Set(FieldPath, String),
    /// A field was left: its message shows from now on.
    Touch(String),
    /// «+ Добавить еще» in a repeatable group.
    AddBlock(&'static str),
    /// The delete mark of block `index` of a group.
    RemoveBlock(&'static str, usize),
    /// The files stored for the draft's document slots.
    AttachDocuments(BTreeMap<String, Vec<AttachedFile>>),
    /// The draft was saved.
    Saved,
}

impl Reducible for FormState {
    type Action = FormAction;

    fn reduce(self: Rc<Self>, action: FormAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            FormAction::Load(data) => {
                next.data = data;
                next.touched.clear();
                next.dirty = false;
            }
            FormAction::Set(path, value) => {
                path.set(&mut next.data, &value);
                apply_derived(next.spec, &mut next.data);
                next.dirty = true;
            }
            FormAction::Touch(path) => {
                next.touched.insert(path);
            }
            FormAction::AddBlock(group) => {
                next.data
                    .blocks
                    .entry(group.to_owned())
                    .or_default()
                    .push(BTreeMap::new());
                next.dirty = true;
            }
            FormAction::RemoveBlock(group, index) => {
                if let Some(blocks) = next.data.blocks.get_mut(group) {
                    if index < blocks.len() {
                        blocks.remove(index);
                        // Messages follow the blocks that moved up.
                        let prefix = format!("{group}[");
                        next.touched.retain(|p| !p.starts_with(&prefix));
                        next.dirty = true;
                    }
                }
            }
            FormAction::AttachDocuments(documents) => next.data.documents = documents,
            FormAction::Saved => next.dirty = false,
        }
        Rc::new(next)
    }
}
