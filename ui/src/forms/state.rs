//! What a form holds while it is being filled: the data, which fields were left once (their
//! messages show from then on, as the user types), and what the local store last had — the base
//! of the next save, so only what was typed is sent and changes merged in meanwhile stay.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use homeportal_domain::forms::merge::Change;
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
    /// What the local store has.
    pub saved: FormData,
    /// The store's revision of `saved`.
    pub revision: i64,
    /// This organisation's files per document slot it fills, as its document library has them;
    /// laid over every copy the store gives, so an upload becomes an edit of the draft.
    pub library: BTreeMap<String, Vec<AttachedFile>>,
}

impl PartialEq for FormState {
    fn eq(&self, other: &Self) -> bool {
        self.spec.id == other.spec.id
            && self.data == other.data
            && self.touched == other.touched
            && self.saved == other.saved
            && self.revision == other.revision
            && self.library == other.library
    }
}

impl FormState {
    /// An empty form of `spec`.
    pub fn new(spec: &'static FormSpec) -> FormState {
        FormState {
            spec,
            data: FormData::default(),
            touched: BTreeSet::new(),
            saved: FormData::default(),
            revision: 0,
            library: BTreeMap::new(),
        }
    }

    /// Lays the library's files over the slots this organisation fills. A slot the library has
    /// nothing for keeps what the draft holds (files attached on another computer of the
    /// organisation stay).
    fn overlay_library(&mut self) {
        for (slot, files) in &self.library {
            if !files.is_empty() {
                self.data.documents.insert(slot.clone(), files.clone());
            }
        }
    }

    /// What was typed since the store last heard from the form.
    pub fn unsaved(&self) -> Vec<Change> {
        self.saved.diff(&self.data)
    }

    /// Whether anything typed is not saved yet.
    pub fn is_dirty(&self) -> bool {
        !self.unsaved().is_empty()
    }

    /// Takes `store` (saved here, or merged in by the sync engine) as the new base and keeps
    /// what was typed since `sent` on top of it.
    fn rebase(&mut self, sent: &FormData, store: FormData, revision: i64) {
        let typed_since = sent.diff(&self.data);
        let mut data = store.clone();
        data.apply(&typed_since);
        self.saved = store;
        self.data = data;
        self.revision = revision;
        self.overlay_library();
    }

    /// Whether the message of `path` shows.
    pub fn shows(&self, path: &str) -> bool {
        self.touched.contains(path)
    }
}

/// A change to the form.
pub enum FormAction {
    /// A saved draft was opened (its content and revision).
    Load(FormData, i64),
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
    /// The store saved what was `sent` and now has `store` at `revision`.
    Saved {
        /// What the save was computed from.
        sent: FormData,
        /// The store's content after it.
        store: FormData,
        /// The store's revision.
        revision: i64,
    },
    /// The store's copy moved on without this form (merged from the server).
    Refreshed(FormData, i64),
}

impl Reducible for FormState {
    type Action = FormAction;

    fn reduce(self: Rc<Self>, action: FormAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            FormAction::Load(data, revision) => {
                next.saved = data.clone();
                next.data = data;
                next.revision = revision;
                next.touched.clear();
                next.overlay_library();
            }
            FormAction::Set(path, value) => {
                path.set(&mut next.data, &value);
                apply_derived(next.spec, &mut next.data);
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
            }
            FormAction::RemoveBlock(group, index) => {
                if let Some(blocks) = next.data.blocks.get_mut(group) {
                    if index < blocks.len() {
                        blocks.remove(index);
                        // Messages follow the blocks that moved up.
                        let prefix = format!("{group}[");
                        next.touched.retain(|p| !p.starts_with(&prefix));
                    }
                }
            }
            // The files of this organisation's slots, as its library has them: an edit of the
            // draft like typing, so they reach the server and the whole-application check.
            FormAction::AttachDocuments(documents) => {
                // A slot whose files were all deleted here is emptied in the draft too.
                for (slot, files) in &next.library {
                    let emptied = documents.get(slot).is_none_or(Vec::is_empty);
                    if !files.is_empty() && emptied {
                        next.data.documents.remove(slot);
                    }
                }
                next.library = documents;
                next.overlay_library();
            }
            // A newer copy may have arrived first (merged from the server), typing already on it.
            FormAction::Saved {
                sent,
                store,
                revision,
            } => {
                if revision >= next.revision {
                    next.rebase(&sent, store, revision);
                }
            }
            FormAction::Refreshed(store, revision) => {
                if revision != next.revision {
                    let sent = next.saved.clone();
                    next.rebase(&sent, store, revision);
                }
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use homeportal_domain::api::ApplicationKind;

    use super::*;

    fn typed(state: Rc<FormState>, field: &str, value: &str) -> Rc<FormState> {
        state.reduce(FormAction::Set(
            FieldPath::field("project", field),
            value.to_owned(),
        ))
    }

    fn form() -> Rc<FormState> {
        Rc::new(FormState::new(ApplicationKind::Guarantee.form()))
    }

    #[test]
    fn typing_during_a_save_stays_on_top_of_what_the_store_answers() {
        let state = typed(form(), "name", "ЖК");
        let sent = state.data.clone();
        let state = typed(state, "name", "ЖК «Нұр»");
        let state = state.reduce(FormAction::Saved {
            sent,
            store: {
                let mut store = FormData::default();
                store.set("project", "name", "ЖК");
                store
            },
            revision: 1,
        });
        assert_eq!(state.data.value("project", "name"), "ЖК «Нұр»");
        assert_eq!(
            state.unsaved().len(),
            1,
            "the later typing still waits to be saved"
        );
    }

    #[test]
    fn changes_merged_from_the_server_arrive_under_the_typing() {
        let state = typed(form(), "name", "ЖК «Нұр»");
        let mut store = FormData::default();
        store.set("project", "address", "г. Астана");
        let state = state.reduce(FormAction::Refreshed(store, 3));
        assert_eq!(state.data.value("project", "name"), "ЖК «Нұр»");
        assert_eq!(state.data.value("project", "address"), "г. Астана");
        // A save that answers with an older copy does not take the merged change away.
        let sent = state.data.clone();
        let state = state.reduce(FormAction::Saved {
            sent,
            store: FormData::default(),
            revision: 2,
        });
        assert_eq!(state.data.value("project", "address"), "г. Астана");
        assert_eq!(state.revision, 3);
    }

    fn files(name: &str) -> Vec<AttachedFile> {
        vec![AttachedFile {
            file_name: name.into(),
            size: 10,
            sha256: "ab".repeat(32),
            signed: false,
        }]
    }

    #[test]
    fn library_files_are_edits_and_files_from_elsewhere_stay() {
        let mut stored = FormData::default();
        stored
            .documents
            .insert("uk_amendments".into(), files("elsewhere.pdf"));
        let state = form().reduce(FormAction::Load(stored, 1));
        let library: BTreeMap<String, Vec<AttachedFile>> = [
            ("uk_charter".to_owned(), files("устав.pdf")),
            ("uk_amendments".to_owned(), Vec::new()),
        ]
        .into_iter()
        .collect();
        let state = state.reduce(FormAction::AttachDocuments(library.clone()));
        assert_eq!(state.data.documents["uk_charter"], files("устав.pdf"));
        assert_eq!(
            state.data.documents["uk_amendments"],
            files("elsewhere.pdf"),
            "attached on another computer"
        );
        assert_eq!(
            state.unsaved().len(),
            1,
            "the library's file is an edit to save"
        );
        // Deleted here: the slot empties in the draft too.
        let mut emptied = library;
        emptied.insert("uk_charter".into(), Vec::new());
        let state = state.reduce(FormAction::AttachDocuments(emptied));
        assert!(!state.data.documents.contains_key("uk_charter"));
    }
}
