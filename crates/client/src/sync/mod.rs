//! The sync engine: a background task that pushes the outbox in order and then pulls the change
//! feed, waking on every saved edit, backing off while the server cannot be reached, and going
//! on after restarts from what the local store holds.

mod pull;
mod push;
pub mod rebase;

use std::sync::Mutex;
use std::time::Duration;

use homeportal_domain::events::{AppEvent, DataKind};
use homeportal_domain::ErrorCode;
use tokio::sync::Notify;

use crate::error::Result;
use crate::store::{drafts, outbox};
use crate::Desktop;

/// How often the feed is read when nothing wakes the engine.
const POLL: Duration = Duration::from_secs(15);
/// The first wait after the server could not be reached; it doubles up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_secs(1);
/// The longest wait between attempts while offline.
const MAX_BACKOFF: Duration = Duration::from_secs(15);

/// Whether the last round reached the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Connectivity {
    /// Not tried yet.
    Unknown,
    /// The last round reached the server.
    Online,
    /// The last round could not reach it.
    Offline,
}

/// The engine's shared state: its connectivity and the bell a saved edit rings.
pub struct SyncService {
    connectivity: Mutex<Connectivity>,
    wake: Notify,
}

impl Default for SyncService {
    fn default() -> Self {
        SyncService {
            connectivity: Mutex::new(Connectivity::Unknown),
            wake: Notify::new(),
        }
    }
}

impl SyncService {
    /// Whether the last round reached the server.
    pub fn connectivity(&self) -> Connectivity {
        self.connectivity
            .lock()
            .map(|c| *c)
            .unwrap_or(Connectivity::Unknown)
    }

    /// Asks for a round now (a saved edit, a sign-in).
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Records connectivity; whether it changed.
    fn set(&self, now: Connectivity) -> bool {
        self.connectivity
            .lock()
            .map(|mut c| std::mem::replace(&mut *c, now) != now)
            .unwrap_or(false)
    }
}

/// One round for the signed-in organisation: drafts from before scopes are adopted, the outbox
/// is pushed, the feed is pulled (again while a pull queued rebased edits).
pub async fn sync_now(desktop: &Desktop) -> Result<()> {
    let (api, _) = desktop.signed_in()?;
    let scope = desktop.scope()?;
    let device = desktop.store().device_id()?;
    adopt_unscoped(desktop, &scope)?;
    for _ in 0..3 {
        push::push(desktop, &api, &scope, &device).await?;
        if pull::pull(desktop, &api, &scope).await? {
            desktop
                .events()
                .publish(AppEvent::DataChanged(DataKind::Applications));
        }
        if desktop
            .store()
            .transaction(|tx| outbox::count(tx, &scope))?
            == 0
        {
            break;
        }
    }
    Ok(())
}

/// Drafts saved before drafts belonged to an organisation go to the one signed in now.
fn adopt_unscoped(desktop: &Desktop, scope: &str) -> Result<()> {
    let now = desktop.now();
    desktop.store().transaction(|tx| {
        for id in drafts::adopt_unscoped(tx, scope)? {
            if let Some(draft) = drafts::get(tx, scope, id)? {
                let create = outbox::Mutation::Create {
                    kind: draft.kind,
                    data: draft.data,
                };
                outbox::push(tx, scope, id, &create, now)?;
            }
        }
        Ok(())
    })
}

/// The engine, to run on the app's runtime for the life of the app.
pub async fn run(desktop: Desktop) {
    let mut backoff = FIRST_BACKOFF;
    loop {
        let wait = match sync_now(&desktop).await {
            Ok(()) => {
                backoff = FIRST_BACKOFF;
                announce(&desktop, Connectivity::Online);
                POLL
            }
            Err(error) if error.is_transient() => {
                tracing::debug!(%error, "sync postponed");
                announce(&desktop, Connectivity::Offline);
                let wait = backoff;
                backoff = (backoff * 2).min(MAX_BACKOFF);
                wait
            }
            Err(error) => {
                if error.code() != ErrorCode::Unauthorized {
                    tracing::warn!(%error, "sync round failed");
                }
                POLL
            }
        };
        let _ = tokio::time::timeout(wait, desktop.sync().wake.notified()).await;
    }
}

/// Records connectivity and, when it changed, tells the screens (their words depend on it).
fn announce(desktop: &Desktop, connectivity: Connectivity) {
    if desktop.sync().set(connectivity) {
        desktop
            .events()
            .publish(AppEvent::DataChanged(DataKind::Applications));
    }
}
