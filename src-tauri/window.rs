//! Closing the window without losing typing or surprising an upload: with files uploading the
//! window asks first (they resume at the next start); then the close is held, the UI is told,
//! forms with unsaved typing save and answer `ready_to_close`; after a short grace it closes
//! anyway.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use homeportal_client::{restart, Desktop};
use homeportal_domain::events::AppEvent;
use homeportal_domain::{i18n, Lang};
use tauri::{Manager, WindowEvent};

use crate::Shell;

/// The longest a close waits for forms to save.
const SAVE_GRACE: Duration = Duration::from_secs(3);

/// The person answered «Закрыть» to the question about uploads.
#[derive(Default)]
pub struct CloseConfirmed(AtomicBool);

/// Holds a close request until the person agreed (uploads running) and the UI has saved.
pub fn on_event(window: &tauri::Window, event: &WindowEvent) {
    let WindowEvent::CloseRequested { api, .. } = event else {
        return;
    };
    // Before a server is chosen there is no form to save and no upload.
    let Some(desktop) = window
        .try_state::<Shell>()
        .and_then(|shell| shell.desktop().ok().cloned())
    else {
        return;
    };
    api.prevent_close();
    let app = window.app_handle();
    let confirmed = app
        .try_state::<CloseConfirmed>()
        .is_some_and(|c| c.0.load(Ordering::SeqCst));
    let uploads = restart::work_under_way(&desktop)
        .map(|work| work.uploads)
        .unwrap_or(0);
    if uploads > 0 && !confirmed {
        tracing::info!(uploads, "close requested while files upload: asking first");
        desktop
            .events()
            .publish(AppEvent::CloseWithUploads { uploads });
        return;
    }
    begin_close(app, &desktop);
}

/// «Закрыть» despite uploads: the close goes on as any other.
pub fn confirm_close(app: &tauri::AppHandle, desktop: &Desktop) {
    if app.try_state::<CloseConfirmed>().is_none() {
        app.manage(CloseConfirmed::default());
    }
    app.state::<CloseConfirmed>()
        .0
        .store(true, Ordering::SeqCst);
    tracing::info!("closing with uploads under way; they resume at the next start");
    begin_close(app, desktop);
}

/// Lets the forms save, and closes after [`SAVE_GRACE`] whatever they say.
fn begin_close(app: &tauri::AppHandle, desktop: &Desktop) {
    tracing::info!("close requested: letting the forms save first");
    desktop.events().publish(AppEvent::CloseRequested);
    let app = app.clone();
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

/// The window's title in `lang` (from the catalogue, like every word the app shows).
pub fn set_title(app: &tauri::AppHandle, lang: Lang) {
    for window in app.webview_windows().into_values() {
        if let Err(error) = window.set_title(i18n::text(lang, "app.window_title")) {
            tracing::warn!(%error, "window title not set");
        }
    }
}
