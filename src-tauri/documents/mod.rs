//! Commands of «Документы организации»: pick a file (its path only), upload it in the
//! background, pause/resume/cancel, list, download and delete documents.

use std::path::PathBuf;

use homeportal_client::{uploads, ClientError};
use homeportal_domain::api::{
    AttachDocumentRequest, DocumentIdRequest, DocumentInfo, DownloadRequest, StartUploadRequest,
    UploadEvent, UploadIdRequest,
};
use homeportal_domain::commands::NoArgs;
use homeportal_domain::events::{AppEvent, DataKind};
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

use crate::error::ShellError;
use crate::Shell;

/// Opens the system file dialog and returns the chosen path (never the bytes).
/// `HOMEPORTAL_PICK_FILE` answers without a dialog, for scripted runs and tests.
pub async fn pick_file(
    _: &Shell,
    app: &AppHandle,
    _: NoArgs,
) -> Result<Option<String>, ShellError> {
    if let Ok(path) = std::env::var("HOMEPORTAL_PICK_FILE") {
        return Ok(Some(path));
    }
    let app = app.clone();
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

/// Unfinished uploads as they stand; their progress follows on the event feed.
pub async fn list_uploads(
    shell: &Shell,
    _: &AppHandle,
    _: NoArgs,
) -> Result<Vec<UploadEvent>, ShellError> {
    Ok(shell.desktop()?.uploads().unfinished(shell.desktop()?)?)
}

/// Starts uploading a picked file in the background.
pub async fn start_upload(
    shell: &Shell,
    _: &AppHandle,
    request: StartUploadRequest,
) -> Result<(), ShellError> {
    let path = PathBuf::from(request.path);
    match uploads::start(shell.desktop()?, path.clone(), request.kind, &request.slot) {
        Ok(_) => Ok(()),
        // Which file, and how large, in the words of the file dialog.
        Err(ClientError::TooLarge) => Err(ShellError::TooLarge {
            name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            bytes: std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0),
        }),
        Err(other) => Err(other.into()),
    }
}

/// Pauses an upload after its current chunk.
pub async fn pause_upload(
    shell: &Shell,
    _: &AppHandle,
    request: UploadIdRequest,
) -> Result<(), ShellError> {
    shell.desktop()?.uploads().stop(request.id);
    Ok(())
}

/// Resumes a paused or failed upload.
pub async fn resume_upload(
    shell: &Shell,
    _: &AppHandle,
    request: UploadIdRequest,
) -> Result<(), ShellError> {
    uploads::resume(shell.desktop()?, request.id);
    Ok(())
}

/// Cancels an upload: terminated on the server, forgotten here.
pub async fn cancel_upload(
    shell: &Shell,
    _: &AppHandle,
    request: UploadIdRequest,
) -> Result<(), ShellError> {
    Ok(uploads::cancel(shell.desktop()?, request.id).await?)
}

/// The organisation's documents.
pub async fn list_documents(
    shell: &Shell,
    _: &AppHandle,
    _: NoArgs,
) -> Result<Vec<DocumentInfo>, ShellError> {
    let (api, _) = shell.desktop()?.signed_in()?;
    Ok(api.documents().await?)
}

/// Deletes a document.
pub async fn delete_document(
    shell: &Shell,
    _: &AppHandle,
    request: DocumentIdRequest,
) -> Result<(), ShellError> {
    let (api, _) = shell.desktop()?.signed_in()?;
    api.delete_document(request.id).await?;
    shell
        .desktop()?
        .events()
        .publish(AppEvent::DataChanged(DataKind::Documents));
    Ok(())
}

/// «Взять из документов организации»: a library document filed under an application's field.
pub async fn attach_library_document(
    shell: &Shell,
    _: &AppHandle,
    request: AttachDocumentRequest,
) -> Result<DocumentInfo, ShellError> {
    let (api, _) = shell.desktop()?.signed_in()?;
    let document = api.attach_document(&request).await?;
    shell
        .desktop()?
        .events()
        .publish(AppEvent::DataChanged(DataKind::Documents));
    Ok(document)
}

/// Asks where to save a document and streams it there; the path, or nothing if the user
/// cancelled.
pub async fn download_document(
    shell: &Shell,
    app: &AppHandle,
    request: DownloadRequest,
) -> Result<Option<String>, ShellError> {
    let (api, _) = shell.desktop()?.signed_in()?;
    let dest = crate::save_dialog::ask(app, &request.file_name).await;
    let Some(dest) = dest else {
        return Ok(None);
    };
    api.download_document(request.id, &dest).await?;
    Ok(Some(dest.to_string_lossy().into_owned()))
}
