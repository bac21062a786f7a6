//! The bundled backend that plays KZhK's side. Runs as the `homeportal-server` binary or
//! in-process inside the desktop app (which still talks to it over HTTP only).

pub mod accounts;
mod applications;
mod blobs;
pub mod clock;
pub mod config;
mod consents;
pub mod db;
mod delivery;
mod documents;
pub mod error;
mod extract;
mod guarantee;
mod health;
mod registration;
mod registry;
mod repo;
mod serve;
mod signing;
pub mod staff;
mod state;
mod throttle;
mod updates;
mod uploads;

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use axum::routing::get;
use axum::Router;
use homeportal_domain::api::paths;
use homeportal_domain::ErrorCode;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::RequestBodyTimeoutLayer;
use tower_http::trace::TraceLayer;

pub use config::Config;
use error::AppError;
pub use state::AppState;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The database could not be opened.
    #[error(transparent)]
    Db(#[from] db::OpenError),
    /// The trust bundle could not be read.
    #[error("cannot read the trust bundle {path}: {detail}")]
    Trust {
        /// The file.
        path: std::path::PathBuf,
        /// What went wrong.
        detail: String,
    },
    /// E-mail or SMS delivery is misconfigured.
    #[error("cannot set up delivery of codes: {0}")]
    Delivery(#[from] delivery::DeliveryError),
    /// The organisations registry is misconfigured.
    #[error("cannot set up the organisations registry: {0}")]
    Registry(String),
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The OS error.
        source: std::io::Error,
    },
}

/// The HTTP API as a router over `state`.
pub fn router(state: AppState) -> Router {
    let body_timeout = Duration::from_secs(state.config.connections.body_read_timeout_secs.into());
    Router::new()
        .route(paths::HEALTH, get(health::health))
        .merge(accounts::routes())
        .merge(registration::routes())
        .merge(applications::routes())
        .merge(guarantee::routes())
        .merge(consents::routes())
        .merge(registry::routes())
        .merge(staff::routes())
        .merge(uploads::routes())
        .merge(documents::routes())
        .merge(signing::api_routes())
        .merge(signing::egov_routes())
        .merge(updates::routes(&state))
        .fallback(|| async { AppError::Code(ErrorCode::NotFound) })
        .method_not_allowed_fallback(|| async { AppError::Code(ErrorCode::MethodNotAllowed) })
        .layer(RequestBodyTimeoutLayer::new(body_timeout))
        .layer(axum::middleware::from_fn(error::localize_errors))
        .layer(CatchPanicLayer::custom(error::panic_response))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// A server whose database is open and whose socket is bound, ready to run.
pub struct Server {
    listener: TcpListener,
    app: Router,
    addr: SocketAddr,
    state: AppState,
}

impl Server {
    /// Opens the database in `config.data_dir` and binds `config.listen`.
    pub async fn bind(config: Config) -> Result<Server, StartError> {
        let db = db::Db::open(&config.data_dir)?;
        let listener =
            TcpListener::bind(config.listen)
                .await
                .map_err(|source| StartError::Bind {
                    addr: config.listen,
                    source,
                })?;
        let addr = listener.local_addr().map_err(|source| StartError::Bind {
            addr: config.listen,
            source,
        })?;
        let state = AppState::open(config, db, &format!("http://{addr}"))?;
        let app = router(state.clone());
        Ok(Server {
            listener,
            app,
            addr,
            state,
        })
    }

    /// The address actually bound (useful with port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serves until `shutdown` completes, then lets requests in flight finish.
    pub async fn run(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        tracing::info!(addr = %self.addr, "homeportal-server listening");
        let recovery = self.state.clone();
        tokio::spawn(async move {
            match uploads::complete_pending(&recovery).await {
                Ok(0) => {}
                Ok(filed) => tracing::info!(filed, "uploads completed before a stop were filed"),
                Err(e) => tracing::warn!(error = %e, "uploads completed before a stop not filed"),
            }
        });
        let limits = self.state.config.connections;
        let janitor = tokio::spawn(sweep(self.state));
        serve::serve(self.listener, self.app, limits, shutdown).await;
        janitor.abort();
        Ok(())
    }
}

/// Every ten minutes: removes unfinished uploads whose time ran out, wrong-password counts
/// nobody repeated for a day, and the rate limiters' memory of quiet addresses.
async fn sweep(state: AppState) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(600));
    loop {
        every.tick().await;
        if let Err(e) = uploads::remove_expired(&state).await {
            tracing::warn!(error = %e, "expired uploads not removed");
        }
        let swept = state
            .db
            .call(|conn| repo::login_failures::sweep(conn, state::now()))
            .await;
        if let Err(e) = swept {
            tracing::warn!(error = %e, "old wrong-password counts not removed");
        }
        if let Err(e) = state
            .db
            .call(|conn| repo::codes::sweep(conn, state::now()))
            .await
        {
            tracing::warn!(error = %e, "old one-time codes not removed");
        }
        state.login_throttle.sweep();
        state.challenge_throttle.sweep();
    }
}
