//! Runs uploads in the background: a small queue (two at a time), pause/resume/cancel, automatic
//! retry when the network drops, resume of unfinished uploads at start, and progress to the UI
//! over one Tauri channel at a few events per second.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use homeportal_domain::api::{UploadEvent, UploadKind, UploadState};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager};
use tokio::sync::Semaphore;

use crate::commands::now;
use crate::state::ShellState;
use crate::uploads::records::{self, UploadRecord};
use crate::uploads::{Progress, UploadError, UploadManager};

/// Uploads sent at the same time.
const PARALLEL: usize = 2;
/// Least time between two progress events of one upload.
const EVENT_INTERVAL: Duration = Duration::from_millis(250);
/// Wait before retrying after the network dropped.
const RETRY_AFTER: Duration = Duration::from_secs(5);

/// Shared by the upload commands.
pub struct UploadService {
    feed: Mutex<Option<Channel<UploadEvent>>>,
    stops: Mutex<HashMap<i64, Arc<AtomicBool>>>,
    slots: Arc<Semaphore>,
}

impl Default for UploadService {
    fn default() -> Self {
        UploadService {
            feed: Mutex::new(None),
            stops: Mutex::new(HashMap::new()),
            slots: Arc::new(Semaphore::new(PARALLEL)),
        }
    }
}

/// The event describing `record` in `state`.
pub fn event(record: &UploadRecord, state: UploadState) -> UploadEvent {
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
    /// Sends progress to `channel` from now on, starting with every unfinished upload.
    pub fn watch(&self, store: &crate::store::LocalStore, channel: Channel<UploadEvent>) {
        for record in records::unfinished(store).unwrap_or_default() {
            let state = if self.is_running(record.id) {
                UploadState::Uploading
            } else if record.state == "paused" {
                UploadState::Paused
            } else {
                UploadState::Waiting
            };
            let _ = channel.send(event(&record, state));
        }
        if let Ok(mut feed) = self.feed.lock() {
            *feed = Some(channel);
        }
    }

    /// Reports `event` to the UI, if it listens.
    pub fn report(&self, event: UploadEvent) {
        if let Ok(feed) = self.feed.lock() {
            if let Some(channel) = feed.as_ref() {
                let _ = channel.send(event);
            }
        }
    }

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
}

/// Checks the file, records the upload and runs it.
pub fn start(app: AppHandle, path: PathBuf, kind: UploadKind, slot: String) {
    tauri::async_runtime::spawn(async move {
        let shell = app.state::<ShellState>();
        let service = app.state::<UploadService>();
        let lang = shell.store.lang();
        let Some(token) = shell.store.session().ok().flatten().map(|s| s.token) else {
            return;
        };
        let manager = UploadManager {
            api: &shell.api,
            store: &shell.store,
            token: &token,
            lang,
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let pending = UploadRecord {
            id: 0,
            path: String::new(),
            size: 0,
            mtime: 0,
            sha256: String::new(),
            kind: String::new(),
            slot: slot.clone(),
            file_name: name,
            location: None,
            offset: 0,
            state: String::new(),
        };
        service.report(event(&pending, UploadState::Hashing));
        match manager.enqueue(&path, kind, &slot, now()).await {
            Ok(id) => resume(app.clone(), id),
            Err(error) => service.report(UploadEvent {
                error: Some(error.to_body(lang)),
                ..event(&pending, UploadState::Failed)
            }),
        }
    });
}

/// Runs (or resumes) upload `id` in the background until it is done, paused or fails.
pub fn resume(app: AppHandle, id: i64) {
    let service = app.state::<UploadService>();
    let stop = Arc::new(AtomicBool::new(false));
    match service.stops.lock() {
        Ok(mut stops) if !stops.contains_key(&id) => {
            stops.insert(id, Arc::clone(&stop));
        }
        _ => return,
    }
    let slots = Arc::clone(&service.slots);
    tauri::async_runtime::spawn(async move {
        let _permit = slots.acquire_owned().await;
        loop {
            let outcome = run_once(&app, id, &stop).await;
            let service = app.state::<UploadService>();
            match outcome {
                Some(true) if !stop.load(Ordering::Relaxed) => {
                    tokio::time::sleep(RETRY_AFTER).await;
                }
                _ => {
                    if let Ok(mut stops) = service.stops.lock() {
                        stops.remove(&id);
                    }
                    return;
                }
            }
        }
    });
}

/// Resumes every unfinished upload that was not paused by the user (at start, after login).
pub fn resume_unfinished(app: &AppHandle) {
    let shell = app.state::<ShellState>();
    for record in records::unfinished(&shell.store).unwrap_or_default() {
        if record.state != "paused" {
            resume(app.clone(), record.id);
        }
    }
}

/// One attempt; `Some(true)` means "the network failed, try again".
async fn run_once(app: &AppHandle, id: i64, stop: &AtomicBool) -> Option<bool> {
    let shell = app.state::<ShellState>();
    let service = app.state::<UploadService>();
    let lang = shell.store.lang();
    let token = shell.store.session().ok().flatten()?.token;
    let record = records::get(&shell.store, id).ok().flatten()?;
    records::set_state(&shell.store, id, "queued").ok()?;
    let manager = UploadManager {
        api: &shell.api,
        store: &shell.store,
        token: &token,
        lang,
    };
    let meter = Mutex::new(Meter::new());
    let report = |p: Progress| {
        let Ok(mut meter) = meter.lock() else { return };
        if let Some((bytes_per_sec, eta_secs)) = meter.update(p) {
            service.report(UploadEvent {
                sent: p.sent,
                bytes_per_sec,
                eta_secs,
                ..event(&record, UploadState::Uploading)
            });
        }
    };
    let result = manager.run(id, stop, &report).await;
    let latest = records::get(&shell.store, id)
        .ok()
        .flatten()
        .unwrap_or(record);
    let (state, error, retry) = match result {
        Ok(()) => (UploadState::Done, None, false),
        Err(UploadError::Stopped) => (UploadState::Paused, None, false),
        Err(e) if e.is_transient() => (UploadState::Waiting, Some(e.to_body(lang)), true),
        Err(e) => (UploadState::Failed, Some(e.to_body(lang)), false),
    };
    service.report(UploadEvent {
        error,
        ..event(&latest, state)
    });
    Some(retry)
}

/// Speed over the last few seconds, and when to report.
struct Meter {
    last_report: Option<Instant>,
    window_start: Instant,
    window_bytes: u64,
}

impl Meter {
    fn new() -> Self {
        Meter {
            last_report: None,
            window_start: Instant::now(),
            window_bytes: 0,
        }
    }

    /// Speed and ETA, if it is time to report.
    fn update(&mut self, p: Progress) -> Option<(u64, Option<u64>)> {
        let now = Instant::now();
        let sent_since = p.sent.saturating_sub(self.window_bytes);
        let due = self.last_report.is_none_or(|t| now - t >= EVENT_INTERVAL) || p.sent == p.total;
        if !due {
            return None;
        }
        let elapsed = (now - self.window_start).as_secs_f64();
        let speed = if self.last_report.is_some() && elapsed > 0.0 {
            (sent_since as f64 / elapsed) as u64
        } else {
            0
        };
        self.last_report = Some(now);
        self.window_start = now;
        self.window_bytes = p.sent;
        let eta = (speed > 0).then(|| (p.total - p.sent) / speed);
        Some((speed, eta))
    }
}
