//! Commands of «Документы организации»: pick a file (path only), upload it in the background
//! with progress over a channel, pause/resume/cancel, list and delete documents.

use std::path::PathBuf;

use homeportal_domain::api::{
    DocumentIdRequest, DocumentInfo, DownloadRequest, StartUploadRequest, UploadEvent,
    UploadIdRequest,
};
use homeportal_domain::ErrorBody;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::state::ShellState;
use crate::upload_service::{self, UploadService};
use crate::uploads::UploadManager;

fn token(state: &ShellState) -> Result<String, ErrorBody> {
    state.signed_in().map(|s| s.token)
}

/// Opens the system file dialog and returns the chosen path (never the bytes).
/// `HOMEPORTAL_PICK_FILE` answers without a dialog, for scripted runs and tests.
#[tauri::command]
pub async fn pick_file(app: AppHandle) -> Result<Option<String>, ErrorBody> {
    if let Ok(path) = std::env::var("HOMEPORTAL_PICK_FILE") {
        return Ok(Some(path));
    }
    // The blocking dialog must not run on the main thread (it deadlocks on macOS).
    let picked =
        tauri::async_runtime::spawn_blocking(move || app.dialog().file().blocking_pick_file())
            .await
            .ok()
            .flatten();
    Ok(picked
        .and_then(|p| p.into_path().ok())
        .map(|p: PathBuf| p.to_string_lossy().into_owned()))
}

/// Sends every upload's progress to `on_event` from now on.
#[tauri::command]
pub async fn watch_uploads(
    state: State<'_, ShellState>,
    service: State<'_, UploadService>,
    on_event: Channel<UploadEvent>,
) -> Result<(), ErrorBody> {
    service.watch(&state.store, on_event);
    Ok(())
}

/// Starts uploading a picked file in the background.
#[tauri::command]
pub async fn start_upload(
    app: AppHandle,
    state: State<'_, ShellState>,
    request: StartUploadRequest,
) -> Result<(), ErrorBody> {
    token(&state)?;
    upload_service::start(app, PathBuf::from(request.path), request.kind, request.slot);
    Ok(())
}

/// Pauses an upload after its current chunk.
#[tauri::command]
pub async fn pause_upload(
    service: State<'_, UploadService>,
    request: UploadIdRequest,
) -> Result<(), ErrorBody> {
    service.stop(request.id);
    Ok(())
}

/// Resumes a paused or failed upload.
#[tauri::command]
pub async fn resume_upload(app: AppHandle, request: UploadIdRequest) -> Result<(), ErrorBody> {
    upload_service::resume(app, request.id);
    Ok(())
}

/// Cancels an upload: terminated on the server, forgotten here.
#[tauri::command]
pub async fn cancel_upload(
    state: State<'_, ShellState>,
    service: State<'_, UploadService>,
    request: UploadIdRequest,
) -> Result<(), ErrorBody> {
    service.stop(request.id);
    let lang = state.store.lang();
    let token = token(&state)?;
    let manager = UploadManager {
        api: &state.api,
        store: &state.store,
        token: &token,
        lang,
    };
    manager
        .cancel(request.id)
        .await
        .map_err(|e| e.to_body(lang))
}

/// The organisation's documents.
#[tauri::command]
pub async fn list_documents(state: State<'_, ShellState>) -> Result<Vec<DocumentInfo>, ErrorBody> {
    let token = token(&state)?;
    state.api.documents(&token, state.store.lang()).await
}

/// Deletes a document.
#[tauri::command]
pub async fn delete_document(
    state: State<'_, ShellState>,
    request: DocumentIdRequest,
) -> Result<(), ErrorBody> {
    let token = token(&state)?;
    state
        .api
        .delete_document(&token, request.id, state.store.lang())
        .await
}

/// Asks where to save a document and streams it there; returns the path, or nothing if the
/// user cancelled. `HOMEPORTAL_SAVE_DIR` answers without a dialog, for scripted runs and tests.
#[tauri::command]
pub async fn download_document(
    app: AppHandle,
    state: State<'_, ShellState>,
    request: DownloadRequest,
) -> Result<Option<String>, ErrorBody> {
    let token = token(&state)?;
    let lang = state.store.lang();
    let dest = match std::env::var_os("HOMEPORTAL_SAVE_DIR") {
        Some(dir) => Some(PathBuf::from(dir).join(&request.file_name)),
        None => {
            let name = request.file_name.clone();
            tauri::async_runtime::spawn_blocking(move || {
                app.dialog().file().set_file_name(name).blocking_save_file()
            })
            .await
            .ok()
            .flatten()
            .and_then(|p| p.into_path().ok())
        }
    };
    let Some(dest) = dest else {
        return Ok(None);
    };
    state
        .api
        .download_document(&token, request.id, &dest, lang)
        .await?;
    Ok(Some(dest.to_string_lossy().into_owned()))
}
