//! Updates of the desktop app: what a check finds, and what installing needs to know first.

use serde::{Deserialize, Serialize};

/// What a check for updates found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateCheck {
    /// The running version.
    pub current: String,
    /// A newer version, if there is one.
    pub available: Option<UpdateOffer>,
}

/// A newer version on offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateOffer {
    /// Its version.
    pub version: String,
    /// What is new, as the publisher wrote it.
    pub notes: String,
    /// When it was published (RFC 3339), if said.
    pub date: Option<String>,
}

/// «Установить и перезапустить».
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstallUpdateRequest {
    /// The person agreed to restart although uploads or unsent edits are under way (they go
    /// on after the restart).
    pub even_if_busy: bool,
}

/// What installing did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum InstallOutcome {
    /// Nothing was installed: work is under way and the person has not agreed yet.
    Busy {
        /// Files still uploading.
        uploads: u32,
        /// Drafts with edits not yet on the server.
        unsent_drafts: u32,
    },
    /// Installed; the app restarts into the new version.
    Restarting,
}
