//! «Поиск» of an organisation by БИН: behind a [`Registry`], either the organisations registered
//! in this cabinet or an external registry service, as configured.

mod http;

use std::sync::Arc;

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use futures_util::future::BoxFuture;
use homeportal_domain::guarantee::{paths, Organisation};
use homeportal_domain::ids::Bin;
use homeportal_domain::ErrorCode;

use crate::config::RegistryConfig;
use crate::db::Db;
use crate::error::AppError;
use crate::extract::{ApiPath, AuthSession};
use crate::repo::accounts;
use crate::state::AppState;

/// Finds organisations by БИН.
pub trait Registry: Send + Sync {
    /// The organisation with `bin`, if the registry knows it.
    fn find<'a>(&'a self, bin: &'a Bin) -> BoxFuture<'a, Result<Option<Organisation>, AppError>>;
}

/// The organisations registered in this cabinet.
struct AccountsRegistry {
    db: Db,
}

impl Registry for AccountsRegistry {
    fn find<'a>(&'a self, bin: &'a Bin) -> BoxFuture<'a, Result<Option<Organisation>, AppError>> {
        let bin = *bin;
        Box::pin(async move {
            let name = self
                .db
                .read(move |conn| accounts::org_name(conn, &bin.as_string()).map(|n| (bin, n)))
                .await?;
            Ok(match name {
                (bin, Some(name)) => Some(Organisation { bin, name }),
                (_, None) => None,
            })
        })
    }
}

/// The registry `config` names.
pub fn from_config(config: &RegistryConfig, db: &Db) -> Result<Arc<dyn Registry>, String> {
    Ok(match config {
        RegistryConfig::Accounts => Arc::new(AccountsRegistry { db: db.clone() }),
        RegistryConfig::Http { url, key } => Arc::new(http::HttpRegistry::new(url, key.clone())?),
    })
}

/// The registry routes.
pub fn routes() -> Router<AppState> {
    Router::new().route(paths::ORGANISATION, get(organisation))
}

/// `GET /api/v1/registry/organisations/{bin}`: the name, or 404.
async fn organisation(
    State(state): State<AppState>,
    _session: AuthSession,
    ApiPath(bin): ApiPath<String>,
) -> Result<Json<Organisation>, AppError> {
    let bin = Bin::parse(&bin).map_err(|rule| AppError::field("bin", rule))?;
    state
        .registry
        .find(&bin)
        .await?
        .map(Json)
        .ok_or(AppError::Code(ErrorCode::OrganisationNotFound))
}
