//! Commands of the applications lists and drafts.

use homeportal_client::applications;
use homeportal_domain::applications::{
    ApplicationSummary, DraftIdRequest, DraftView, ListApplicationsRequest, ResolveConflictRequest,
    SaveDraftRequest, SavedDraft,
};
use tauri::AppHandle;

use crate::error::ShellError;
use crate::Shell;

/// The applications of one kind, newest first.
pub async fn list_applications(
    shell: &Shell,
    _: &AppHandle,
    request: ListApplicationsRequest,
) -> Result<Vec<ApplicationSummary>, ShellError> {
    Ok(applications::list(shell.desktop()?, request.kind)?)
}

/// A draft for editing.
pub async fn open_draft(
    shell: &Shell,
    _: &AppHandle,
    request: DraftIdRequest,
) -> Result<DraftView, ShellError> {
    Ok(applications::open(shell.desktop()?, request.id)?)
}

/// Saves what is typed so far.
pub async fn save_draft(
    shell: &Shell,
    _: &AppHandle,
    request: SaveDraftRequest,
) -> Result<SavedDraft, ShellError> {
    Ok(applications::save(shell.desktop()?, &request)?)
}

/// Deletes a draft not sent yet.
pub async fn delete_draft(
    shell: &Shell,
    _: &AppHandle,
    request: DraftIdRequest,
) -> Result<(), ShellError> {
    Ok(applications::delete(shell.desktop()?, request.id)?)
}

/// Keeps one side per unit of a conflict.
pub async fn resolve_conflict(
    shell: &Shell,
    _: &AppHandle,
    request: ResolveConflictRequest,
) -> Result<DraftView, ShellError> {
    Ok(applications::resolve(shell.desktop()?, &request)?)
}

/// «Создать на основе…».
pub async fn create_based_on(
    shell: &Shell,
    _: &AppHandle,
    request: DraftIdRequest,
) -> Result<DraftView, ShellError> {
    Ok(applications::create_based_on(shell.desktop()?, request.id)?)
}
