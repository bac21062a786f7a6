//! Updates: where they come from, the check (at start and from «Настройки»), and the install,
//! which never restarts over work under way without asking. Every failure — the source not
//! answering, a manifest that is not one, the download, the signature, the install — is logged
//! and answered in words; the running version stays until the new one is installed.

use homeportal_client::restart;
use homeportal_domain::api::ServerMode;
use homeportal_domain::commands::NoArgs;
use homeportal_domain::updates::{InstallOutcome, InstallUpdateRequest, UpdateCheck, UpdateOffer};
use homeportal_domain::ErrorCode;
use tauri::AppHandle;
use tauri::Url;
use tauri_plugin_updater::{Error as UpdaterError, Update, UpdaterExt};

use crate::error::ShellError;
use crate::Shell;

/// The update manifest on КЖК's server, relative to its address.
const MANIFEST_ON_SERVER: &str = "updates/latest.json";

/// Where updates come from: `HOMEPORTAL_UPDATE_URL`, else КЖК's server the app works with,
/// else the endpoints the release was configured with (`plugins.updater.endpoints`).
fn source(shell: &Shell) -> Option<Vec<Url>> {
    if let Ok(url) = std::env::var("HOMEPORTAL_UPDATE_URL") {
        return Url::parse(&url).ok().map(|u| vec![u]);
    }
    let connection = shell.connection()?;
    match connection.server_mode {
        ServerMode::Remote => {
            let base = format!("{}/", connection.desktop.api().base().trim_end_matches('/'));
            Url::parse(&base)
                .and_then(|b| b.join(MANIFEST_ON_SERVER))
                .ok()
                .map(|u| vec![u])
        }
        // The release's own endpoints (from its configuration).
        ServerMode::Embedded => None,
    }
}

/// The updater for this installation's source.
fn updater(shell: &Shell, app: &AppHandle) -> Result<tauri_plugin_updater::Updater, ShellError> {
    let mut builder = app.updater_builder();
    if let Some(endpoints) = source(shell) {
        builder = builder
            .endpoints(endpoints)
            .map_err(|e| failure(ErrorCode::UpdateSourceMissing, "endpoints", &e))?;
    }
    // No endpoints, or an endpoint the release refuses (not `https`): no usable source.
    builder
        .build()
        .map_err(|e| failure(ErrorCode::UpdateSourceMissing, "check", &e))
}

/// Logs what went wrong in full and answers with `code`. An installation without an update
/// source (local mode, no endpoints) is normal, not an error.
fn failure(code: ErrorCode, step: &str, error: &dyn std::fmt::Display) -> ShellError {
    if code == ErrorCode::UpdateSourceMissing {
        tracing::info!(step, %error, "no update source: updates are not looked for");
    } else {
        tracing::error!(step, %error, code = code.as_str(), "update failed");
    }
    ShellError::Update(code)
}

/// What a failed check means to the person.
fn check_failure(error: &UpdaterError) -> ErrorCode {
    match error {
        UpdaterError::Reqwest(_) | UpdaterError::Network(_) | UpdaterError::Io(_) => {
            ErrorCode::UpdateUnreachable
        }
        UpdaterError::EmptyEndpoints | UpdaterError::InsecureTransportProtocol => {
            ErrorCode::UpdateSourceMissing
        }
        _ => ErrorCode::UpdateManifestInvalid,
    }
}

/// What a failed download means to the person.
fn download_failure(error: &UpdaterError) -> ErrorCode {
    match error {
        UpdaterError::Minisign(_)
        | UpdaterError::SignatureUtf8(_)
        | UpdaterError::Base64(_)
        | UpdaterError::SignedVersionMismatch { .. }
        | UpdaterError::MissingSignedVersion => ErrorCode::UpdateSignatureInvalid,
        _ => ErrorCode::UpdateDownloadFailed,
    }
}

/// Asks the source for a newer version.
async fn newer(shell: &Shell, app: &AppHandle) -> Result<Option<Update>, ShellError> {
    let updater = updater(shell, app)?;
    updater
        .check()
        .await
        .map_err(|e| failure(check_failure(&e), "check", &e))
}

/// «Проверить обновления»: the running version and a newer one, if any.
pub async fn check_update(
    shell: &Shell,
    app: &AppHandle,
    _: NoArgs,
) -> Result<UpdateCheck, ShellError> {
    let current = app.package_info().version.to_string();
    let available = newer(shell, app).await?.map(|update| UpdateOffer {
        version: update.version.clone(),
        notes: update.body.clone().unwrap_or_default(),
        date: update.date.map(|d| d.to_string()),
    });
    tracing::info!(%current, available = ?available.as_ref().map(|a| &a.version), "update check");
    Ok(UpdateCheck { current, available })
}

/// «Установить и перезапустить»: refuses while work is under way unless the person agreed;
/// downloads, verifies the signature, installs, and restarts into the new version.
pub async fn install_update(
    shell: &Shell,
    app: &AppHandle,
    request: InstallUpdateRequest,
) -> Result<InstallOutcome, ShellError> {
    let work = restart::work_under_way(shell.desktop()?)?;
    if !work.is_idle() && !request.even_if_busy {
        return Ok(InstallOutcome::Busy {
            uploads: work.uploads,
            unsent_drafts: work.unsent_drafts,
        });
    }
    let Some(update) = newer(shell, app).await? else {
        return Err(failure(
            ErrorCode::UpdateManifestInvalid,
            "install",
            &"the update is no longer offered",
        ));
    };
    tracing::info!(version = %update.version, url = %update.download_url, "downloading the update");
    let bytes = update
        .download(|_, _| {}, || {})
        .await
        .map_err(|e| failure(download_failure(&e), "download", &e))?;
    tracing::info!(version = %update.version, bytes = bytes.len(), "update downloaded and its signature verified");
    // Blocking: the system's installer runs (and may ask for a password).
    let installed = tauri::async_runtime::spawn_blocking(move || update.install(bytes))
        .await
        .map_err(|e| failure(ErrorCode::UpdateInstallFailed, "install", &e))?;
    installed.map_err(|e| failure(ErrorCode::UpdateInstallFailed, "install", &e))?;
    tracing::info!("update installed; restarting into the new version");
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        // Let the answer reach the window before the process goes.
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        app.restart();
    });
    Ok(InstallOutcome::Restarting)
}
