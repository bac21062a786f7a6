//! What a restart of the app (an update) would interrupt: files uploading and drafts whose edits
//! have not reached the server yet. Neither is lost by a restart — uploads resume and the
//! outbox is on disk — but the person is asked first.

use homeportal_domain::api::UploadState;

use crate::error::Result;
use crate::store::outbox;
use crate::Desktop;

/// Work under way that a restart would pause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WorkUnderWay {
    /// Uploads running or waiting to run (paused ones are not counted).
    pub uploads: u32,
    /// Drafts, of every organisation on this computer, with edits still on their way.
    pub unsent_drafts: u32,
}

impl WorkUnderWay {
    /// Nothing would be interrupted.
    pub fn is_idle(self) -> bool {
        self.uploads == 0 && self.unsent_drafts == 0
    }
}

/// What a restart right now would interrupt.
pub fn work_under_way(desktop: &Desktop) -> Result<WorkUnderWay> {
    let uploads = desktop
        .uploads()
        .unfinished(desktop)?
        .iter()
        .filter(|u| u.state != UploadState::Paused)
        .count();
    let unsent_drafts = desktop
        .store()
        .transaction(|tx| outbox::drafts_anywhere(tx))?;
    Ok(WorkUnderWay {
        uploads: u32::try_from(uploads).unwrap_or(u32::MAX),
        unsent_drafts: u32::try_from(unsent_drafts).unwrap_or(u32::MAX),
    })
}
