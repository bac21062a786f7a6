//! Request extractors every feature uses: a JSON body whose rejection is our error, and the
//! session of a request that carried a live bearer token.

use axum::body::Bytes;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use homeportal_domain::ErrorCode;

use crate::error::AppError;
use crate::repo::sessions;
use crate::state::{now, AppState};

/// A path parameter whose rejection (a non-numeric id, say) is an [`AppError`].
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(AppError))]
pub struct ApiPath<T>(pub T);

/// A raw body whose rejection (too large, cut off) is an [`AppError`].
pub struct ApiBytes(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for ApiBytes {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        Ok(ApiBytes(Bytes::from_request(request, state).await?))
    }
}

/// A JSON body whose rejection is an [`AppError`] (so it answers `{code, message, fields}`).
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(AppError))]
pub struct ApiJson<T>(pub T);

/// The client's address: the connection's peer (unspecified when served without a socket, as in
/// in-process tests).
pub struct ClientAddress(pub std::net::IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<std::net::SocketAddr>>()
            .map_or(std::net::IpAddr::from([0, 0, 0, 0]), |c| c.0.ip());
        Ok(ClientAddress(peer))
    }
}

/// The session of a request that carried a live bearer token.
pub struct AuthSession {
    /// The account the session belongs to.
    pub account_id: i64,
    /// The raw token, for logout.
    pub token: String,
}

impl FromRequestParts<AppState> for AuthSession {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let token = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or(AppError::Code(ErrorCode::Unauthorized))?
            .to_owned();
        let lookup = token.clone();
        let account_id = state
            .db
            .read(move |conn| sessions::account_of(conn, &lookup, now()))
            .await?
            .ok_or(AppError::Code(ErrorCode::Unauthorized))?;
        Ok(AuthSession { account_id, token })
    }
}
