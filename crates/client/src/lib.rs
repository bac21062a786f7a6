//! Homeportal Desktop's core, free of Tauri: the session-scoped API client, the local store
//! and its migrations, the upload engine, the NCALayer client, QR rendering, drafts, and the
//! app-level event feed. The Tauri shell and the `homeportal-upload` CLI are thin over it.

pub mod api;
pub mod applications;
pub mod clock;
pub mod connection;
pub mod error;
pub mod events;
pub mod front_door;
pub mod guarantee;
pub mod memory;
pub mod restart;
pub mod session;
pub mod signing;
pub mod store;
pub mod sync;
pub mod trust;
pub mod uploads;

use std::sync::Arc;

use homeportal_domain::Lang;

pub use api::Api;
pub use clock::{Clock, SystemClock};
pub use error::{ClientError, Result};
pub use events::EventFeed;
pub use store::LocalStore;

use store::session::StoredSession;
use sync::SyncService;
use uploads::UploadService;

/// The desktop's core: one server, one local store, one event feed. Cheap to clone.
#[derive(Clone)]
pub struct Desktop(Arc<Inner>);

struct Inner {
    store: LocalStore,
    api: Api,
    events: EventFeed,
    uploads: UploadService,
    sync: SyncService,
    clock: Arc<dyn Clock>,
    /// Names the server in draft scopes: stable across ports for the embedded one.
    server_identity: String,
}

impl Desktop {
    /// The core over `store`, talking to the server at `server_url` (which also names it).
    pub fn new(store: LocalStore, server_url: &str, clock: Arc<dyn Clock>) -> Desktop {
        Desktop::for_server(store, server_url, server_url, clock)
    }

    /// The core over `store`, talking to the server at `server_url`, known as `identity` (the
    /// embedded server changes port between starts, not identity).
    pub fn for_server(
        store: LocalStore,
        server_url: &str,
        identity: &str,
        clock: Arc<dyn Clock>,
    ) -> Desktop {
        let api = Api::new(server_url, store.lang());
        Desktop(Arc::new(Inner {
            store,
            api,
            events: EventFeed::default(),
            uploads: UploadService::default(),
            sync: SyncService::default(),
            clock,
            server_identity: identity.trim_end_matches('/').to_owned(),
        }))
    }

    /// The sync engine's state.
    pub fn sync(&self) -> &SyncService {
        &self.0.sync
    }

    /// Where the signed-in organisation's drafts live here: server identity and BIN.
    pub fn scope(&self) -> Result<String> {
        let session = self.0.store.session()?.ok_or(ClientError::SignedOut)?;
        Ok(format!(
            "{}#{}",
            self.0.server_identity, session.profile.bin
        ))
    }

    /// The local store.
    pub fn store(&self) -> &LocalStore {
        &self.0.store
    }

    /// The app-level event feed.
    pub fn events(&self) -> &EventFeed {
        &self.0.events
    }

    /// The background uploads.
    pub fn uploads(&self) -> &UploadService {
        &self.0.uploads
    }

    /// The interface language chosen on this computer.
    pub fn lang(&self) -> Lang {
        self.0.store.lang()
    }

    /// Seconds since the Unix epoch, from the core's clock.
    pub fn now(&self) -> i64 {
        self.0.clock.now()
    }

    /// An anonymous client of the server, in the interface language.
    pub fn api(&self) -> Api {
        self.0.api.in_lang(self.lang())
    }

    /// A client acting for the session kept on this computer, and that session.
    pub fn signed_in(&self) -> Result<(Api, StoredSession)> {
        let session = self.0.store.session()?.ok_or(ClientError::SignedOut)?;
        Ok((self.api().signed_in(&session.token), session))
    }
}
