//! Forwards the core's app-level event feed to every window as one Tauri event, and tells the
//! system when an upload has finished or an application's status changed (a notification, seen
//! even with the window behind others).

use homeportal_client::Desktop;
use homeportal_domain::api::UploadState;
use homeportal_domain::events::{AppEvent, APP_EVENT};
use homeportal_domain::i18n;
use tauri::Emitter;
use tauri_plugin_notification::NotificationExt;
use tokio::sync::broadcast::error::RecvError;

/// Emits every event of `desktop`'s feed to the UI for as long as the app runs.
pub fn forward(desktop: &Desktop, app: tauri::AppHandle) {
    let mut feed = desktop.events().subscribe();
    let desktop = desktop.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            match feed.recv().await {
                Ok(event) => {
                    tell_the_system(&app, &desktop, &event);
                    if let Err(error) = app.emit(APP_EVENT, &event) {
                        tracing::warn!(%error, "event not delivered to the UI");
                    }
                }
                Err(RecvError::Lagged(missed)) => {
                    tracing::warn!(missed, "the UI fell behind the event feed");
                }
                Err(RecvError::Closed) => return,
            }
        }
    });
}

/// A notification for what the person would want to know with the window behind others: a
/// finished upload, an application's new status.
fn tell_the_system(app: &tauri::AppHandle, desktop: &Desktop, event: &AppEvent) {
    let lang = desktop.lang();
    match event {
        AppEvent::Upload(upload) if upload.state == UploadState::Done => {
            notify(
                app,
                i18n::text(lang, "notify.upload_done"),
                &upload.file_name,
            );
        }
        AppEvent::StatusChanged(change) => {
            let key = change.status.label_key();
            let body = format!("{} — {}", change.project_name, i18n::text(lang, &key));
            notify(app, i18n::text(lang, "notify.status_changed"), &body);
        }
        _ => {}
    }
}

/// A system notification (seen even with the window behind others).
fn notify(app: &tauri::AppHandle, title: &str, body: &str) {
    let shown = app.notification().builder().title(title).body(body).show();
    if let Err(error) = shown {
        tracing::warn!(%error, "notification not shown");
    }
}
