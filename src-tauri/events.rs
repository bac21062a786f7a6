//! Forwards the core's app-level event feed to every window as one Tauri event.

use homeportal_client::Desktop;
use homeportal_domain::events::APP_EVENT;
use tauri::Emitter;
use tokio::sync::broadcast::error::RecvError;

/// Emits every event of `desktop`'s feed to the UI for as long as the app runs.
pub fn forward(desktop: &Desktop, app: tauri::AppHandle) {
    let mut feed = desktop.events().subscribe();
    tauri::async_runtime::spawn(async move {
        loop {
            match feed.recv().await {
                Ok(event) => {
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
