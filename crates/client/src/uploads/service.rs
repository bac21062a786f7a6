//! Runs uploads in the background: a small queue (two at a time), pause/resume/cancel, automatic
//! retry when the network drops, resume of unfinished uploads at start, and progress on the
//! app's event feed at a few events per second.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use homeportal_domain::api::{UploadEvent, UploadKind, UploadState};
use homeportal_domain::events::{AppEvent, DataKind};
use tokio::sync::Semaphore;

use super::engine::{Progress, UploadEngine};
use super::meter::Meter;
use crate::error::{ClientError, Result};
use crate::store::uploads::{RecordState, UploadRecord};
use crate::Desktop;

/// Uploads sent at the same time.
const PARALLEL: usize = 2;
/// Wait before retrying after the network dropped.
const RETRY_AFTER: Duration = Duration::from_secs(5);

/// The uploads running in the background.
pub struct UploadService {
    stops: Mutex<HashMap<i64, Arc<AtomicBool>>>,
    slots: Arc<Semaphore>,
}

impl Default for UploadService {
    fn default() -> Self {
        UploadService {
            stops: Mutex::new(HashMap::new()),
            slots: Arc::new(Semaphore::new(PARALLEL)),
        }
    }
}

/// The event describing `record` in `state`.
fn event(record: &UploadRecord, state: UploadState) -> UploadEvent {
    UploadEvent {
        id: record.id,
        file_name: record.file_name.clone(),
        slot: record.slot.clone(),
        sent: record.offset,
        total: record.size,
        bytes_per_sec: 0,
        eta_secs: None,
        state,
        error: None,
    }
}

impl UploadService {
    fn is_running(&self, id: i64) -> bool {
        self.stops.lock().is_ok_and(|s| s.contains_key(&id))
    }

    /// Asks the upload to stop after its current chunk.
    pub fn stop(&self, id: i64) {
        if let Ok(stops) = self.stops.lock() {
            if let Some(flag) = stops.get(&id) {
                flag.store(true, Ordering::Relaxed);
            }
        }
    }

    /// Every unfinished upload as it stands now (what a screen shows before events arrive).
    pub fn unfinished(&self, desktop: &Desktop) -> Result<Vec<UploadEvent>> {
        Ok(desktop
            .store()
            .unfinished_uploads()?
            .iter()
            .map(|record| {
                let state = if self.is_running(record.id) {
                    UploadState::Uploading
                } else if record.state == RecordState::Paused {
                    UploadState::Paused
                } else {
                    UploadState::Waiting
                };
                event(record, state)
            })
            .collect())
    }
}

fn report(desktop: &Desktop, event: UploadEvent) {
    let done = event.state == UploadState::Done;
    desktop.events().publish(AppEvent::Upload(event));
    if done {
        desktop
            .events()
            .publish(AppEvent::DataChanged(DataKind::Documents));
    }
}

/// Records an upload of the file at `path` and runs it in the background; its id.
pub fn start(desktop: &Desktop, path: PathBuf, kind: UploadKind, slot: &str) -> Result<i64> {
    let (api, _) = desktop.signed_in()?;
    let engine = UploadEngine {
        api: &api,
        store: desktop.store(),
    };
    let id = engine.enqueue(&path, kind, slot, desktop.now())?;
    resume(desktop, id);
    Ok(id)
}

/// Runs (or resumes) upload `id` in the background until it is done, paused or fails.
pub fn resume(desktop: &Desktop, id: i64) {
    let service = desktop.uploads();
    let stop = Arc::new(AtomicBool::new(false));
    match service.stops.lock() {
        Ok(mut stops) if !stops.contains_key(&id) => {
            stops.insert(id, Arc::clone(&stop));
        }
        _ => return,
    }
    let slots = Arc::clone(&service.slots);
    let desktop = desktop.clone();
    tokio::spawn(async move {
        let _permit = slots.acquire_owned().await;
        loop {
            let retry = run_once(&desktop, id, &stop).await;
            if retry && !stop.load(Ordering::Relaxed) {
                tokio::time::sleep(RETRY_AFTER).await;
                continue;
            }
            if let Ok(mut stops) = desktop.uploads().stops.lock() {
                stops.remove(&id);
            }
            return;
        }
    });
}

/// Resumes every unfinished upload that was not paused by the user (at start, after login).
pub fn resume_unfinished(desktop: &Desktop) {
    for record in desktop.store().unfinished_uploads().unwrap_or_default() {
        if record.state != RecordState::Paused {
            resume(desktop, record.id);
        }
    }
}

/// Cancels upload `id`: stopped, terminated on the server, forgotten here.
pub async fn cancel(desktop: &Desktop, id: i64) -> Result<()> {
    desktop.uploads().stop(id);
    let (api, _) = desktop.signed_in()?;
    UploadEngine {
        api: &api,
        store: desktop.store(),
    }
    .cancel(id)
    .await
}

/// One attempt; whether the network failed and it is worth trying again.
async fn run_once(desktop: &Desktop, id: i64, stop: &AtomicBool) -> bool {
    let Ok((api, _)) = desktop.signed_in() else {
        return false;
    };
    let store = desktop.store();
    let Some(record) = store.upload(id).ok().flatten() else {
        return false;
    };
    if store.set_upload_state(id, RecordState::Queued).is_err() {
        return false;
    }
    let engine = UploadEngine { api: &api, store };
    let meter = Mutex::new(Meter::new());
    let progress = |p: Progress| {
        let Ok(mut meter) = meter.lock() else { return };
        if let Some((bytes_per_sec, eta_secs)) = meter.update(p) {
            report(
                desktop,
                UploadEvent {
                    sent: p.sent,
                    bytes_per_sec,
                    eta_secs,
                    ..event(&record, UploadState::Uploading)
                },
            );
        }
    };
    let result = engine.run(id, stop, &progress).await;
    let latest = store.upload(id).ok().flatten().unwrap_or(record);
    let lang = desktop.lang();
    let (state, error, retry) = match result {
        Ok(()) => (UploadState::Done, None, false),
        Err(ClientError::Stopped) => (UploadState::Paused, None, false),
        Err(e) if e.is_transient() => (UploadState::Waiting, Some(e.to_body(lang)), true),
        Err(e) => {
            if e.is_internal() {
                tracing::error!(error = %e, id, "upload failed");
            }
            (UploadState::Failed, Some(e.to_body(lang)), false)
        }
    };
    report(
        desktop,
        UploadEvent {
            error,
            ..event(&latest, state)
        },
    );
    retry
}
