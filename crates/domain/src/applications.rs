//! Applications as the desktop lists and edits them: list rows, drafts and the commands' DTOs.

use serde::{Deserialize, Serialize};

use crate::api::ApplicationKind;
use crate::forms::merge::{Change, Conflict, Side, Unit};
use crate::forms::{FormData, Party};
use crate::guarantee::Registration;
use crate::ids::Bin;
use crate::status::appeal::AppealStatus;
use crate::status::guarantee::GuaranteeStatus;
use crate::sync::{DraftSync, HistoryEvent};

/// The rule a change to a sent application breaks.
pub const NOT_EDITABLE: &str = "rule.draft.not_editable";
/// The rule an edit breaks while a conflict waits for a person.
pub const IN_CONFLICT: &str = "rule.draft.in_conflict";

/// `list_applications`: the applications of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListApplicationsRequest {
    /// Which list («Гарантирование», «Субсидирование», «Корректировка»).
    pub kind: ApplicationKind,
}

/// Commands that name one draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftIdRequest {
    /// Local draft id.
    pub id: i64,
}

/// `save_draft`: what was typed since the form last heard from the store (a new draft has no
/// id yet). Changes, not the whole form, so edits merged in meanwhile are not undone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveDraftRequest {
    /// Local id of an existing draft; `None` creates one.
    pub id: Option<i64>,
    /// Its kind.
    pub kind: ApplicationKind,
    /// Units set or cleared (incomplete drafts are fine).
    pub changes: Vec<Change>,
}

/// What `save_draft` answers: the draft as the store now has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedDraft {
    /// Local draft id.
    pub id: i64,
    /// When it was saved on this computer, RFC 3339 UTC.
    pub saved_at: String,
    /// Its revision in the store.
    pub revision: i64,
    /// Its content in the store (the saved changes and anything merged in).
    pub data: FormData,
    /// Where it stands with the server.
    pub sync: DraftSync,
}

/// One choice in a conflict: which side's value a unit keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// The unit.
    pub unit: Unit,
    /// The side kept.
    pub side: Side,
}

/// `resolve_conflict`: a choice for every unit in conflict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolveConflictRequest {
    /// Local draft id.
    pub id: i64,
    /// One choice per conflicting unit.
    pub choices: Vec<Choice>,
}

/// A draft opened for editing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftView {
    /// Local draft id.
    pub id: i64,
    /// Its kind.
    pub kind: ApplicationKind,
    /// Where it stands.
    pub status: ApplicationStatus,
    /// What is typed so far.
    pub data: FormData,
    /// When it was last saved on this computer, RFC 3339 UTC.
    pub saved_at: String,
    /// Its revision in the store (the form reloads when it moves without the form saving).
    pub revision: i64,
    /// Where it stands with the server.
    pub sync: DraftSync,
    /// Units changed differently here and on the server, waiting for a choice.
    pub conflicts: Vec<Conflict>,
    /// The server's history of it.
    pub history: Vec<HistoryEvent>,
    /// Which party of the application this organisation is (the other party's part is read-only).
    pub party: Party,
    /// The developer that joined the application, once one has.
    pub developer: Option<Bin>,
    /// «№ и дата регистрации» and «Срок исполнения», once registered.
    pub registration: Option<Registration>,
}

/// The status of an application, on the route of its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "route", content = "status", rename_all = "snake_case")]
pub enum ApplicationStatus {
    /// Guarantee and subsidy applications.
    Guarantee(GuaranteeStatus),
    /// Correction appeals.
    Appeal(AppealStatus),
}

impl ApplicationStatus {
    /// The status a new draft of `kind` starts in.
    pub fn initial(kind: ApplicationKind) -> ApplicationStatus {
        match kind {
            ApplicationKind::Guarantee | ApplicationKind::Subsidy => {
                ApplicationStatus::Guarantee(GuaranteeStatus::Draft)
            }
            ApplicationKind::Correction => ApplicationStatus::Appeal(AppealStatus::OnCreation),
        }
    }

    /// The catalogue key of the status name.
    pub fn label_key(self) -> String {
        match self {
            ApplicationStatus::Guarantee(s) => s.label_key(),
            ApplicationStatus::Appeal(s) => s.label_key(),
        }
    }

    /// Whether «Редактировать»/«Удалить» are offered (not sent yet).
    pub fn is_editable(self) -> bool {
        match self {
            ApplicationStatus::Guarantee(s) => s.is_editable(),
            ApplicationStatus::Appeal(s) => s.is_editable(),
        }
    }
}

/// One row of an applications list (R5.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationSummary {
    /// Local id («№»).
    pub id: i64,
    /// Its kind.
    pub kind: ApplicationKind,
    /// «Наименование проекта» as typed so far.
    pub project_name: String,
    /// «№ и дата регистрации» and «Срок исполнения», once registered.
    pub registration: Option<Registration>,
    /// Which party of the application this organisation is (only the УК deletes or reuses it).
    pub party: Party,
    /// «Статус заявки».
    pub status: ApplicationStatus,
    /// When it was last saved on this computer, RFC 3339 UTC.
    pub saved_at: String,
    /// Where it stands with the server.
    pub sync: DraftSync,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_guarantee_draft_is_editable_and_named_draft() {
        let status = ApplicationStatus::initial(ApplicationKind::Guarantee);
        assert!(status.is_editable());
        assert_eq!(status.label_key(), "status.guarantee.draft");
        let json = serde_json::to_string(&status).expect("serialises");
        assert_eq!(json, r#"{"route":"guarantee","status":"draft"}"#);
    }
}
