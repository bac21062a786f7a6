//! Homeportal Desktop's shell: starts (or finds) the server, opens the desktop's core, and
//! answers the UI's typed commands. The UI never touches files, sockets or SQL.

mod applications;
mod commands;
mod documents;
mod embedded;
mod error;
mod events;
mod front_door;
mod session;
mod signing;
mod window;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use homeportal_client::store::settings::Setting;
use homeportal_client::{sync, uploads, Desktop, LocalStore, SystemClock};
use homeportal_domain::api::ServerMode;
use tauri::Manager;

use crate::embedded::EmbeddedServer;

/// What every command gets: the desktop's core and where its server runs.
pub struct Shell {
    /// The Tauri-free core.
    pub desktop: Desktop,
    /// Embedded or remote server.
    pub server_mode: ServerMode,
}

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
        .or_else(|| store.setting(Setting::ServerUrl).ok().flatten())
        .map(|url| url.trim().to_owned())
        .filter(|url| !url.is_empty())
}

/// Holds the embedded server until the app exits.
#[derive(Default)]
struct EmbeddedSlot(Mutex<Option<EmbeddedServer>>);

fn start(app: &mut tauri::App) -> Result<(), String> {
    let dir = data_dir(app)?;
    let store =
        LocalStore::open(&dir).map_err(|e| format!("local store in {}: {e}", dir.display()))?;
    let (url, server_mode) = match remote_url(&store) {
        Some(url) => {
            tracing::info!(%url, "using a remote server");
            (url, ServerMode::Remote)
        }
        None => {
            let server = tauri::async_runtime::block_on(EmbeddedServer::start(&dir.join("server")))
                .map_err(|e| format!("embedded server: {e}"))?;
            let url = server.url().to_owned();
            if let Ok(mut slot) = app.state::<EmbeddedSlot>().0.lock() {
                *slot = Some(server);
            }
            (url, ServerMode::Embedded)
        }
    };
    let identity = match server_mode {
        ServerMode::Embedded => "embedded",
        ServerMode::Remote => url.as_str(),
    };
    let desktop = Desktop::for_server(store, &url, identity, Arc::new(SystemClock));
    events::forward(&desktop, app.handle().clone());
    tauri::async_runtime::spawn(sync::run(desktop.clone()));
    // Uploads cut short by a crash or a restart go on by themselves.
    tauri::async_runtime::block_on(async { uploads::resume_unfinished(&desktop) });
    app.manage(Shell {
        desktop,
        server_mode,
    });
    Ok(())
}

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
    homeportal_client::memory::return_large_buffers_to_the_os();
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
        .manage(EmbeddedSlot::default())
        .setup(|app| {
            start(app).map_err(|message| {
                tracing::error!(%message, "cannot start");
                message.into()
            })
        })
        .on_window_event(window::on_event)
        .invoke_handler(commands::handler())
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
