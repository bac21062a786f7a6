//! What the commands share: the server client and the local store.

use homeportal_domain::api::ServerMode;

use crate::api_client::ApiClient;
use crate::store::LocalStore;

/// State managed by Tauri.
pub struct ShellState {
    /// Client of the embedded or remote server.
    pub api: ApiClient,
    /// The desktop's SQLite store.
    pub store: LocalStore,
    /// Which kind of server `api` talks to.
    pub server_mode: ServerMode,
}
