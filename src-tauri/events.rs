//! Forwards the core's app-level event feed to every window as one Tauri event, and tells the
//! system when an upload has finished (a notification, seen even with the window behind others).

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
                    if let AppEvent::Upload(upload) = &event {
                        if upload.state == UploadState::Done {
                            notify(&app, &desktop, &upload.file_name);
                        }
                    }
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

/// «Файл загружен»: a system notification naming the file.
fn notify(app: &tauri::AppHandle, desktop: &Desktop, file_name: &str) {
    let lang = desktop.lang();
    let shown = app
        .notification()
        .builder()
        .title(i18n::text(lang, "notify.upload_done"))
        .body(file_name)
        .show();
    if let Err(error) = shown {
        tracing::warn!(%error, "notification not shown");
    }
}
