//! Homeportal Desktop's shell: starts (or finds) the server, owns the local store, and answers
//! the UI's commands. The UI never touches files, sockets or SQL.

pub mod api_client;
mod api_signing;
mod commands;
mod commands_documents;
mod commands_signing;
mod embedded;
pub mod ncalayer;
mod qr_image;
mod state;
pub mod store;
mod upload_service;
pub mod uploads;

use std::path::PathBuf;
use std::process::ExitCode;

use homeportal_domain::api::ServerMode;
use tauri::Manager;

use crate::api_client::ApiClient;
use crate::embedded::EmbeddedServer;
use crate::state::ShellState;
use crate::store::{keys, LocalStore};

/// Where the shell keeps its data: `HOMEPORTAL_DATA_DIR`, else the OS app-data folder.
fn data_dir(app: &tauri::App) -> Result<PathBuf, String> {
    if let Some(dir) = std::env::var_os("HOMEPORTAL_DATA_DIR") {
        return Ok(PathBuf::from(dir));
    }
    app.path()
        .app_data_dir()
        .map_err(|e| format!("no app-data folder: {e}"))
}

/// A remote server URL from `HOMEPORTAL_SERVER_URL` or the settings, if one is configured.
fn remote_url(store: &LocalStore) -> Option<String> {
    std::env::var("HOMEPORTAL_SERVER_URL")
        .ok()
        .or_else(|| store.setting(keys::SERVER_URL).ok().flatten())
        .map(|url| url.trim().to_owned())
        .filter(|url| !url.is_empty())
}

fn start(app: &mut tauri::App) -> Result<(), String> {
    let dir = data_dir(app)?;
    let store =
        LocalStore::open(&dir).map_err(|e| format!("local store in {}: {e}", dir.display()))?;
    let (api, server_mode, embedded) = match remote_url(&store) {
        Some(url) => {
            tracing::info!(%url, "using a remote server");
            (ApiClient::new(&url), ServerMode::Remote, None)
        }
        None => {
            let server = tauri::async_runtime::block_on(EmbeddedServer::start(&dir.join("server")))
                .map_err(|e| format!("embedded server: {e}"))?;
            (
                ApiClient::new(server.url()),
                ServerMode::Embedded,
                Some(server),
            )
        }
    };
    app.manage(ShellState {
        api,
        store,
        server_mode,
    });
    app.manage(EmbeddedSlot(std::sync::Mutex::new(embedded)));
    app.manage(upload_service::UploadService::default());
    // Uploads cut short by a crash or a restart go on by themselves.
    upload_service::resume_unfinished(app.handle());
    Ok(())
}

/// Holds the embedded server until the app exits.
struct EmbeddedSlot(std::sync::Mutex<Option<EmbeddedServer>>);

fn stop_embedded(app: &tauri::AppHandle) {
    let server = app
        .try_state::<EmbeddedSlot>()
        .and_then(|slot| slot.0.lock().ok().and_then(|mut s| s.take()));
    if let Some(server) = server {
        tauri::async_runtime::block_on(server.shutdown());
    }
}

/// Runs the desktop app until its window closes.
pub fn run() -> ExitCode {
    // The embedded server shares this process.
    homeportal_server::memory::return_large_buffers_to_the_os();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("HOMEPORTAL_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            start(app).map_err(|message| {
                tracing::error!(%message, "cannot start");
                message.into()
            })
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::login,
            commands::logout,
            commands::set_language,
            commands_documents::pick_file,
            commands_documents::watch_uploads,
            commands_documents::start_upload,
            commands_documents::pause_upload,
            commands_documents::resume_upload,
            commands_documents::cancel_upload,
            commands_documents::list_documents,
            commands_documents::delete_document,
            commands_documents::download_document,
            commands_signing::sign_with_ncalayer,
            commands_signing::start_qr_signing,
            commands_signing::qr_signing_status,
            commands_signing::open_ncalayer_download,
            commands_signing::ncalayer_port,
            commands_signing::set_ncalayer_port,
        ])
        .build(tauri::generate_context!());
    match app {
        Ok(app) => {
            app.run(|handle, event| {
                if let tauri::RunEvent::Exit = event {
                    stop_embedded(handle);
                }
            });
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("Homeportal Desktop could not start: {e}");
            ExitCode::FAILURE
        }
    }
}
