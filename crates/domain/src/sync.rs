//! The applications resource and its sync protocol, as both sides see it: the server's document
//! with its version and history, the mutations a device sends (each once, by its key), the change
//! feed, and the state of a draft on this computer in words.

use serde::{Deserialize, Serialize};

use crate::api::ApplicationKind;
use crate::applications::ApplicationStatus;
use crate::forms::merge::{Change, Resolution};
use crate::forms::FormData;
use crate::guarantee::Registration;
use crate::ids::Bin;
use crate::status::Payload;
use crate::ErrorBody;

/// Paths of the applications resource.
pub mod paths {
    /// `GET` the organisation's applications, `POST` a new one.
    pub const APPLICATIONS: &str = "/api/v1/applications";
    /// `GET`, `PATCH` (content, `If-Match`), `DELETE` (while editable) one application.
    pub const APPLICATION: &str = "/api/v1/applications/{id}";
    /// `GET ?since=<cursor>`: what changed in the organisation's applications.
    pub const CHANGES: &str = "/api/v1/applications/changes";

    /// The path of application `id`.
    pub fn application(id: i64) -> String {
        format!("/api/v1/applications/{id}")
    }
}

/// The header naming a mutation once: `<device>:<mutation id>`.
pub const IDEMPOTENCY_KEY: &str = "idempotency-key";

/// A device's mutation, named once: which device, and its mutation number (monotonic per device).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MutationKey {
    /// The device's id (a UUID made on first start).
    pub device: String,
    /// Its monotonic mutation number.
    pub mutation: i64,
}

impl MutationKey {
    /// Reads `<device>:<mutation>`; a device is 8–64 characters of `[A-Za-z0-9-]`.
    pub fn parse(text: &str) -> Option<MutationKey> {
        let (device, mutation) = text.trim().rsplit_once(':')?;
        let device_ok = (8..=64).contains(&device.len())
            && device
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-');
        let mutation: i64 = mutation.parse().ok().filter(|m| *m > 0)?;
        device_ok.then(|| MutationKey {
            device: device.to_owned(),
            mutation,
        })
    }

    /// `<device>:<mutation>`, the header's value.
    pub fn header_value(&self) -> String {
        format!("{}:{}", self.device, self.mutation)
    }
}

/// One event of an application's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEvent {
    /// When, RFC 3339 UTC.
    pub at: String,
    /// Who: «Фамилия Имя» and organisation.
    pub actor: String,
    /// What happened.
    pub event: HistoryKind,
}

/// What happened to an application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum HistoryKind {
    /// The draft was created.
    Created,
    /// A person resolved edits made in two places; the values set aside stay here.
    ConflictResolved {
        /// Per unit: what stays and what lost.
        resolutions: Vec<Resolution>,
    },
    /// The draft was deleted.
    Deleted,
    /// «Отправить электронное уведомление»: the developer was invited.
    DeveloperInvited {
        /// The developer's БИН.
        bin: Bin,
        /// Where the invitation went.
        email: String,
    },
    /// The developer confirmed its data with its EDS and joined.
    DeveloperJoined {
        /// The developer's БИН.
        bin: Bin,
    },
    /// «Отправить на модерацию».
    SentToModeration,
    /// A new version after moderation remarks; data and documents are kept.
    NewVersion,
    /// «Подписать заявку»: signed and sent to КЖК.
    Signed {
        /// ИИН of the signer.
        signer_iin: String,
        /// ФИО of the signer.
        signer_name: String,
        /// SHA-256 of the content the signature covers.
        content_sha256: String,
    },
    /// КЖК moved the application along its route (remarks, registration, decisions …).
    StatusChanged {
        /// The new status.
        status: ApplicationStatus,
        /// What the step carried (remarks text, registration number, notice …).
        payload: Payload,
    },
}

/// An application as the server keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerApplication {
    /// Server id.
    pub id: i64,
    /// Its kind.
    pub kind: ApplicationKind,
    /// Increases with every change; `If-Match` names it.
    pub version: i64,
    /// Where it stands.
    pub status: ApplicationStatus,
    /// The form's content.
    pub data: FormData,
    /// The organisation that owns it (the УК).
    pub owner: Bin,
    /// The developer invited to it, once one is.
    #[serde(default)]
    pub developer: Option<Bin>,
    /// Whether it was deleted (the change feed's tombstone).
    #[serde(default)]
    pub deleted: bool,
    /// Last change, RFC 3339 UTC.
    pub updated_at: String,
    /// «№N от …» and «Срок исполнения», once КЖК registered it.
    #[serde(default)]
    pub registration: Option<Registration>,
    /// What happened to it.
    #[serde(default)]
    pub history: Vec<HistoryEvent>,
}

/// `POST /applications`: a new draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateApplication {
    /// Its kind.
    pub kind: ApplicationKind,
    /// What is typed so far.
    pub data: FormData,
}

/// `PATCH /applications/{id}`: units set or cleared, and conflicts a person resolved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateApplication {
    /// The changes, applied in order.
    #[serde(default)]
    pub changes: Vec<Change>,
    /// Conflicts resolved by a person, recorded in the history.
    #[serde(default)]
    pub resolutions: Vec<Resolution>,
}

/// `GET /applications/changes?since=`: one page of changes, in server order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangesPage {
    /// The cursor to ask from next time.
    pub cursor: i64,
    /// Applications changed since the asked cursor, oldest change first (deleted ones flagged).
    pub changes: Vec<ServerApplication>,
    /// Whether more pages follow.
    pub more: bool,
}

/// The body of a 412: the error, and the server's current document to rebase onto.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionConflict {
    /// `stale_version` and its message.
    #[serde(flatten)]
    pub error: ErrorBody,
    /// The document as the server has it now.
    pub current: ServerApplication,
}

/// Where a draft stands between this computer and the server, in the words the form shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", content = "error", rename_all = "snake_case")]
pub enum DraftSync {
    /// «Сохранено локально»: saved here, on its way to the server.
    SavedLocally,
    /// «Синхронизировано»: the server has exactly this.
    Synced,
    /// «Нет связи — изменения сохранены на этом компьютере».
    Offline,
    /// «Ошибка синхронизации: …».
    Failed(ErrorBody),
    /// «Конфликт»: a person must choose between two values.
    Conflict,
}

impl DraftSync {
    /// The catalogue key of the words.
    pub fn label_key(&self) -> &'static str {
        match self {
            DraftSync::SavedLocally => "sync.saved_locally",
            DraftSync::Synced => "sync.synced",
            DraftSync::Offline => "sync.offline",
            DraftSync::Failed(_) => "sync.failed",
            DraftSync::Conflict => "sync.conflict",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_and_print_the_same() {
        let key = MutationKey::parse("0f8e2c4a-1b2c-4d5e-8f90-123456789abc:42").expect("parses");
        assert_eq!(key.mutation, 42);
        assert_eq!(MutationKey::parse(&key.header_value()).expect("again"), key);
        for bad in [
            "",
            "short:1",
            "0f8e2c4a1b2c:0",
            "0f8e2c4a1b2c:-3",
            "0f8e 2c4a1b2c:1",
        ] {
            assert!(MutationKey::parse(bad).is_none(), "{bad}");
        }
    }
}
