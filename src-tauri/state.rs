//! What the commands share: the server client and the local store.

use homeportal_domain::api::ServerMode;
use homeportal_domain::{ErrorBody, ErrorCode};

use crate::api_client::ApiClient;
use crate::store::{LocalStore, StoredSession};

/// State managed by Tauri.
pub struct ShellState {
    /// Client of the embedded or remote server.
    pub api: ApiClient,
    /// The desktop's SQLite store.
    pub store: LocalStore,
    /// Which kind of server `api` talks to.
    pub server_mode: ServerMode,
}

impl ShellState {
    /// The stored session, or «Сеанс завершён» when nobody is logged in.
    pub fn signed_in(&self) -> Result<StoredSession, ErrorBody> {
        let lang = self.store.lang();
        self.store
            .session()
            .map_err(|e| e.to_body(lang))?
            .ok_or_else(|| ErrorBody::new(ErrorCode::Unauthorized, lang))
    }
}
