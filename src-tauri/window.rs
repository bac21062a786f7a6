//! Closing the window without losing typing: the close is held, the UI is told, forms with
//! unsaved typing save and answer `ready_to_close`; after a short grace it closes anyway.

use std::time::Duration;

use homeportal_domain::events::AppEvent;
use tauri::{Manager, WindowEvent};

use crate::Shell;

/// The longest a close waits for forms to save.
const SAVE_GRACE: Duration = Duration::from_secs(3);

/// Holds a close request until the UI has saved.
pub fn on_event(window: &tauri::Window, event: &WindowEvent) {
    let WindowEvent::CloseRequested { api, .. } = event else {
        return;
    };
    // Before a server is chosen there is no form to save.
    let Some(desktop) = window
        .try_state::<Shell>()
        .and_then(|shell| shell.desktop().ok().cloned())
    else {
        return;
    };
    tracing::info!("close requested: letting the forms save first");
    api.prevent_close();
    desktop.events().publish(AppEvent::CloseRequested);
    let app = window.app_handle().clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(SAVE_GRACE).await;
        tracing::warn!("the window closes without the forms' answer");
        close_all(&app);
    });
}

/// Closes every window (the app then exits).
pub fn close_all(app: &tauri::AppHandle) {
    for window in app.webview_windows().into_values() {
        if let Err(error) = window.destroy() {
            tracing::warn!(%error, "window not closed");
        }
    }
}

/// Shows the main window in front of the others (a second launch of the app asked for it).
pub fn bring_to_front(app: &tauri::AppHandle) {
    let Some(window) = app.webview_windows().into_values().next() else {
        return;
    };
    let shown = window
        .unminimize()
        .and_then(|()| window.show())
        .and_then(|()| window.set_focus());
    if let Err(error) = shown {
        tracing::warn!(%error, "the window did not come to the front");
    }
}
