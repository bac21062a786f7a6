//! «Сохранить как…»: where a file the app hands out goes. `HOMEPORTAL_SAVE_DIR` answers without
//! a dialog, for scripted runs and tests.

use std::path::PathBuf;

use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;

/// Where to save `file_name`, or nothing if the person cancelled. The dialog opens in Downloads
/// (else Documents), not in the app's working folder.
pub async fn ask(app: &AppHandle, file_name: &str) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("HOMEPORTAL_SAVE_DIR") {
        return Some(PathBuf::from(dir).join(file_name));
    }
    let (app, name) = (app.clone(), file_name.to_owned());
    let folder = app
        .path()
        .download_dir()
        .or_else(|_| app.path().document_dir())
        .ok();
    // The blocking dialog must not run on the main thread (it deadlocks on macOS).
    tauri::async_runtime::spawn_blocking(move || {
        let dialog = app.dialog().file().set_file_name(name);
        match folder {
            Some(folder) => dialog.set_directory(folder),
            None => dialog,
        }
        .blocking_save_file()
    })
    .await
    .ok()
    .flatten()
    .and_then(|p| p.into_path().ok())
}
