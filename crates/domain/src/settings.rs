//! The settings page and the first run: which server the cabinet works with, the roots
//! signatures are checked against (local mode), and where the session token is kept.

use serde::{Deserialize, Serialize};

use crate::api::ServerMode;

/// The server the person chooses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum ServerChoice {
    /// «Локальный режим»: the embedded server on this computer.
    Local,
    /// «Сервер АО «КЖК»» at `url` (checked by `/health` before it is kept).
    Remote {
        /// The server's address as typed.
        url: String,
    },
}

/// Where the session token is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenPlace {
    /// The operating system's keychain (Credential Manager, Keychain, Secret Service).
    Keychain,
    /// The app's own database on this computer (no keychain could be reached).
    LocalStore,
}

/// The trust bundle of the embedded server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustInfo {
    /// Certificates in the bundle that will be used (0: no signature can be accepted).
    pub certificates: u32,
    /// The test PKI is trusted for this run only (`cargo xtask run`).
    pub test_pki: bool,
}

/// What the settings page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsView {
    /// Local or КЖК's server.
    pub server_mode: ServerMode,
    /// The remote server's address (empty in local mode).
    pub server_url: String,
    /// The embedded server's roots.
    pub trust: TrustInfo,
    /// Where the session token is kept.
    pub token_place: TokenPlace,
    /// The folder of this computer's data.
    pub data_dir: String,
    /// The folder of the app's log.
    pub log_dir: String,
}
