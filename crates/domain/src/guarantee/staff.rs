//! КЖК staff's side: who may do what, and the staff API the back office and the BPMS bridge use.

use serde::{Deserialize, Serialize};

use crate::applications::ApplicationStatus;
use crate::status::Payload;

/// Paths of the staff API (`Authorization: Bearer <staff key>`).
pub mod paths {
    /// `GET` applications sent to КЖК.
    pub const APPLICATIONS: &str = "/staff/v1/applications";
    /// `GET` one application.
    pub const APPLICATION: &str = "/staff/v1/applications/{id}";
    /// `POST` moderation remarks.
    pub const REMARKS: &str = "/staff/v1/applications/{id}/remarks";
    /// `POST`: moderation passed.
    pub const MODERATION_PASSED: &str = "/staff/v1/applications/{id}/moderation-passed";
    /// `POST`: register a sent application (number, date and deadline by the calendar).
    pub const REGISTRATION: &str = "/staff/v1/applications/{id}/registration";
    /// `POST` any other step of the route with its payload.
    pub const STATUS: &str = "/staff/v1/applications/{id}/status";

    /// `path` with application `id` in place of `{id}`.
    pub fn of_application(path: &str, id: i64) -> String {
        path.replace("{id}", &id.to_string())
    }
}

/// What a member of КЖК staff may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    /// Checks completeness: remarks or «Модерация пройдена».
    Moderator,
    /// Registers sent applications and moves them along the route.
    Registrar,
    /// Both.
    Administrator,
}

impl StaffRole {
    /// Every role.
    pub const ALL: [StaffRole; 3] = [
        StaffRole::Moderator,
        StaffRole::Registrar,
        StaffRole::Administrator,
    ];

    /// The stored and command-line name.
    pub fn as_str(self) -> &'static str {
        match self {
            StaffRole::Moderator => "moderator",
            StaffRole::Registrar => "registrar",
            StaffRole::Administrator => "administrator",
        }
    }

    /// Reads a stored or typed name.
    pub fn parse(text: &str) -> Option<StaffRole> {
        Self::ALL.into_iter().find(|r| r.as_str() == text.trim())
    }

    /// Whether the role moderates.
    pub fn moderates(self) -> bool {
        matches!(self, StaffRole::Moderator | StaffRole::Administrator)
    }

    /// Whether the role registers and changes statuses.
    pub fn registers(self) -> bool {
        matches!(self, StaffRole::Registrar | StaffRole::Administrator)
    }
}

/// Moderation remarks: what the УК must correct.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostRemarks {
    /// The remarks' text.
    pub text: String,
}

/// Any other step of the route.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeStatus {
    /// The status to move to.
    pub status: ApplicationStatus,
    /// What the step carries.
    pub payload: Payload,
}
