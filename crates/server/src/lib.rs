//! The bundled backend that plays KZhK's side. Runs as the `homeportal-server` binary or
//! in-process inside the desktop app (which still talks to it over HTTP only).

pub mod accounts;
pub mod config;
pub mod db;
pub mod error;
pub mod passwords;
pub mod routes;
pub mod sessions;
pub mod state;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::routing::{get, post};
use axum::Router;
use homeportal_domain::api::paths;
use homeportal_domain::ErrorCode;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::trace::TraceLayer;

pub use config::Config;
use error::AppError;
use state::AppState;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The database could not be opened.
    #[error(transparent)]
    Db(#[from] db::OpenError),
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
    Router::new()
        .route(paths::HEALTH, get(routes::health::health))
        .route(paths::LOGIN, post(routes::auth::login))
        .route(paths::LOGOUT, post(routes::auth::logout))
        .route(paths::PROFILE, get(routes::profile::profile))
        .fallback(|| async { AppError::Code(ErrorCode::NotFound) })
        .method_not_allowed_fallback(|| async { AppError::Code(ErrorCode::MethodNotAllowed) })
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
        let app = router(AppState {
            db,
            config: Arc::new(config),
        });
        Ok(Server {
            listener,
            app,
            addr,
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
        axum::serve(self.listener, self.app)
            .with_graceful_shutdown(shutdown)
            .await
    }
}
