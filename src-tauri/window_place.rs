//! The window's size and place, remembered across restarts: the window-state plugin restores
//! them when the window opens, and they are written shortly after every move or resize, so a
//! crash or a killed process keeps them too.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tauri::{Manager, WindowEvent};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

/// What is remembered: size, place and whether the window was maximised.
const REMEMBERED: StateFlags = StateFlags::SIZE
    .union(StateFlags::POSITION)
    .union(StateFlags::MAXIMIZED);

/// A move or resize is written once the window has been still this long.
const SETTLE: Duration = Duration::from_millis(500);

/// Counts moves and resizes; a pending write goes ahead only if none came after it.
#[derive(Default)]
struct Changes(AtomicU64);

/// The window-state plugin, restoring [`REMEMBERED`].
pub fn plugin() -> tauri::plugin::TauriPlugin<tauri::Wry> {
    tauri_plugin_window_state::Builder::new()
        .with_state_flags(REMEMBERED)
        .build()
}

/// Writes the window's place once it has settled after a move or resize.
pub fn on_event(window: &tauri::Window, event: &WindowEvent) {
    if !matches!(event, WindowEvent::Moved(_) | WindowEvent::Resized(_)) {
        return;
    }
    let app = window.app_handle().clone();
    if app.try_state::<Changes>().is_none() {
        app.manage(Changes::default());
    }
    let this = app.state::<Changes>().0.fetch_add(1, Ordering::SeqCst) + 1;
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(SETTLE).await;
        if app.state::<Changes>().0.load(Ordering::SeqCst) != this {
            return;
        }
        if let Err(error) = app.save_window_state(REMEMBERED) {
            tracing::warn!(%error, "window place not saved");
        }
    });
}
