//! Commands of the first run and the settings page: which server, the embedded server's roots,
//! NCALayer's CA, where the session token is kept.

use std::path::PathBuf;

use homeportal_client::store::settings::Setting;
use homeportal_client::{connection, signing, trust};
use homeportal_domain::api::{AppInfo, ServerMode};
use homeportal_domain::commands::NoArgs;
use homeportal_domain::settings::{ServerChoice, SettingsView, TrustInfo};
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

use crate::error::ShellError;
use crate::Shell;

/// Checks a remote choice (`/health`), normalising its address.
async fn checked(choice: ServerChoice) -> Result<ServerChoice, ShellError> {
    Ok(match choice {
        ServerChoice::Local => ServerChoice::Local,
        ServerChoice::Remote { url } => ServerChoice::Remote {
            url: connection::check_remote(&url).await?,
        },
    })
}

/// The first run's choice: checked, kept, and the server opened; what the app now is.
pub async fn choose_server(
    shell: &Shell,
    app: &AppHandle,
    choice: ServerChoice,
) -> Result<AppInfo, ShellError> {
    let choice = checked(choice).await?;
    connection::remember(&shell.store, &choice)?;
    crate::connect(app, shell, &choice).await?;
    crate::session::app_info(shell, app, NoArgs {}).await
}

/// What the settings page shows.
pub async fn settings(
    shell: &Shell,
    app: &AppHandle,
    _: NoArgs,
) -> Result<SettingsView, ShellError> {
    let connection = shell.connection().ok_or(ShellError::NotConnected)?;
    let server_url = match connection.server_mode {
        ServerMode::Remote => connection.desktop.api().base().to_owned(),
        ServerMode::Embedded => String::new(),
    };
    Ok(SettingsView {
        server_mode: connection.server_mode,
        server_url,
        trust: trust_info(shell),
        token_place: shell.store.token_place()?,
        data_dir: shell.data_dir.display().to_string(),
        log_dir: crate::journal::folder(app)
            .map(|dir| dir.display().to_string())
            .unwrap_or_default(),
    })
}

fn trust_info(shell: &Shell) -> TrustInfo {
    TrustInfo {
        certificates: shell
            .trust_bundle()
            .map_or(0, |bundle| trust::certificates_at(&bundle)),
        test_pki: shell.test_pki.is_some(),
    }
}

/// Another server from the next start: checked, kept, and the app restarts with it.
pub async fn change_server(
    shell: &Shell,
    app: &AppHandle,
    choice: ServerChoice,
) -> Result<(), ShellError> {
    let choice = checked(choice).await?;
    connection::remember(&shell.store, &choice)?;
    if matches!(choice, ServerChoice::Local) {
        shell.store.set_setting(Setting::ServerUrl, "")?;
    }
    tracing::info!("server changed; restarting");
    app.restart()
}

/// A PEM file the person picks (`HOMEPORTAL_PICK_FILE` answers without a dialog); None when
/// the dialog was closed.
async fn pick_pem(app: &AppHandle) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("HOMEPORTAL_PICK_FILE") {
        return Some(path.into());
    }
    let app = app.clone();
    // The blocking dialog must not run on the main thread (it deadlocks on macOS).
    tauri::async_runtime::spawn_blocking(move || {
        app.dialog()
            .file()
            .add_filter("PEM", &["pem", "crt", "cer"])
            .blocking_pick_file()
    })
    .await
    .ok()
    .flatten()
    .and_then(|file| file.into_path().ok())
}

/// Imports a PEM bundle of roots the person picks; taken by the embedded server at its next
/// start. None when the dialog was closed.
pub async fn import_trust_bundle(
    shell: &Shell,
    app: &AppHandle,
    _: NoArgs,
) -> Result<Option<TrustInfo>, ShellError> {
    let Some(path) = pick_pem(app).await else {
        return Ok(None);
    };
    trust::import(&path, &shell.imported_trust())?;
    Ok(Some(trust_info(shell)))
}

/// The certificates NCALayer's connection is checked against besides the system's roots.
pub async fn ncalayer_ca(shell: &Shell, _: &AppHandle, _: NoArgs) -> Result<u32, ShellError> {
    Ok(signing::ncalayer_ca_certificates(shell.desktop()?))
}

/// Imports the CA of this computer's NCALayer from a PEM the person picks; its certificates,
/// or None when the dialog was closed.
pub async fn import_ncalayer_ca(
    shell: &Shell,
    app: &AppHandle,
    _: NoArgs,
) -> Result<Option<u32>, ShellError> {
    let Some(path) = pick_pem(app).await else {
        return Ok(None);
    };
    Ok(Some(signing::import_ncalayer_ca(
        shell.desktop()?,
        &path,
        &shell.data_dir,
    )?))
}

/// Forgets the imported NCALayer CA.
pub async fn forget_ncalayer_ca(shell: &Shell, _: &AppHandle, _: NoArgs) -> Result<(), ShellError> {
    Ok(signing::forget_ncalayer_ca(shell.desktop()?)?)
}

/// «Сохранить журнал для поддержки»: every file of the log, oldest first, in one file where the
/// person chooses; its path, or nothing when the dialog was closed.
pub async fn save_support_log(
    _: &Shell,
    app: &AppHandle,
    _: NoArgs,
) -> Result<Option<String>, ShellError> {
    let folder = crate::journal::folder(app).ok_or(ShellError::NoLogFolder)?;
    let name = format!(
        "homeportal-log-{}.txt",
        chrono::Local::now().format("%Y-%m-%d_%H-%M")
    );
    let Some(dest) = crate::save_dialog::ask(app, &name).await else {
        return Ok(None);
    };
    crate::journal::save_for_support(&folder, &dest).map_err(ShellError::File)?;
    tracing::info!(dest = %dest.display(), "log saved for support");
    Ok(Some(dest.display().to_string()))
}
