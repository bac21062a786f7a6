//! Homeportal Desktop's shell: starts (or finds) the server, opens the desktop's core, and
//! answers the UI's typed commands. The UI never touches files, sockets or SQL.

mod applications;
mod commands;
mod documents;
mod embedded;
mod error;
mod events;
mod front_door;
mod guarantee;
mod journal;
#[cfg(target_os = "linux")]
mod linux_launch;
mod save_dialog;
mod session;
mod settings;
mod signing;
mod startup_error;
mod test_pki;
mod updates;
mod window;
mod window_place;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex, OnceLock};

use homeportal_client::{sync, uploads, Desktop, LocalStore, SystemClock};
use homeportal_domain::api::ServerMode;
use homeportal_domain::settings::ServerChoice;
use homeportal_domain::Lang;
use tauri::{AppHandle, Manager};

use crate::embedded::EmbeddedServer;
use crate::error::ShellError;
use crate::test_pki::{Build, TestPki};

/// What every command gets: the local store, and — once a server is chosen — the desktop's
/// core working with it.
pub struct Shell {
    /// This computer's data (settings before a server is chosen).
    store: LocalStore,
    /// Where the data lives.
    data_dir: PathBuf,
    /// The test PKI of this run (development builds only).
    test_pki: Option<TestPki>,
    /// The core and its server, set once.
    connection: OnceLock<Connection>,
}

/// The desktop's core and where its server runs.
pub struct Connection {
    /// The Tauri-free core.
    pub desktop: Desktop,
    /// Embedded or remote server.
    pub server_mode: ServerMode,
}

impl Shell {
    /// The core, once a server is chosen.
    pub fn desktop(&self) -> Result<&Desktop, ShellError> {
        self.connection
            .get()
            .map(|c| &c.desktop)
            .ok_or(ShellError::NotConnected)
    }

    /// The core and its server, once chosen.
    pub fn connection(&self) -> Option<&Connection> {
        self.connection.get()
    }

    /// The interface language kept on this computer.
    pub fn lang(&self) -> Lang {
        self.store.lang()
    }

    /// The embedded server's roots: the test PKI of this run, else the bundle imported in the
    /// settings, if any.
    pub fn trust_bundle(&self) -> Option<PathBuf> {
        match &self.test_pki {
            Some(test) => Some(test.trust_bundle()),
            None => Some(self.imported_trust()).filter(|p| p.is_file()),
        }
    }

    /// Where an imported trust bundle is kept.
    pub fn imported_trust(&self) -> PathBuf {
        self.data_dir.join("server").join("trust.pem")
    }
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

/// Holds the embedded server until the app exits.
#[derive(Default)]
struct EmbeddedSlot(Mutex<Option<EmbeddedServer>>);

/// Opens the desktop's core for `choice`: starts the embedded server or points at the remote
/// one, forwards the core's events, starts the sync engine and resumes unfinished uploads.
pub async fn connect(
    app: &AppHandle,
    shell: &Shell,
    choice: &ServerChoice,
) -> Result<(), ShellError> {
    if shell.connection.get().is_some() {
        return Ok(());
    }
    let (url, server_mode) = match choice {
        ServerChoice::Remote { url } => {
            tracing::info!(%url, "using a remote server");
            (url.clone(), ServerMode::Remote)
        }
        ServerChoice::Local => {
            let server =
                EmbeddedServer::start(&shell.data_dir.join("server"), shell.trust_bundle())
                    .await
                    .map_err(ShellError::Embedded)?;
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
    let desktop = Desktop::for_server(shell.store.clone(), &url, identity, Arc::new(SystemClock));
    events::forward(&desktop, app.clone());
    tauri::async_runtime::spawn(sync::run(desktop.clone()));
    // Uploads cut short by a crash or a restart go on by themselves.
    uploads::resume_unfinished(&desktop);
    let _ = shell.connection.set(Connection {
        desktop,
        server_mode,
    });
    Ok(())
}

fn start(app: &mut tauri::App) -> Result<(), String> {
    let dir = data_dir(app)?;
    let store =
        LocalStore::open(&dir).map_err(|e| format!("local store in {}: {e}", dir.display()))?;
    let test_pki = test_pki::from(Build::THIS, std::env::var_os("HOMEPORTAL_TEST_PKI"));
    if let Some(test) = &test_pki {
        tracing::warn!(folder = %test.folder.display(), "test mode: the test PKI is trusted for this run");
    }
    let choice =
        homeportal_client::connection::configured(&store).map_err(|e| format!("settings: {e}"))?;
    window::set_title(app.handle(), store.lang());
    app.manage(Shell {
        store,
        data_dir: dir,
        test_pki,
        connection: OnceLock::new(),
    });
    // Before the first run's choice the window asks; afterwards the server starts at once.
    if let Some(choice) = choice {
        let handle = app.handle().clone();
        tauri::async_runtime::block_on(connect(&handle, &handle.state::<Shell>(), &choice))
            .map_err(|e| format!("{e}"))?;
    }
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

/// One running app per data folder: a second launch hands its arguments to the first, which
/// comes to the front, and exits.
fn single_instance() -> tauri::plugin::TauriPlugin<tauri::Wry> {
    let builder = tauri_plugin_single_instance::Builder::new().callback(|app, args, cwd| {
        tracing::info!(?args, %cwd, "a second launch passed its arguments");
        window::bring_to_front(app);
    });
    // Another data folder is another cabinet (and every test has its own).
    match std::env::var_os("HOMEPORTAL_DATA_DIR") {
        Some(dir) => {
            use std::hash::{Hash, Hasher};
            let mut hasher = std::hash::DefaultHasher::new();
            dir.hash(&mut hasher);
            builder
                .dbus_id(format!(
                    "kz.khc.homeportal.desktop.d{:016x}",
                    hasher.finish()
                ))
                .build()
        }
        None => builder.build(),
    }
}

/// Runs the desktop app until its window closes.
pub fn run() -> ExitCode {
    #[cfg(target_os = "linux")]
    linux_launch::prepare();
    // The embedded server shares this process.
    homeportal_client::memory::return_large_buffers_to_the_os();
    // A second launch must reach the first before anything else starts; the log comes next,
    // so that everything after it is in the file.
    let app = tauri::Builder::default()
        .plugin(single_instance())
        .plugin(journal::plugin())
        .plugin(window_place::plugin())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_updater::Builder::new().build())
        .plugin(tauri_plugin_notification::init())
        .manage(EmbeddedSlot::default())
        .setup(|app| {
            start(app).map_err(|message| {
                tracing::error!(%message, "cannot start");
                message.into()
            })
        })
        .on_window_event(|window, event| {
            window_place::on_event(window, event);
            window::on_event(window, event);
        })
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
            startup_error::report(&e.to_string());
            ExitCode::FAILURE
        }
    }
}
