//! The app-level event feed from the shell to the UI: one event name, one typed payload, any
//! number of listening screens.

use serde::{Deserialize, Serialize};

use crate::api::UploadEvent;
use crate::applications::ApplicationStatus;

/// The one event name the shell emits and the UI listens to.
pub const APP_EVENT: &str = "homeportal://event";

/// Which locally kept data changed, so screens showing it reload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DataKind {
    /// The organisation's documents.
    Documents,
    /// Applications and their drafts.
    Applications,
}

/// Something the shell tells every listening screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "payload", rename_all = "snake_case")]
pub enum AppEvent {
    /// An upload moved on (a few times a second at most).
    Upload(UploadEvent),
    /// Data of this kind changed.
    DataChanged(DataKind),
    /// The user closes the window: forms with unsaved typing save, then say `ready_to_close`.
    CloseRequested,
    /// The user closes the window while files upload: the window asks first; «Закрыть» answers
    /// `confirm_close`.
    CloseWithUploads {
        /// Files still uploading.
        uploads: u32,
    },
    /// An application kept here moved to another status on the server (КЖК's review or the
    /// other party), seen by the sync.
    StatusChanged(StatusChange),
}

/// An application's new status, with the project it is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusChange {
    /// «Наименование проекта» of the application.
    pub project_name: String,
    /// Where it stands now.
    pub status: ApplicationStatus,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_round_trip_with_their_type_tag() {
        let event = AppEvent::DataChanged(DataKind::Applications);
        let json = serde_json::to_string(&event).expect("serialises");
        assert_eq!(json, r#"{"type":"data_changed","payload":"applications"}"#);
        assert_eq!(
            serde_json::from_str::<AppEvent>(&json).expect("parses"),
            event
        );
    }
}
