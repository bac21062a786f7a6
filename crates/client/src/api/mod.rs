//! The HTTP client of the server — embedded or remote, called the same way. A client is scoped
//! to one server, one language and (once signed in) one session token, so no call carries them.

mod access;
mod applications;
mod documents;
mod guarantee;
mod signing;
mod tus;

use std::sync::Arc;
use std::time::Duration;

use homeportal_domain::api::{paths, LoginRequest, LoginResponse, Profile};
use homeportal_domain::{ErrorBody, Lang};
use reqwest::header::ACCEPT_LANGUAGE;
use reqwest::{Method, RequestBuilder, StatusCode};
use serde::de::DeserializeOwned;

pub use guarantee::Step;
pub use tus::Patch;

use crate::error::{ClientError, Result};

/// A client of one server, in one language, with or without a session.
#[derive(Clone)]
pub struct Api {
    base: Arc<str>,
    http: reqwest::Client,
    lang: Lang,
    token: Option<Arc<str>>,
}

impl Api {
    /// An anonymous client of the server at `base` (e.g. `http://127.0.0.1:41234`).
    pub fn new(base: &str, lang: Lang) -> Api {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(30))
            // Shorter than the server's idle timeout, so a kept connection is never one the
            // server is closing.
            .pool_idle_timeout(Duration::from_secs(30))
            .build()
            .unwrap_or_default();
        Api {
            base: Arc::from(base.trim().trim_end_matches('/')),
            http,
            lang,
            token: None,
        }
    }

    /// The same server and language, acting for the session `token`.
    pub fn signed_in(&self, token: &str) -> Api {
        Api {
            token: Some(Arc::from(token)),
            ..self.clone()
        }
    }

    /// The same client, answered in `lang`.
    pub fn in_lang(&self, lang: Lang) -> Api {
        Api {
            lang,
            ..self.clone()
        }
    }

    /// The base URL.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The absolute URL of `path`; an absolute URL is kept as it is.
    fn url(&self, path: &str) -> String {
        if path.starts_with("http://") || path.starts_with("https://") {
            path.to_owned()
        } else {
            format!("{}{}", self.base, path)
        }
    }

    /// A request to `path` with the language and, when signed in, the bearer token.
    fn request(&self, method: Method, path: &str) -> RequestBuilder {
        let request = self
            .http
            .request(method, self.url(path))
            .header(ACCEPT_LANGUAGE, self.lang.code());
        match &self.token {
            Some(token) => request.bearer_auth(token),
            None => request,
        }
    }

    /// Sends `request`; a network failure or an error answer becomes a [`ClientError`].
    async fn exchange(&self, request: RequestBuilder) -> Result<reqwest::Response> {
        let response = request
            .send()
            .await
            .map_err(|e| ClientError::Unreachable(e.to_string()))?;
        if response.status().is_success() {
            return Ok(response);
        }
        let status = response.status();
        let body = response.bytes().await.unwrap_or_default();
        Err(error_from(status, &body, self.lang))
    }

    async fn send(&self, request: RequestBuilder) -> Result<Vec<u8>> {
        let response = self.exchange(request).await?;
        let body = response
            .bytes()
            .await
            .map_err(|e| ClientError::Unreachable(format!("answer cut off: {e}")))?;
        Ok(body.to_vec())
    }

    async fn json<T: DeserializeOwned>(&self, request: RequestBuilder) -> Result<T> {
        let body = self.send(request).await?;
        serde_json::from_slice(&body).map_err(|e| ClientError::BadResponse(e.to_string()))
    }

    /// Logs in with BIN and password.
    pub async fn login(&self, request: &LoginRequest) -> Result<LoginResponse> {
        self.json(self.request(Method::POST, paths::LOGIN).json(request))
            .await
    }

    /// The profile of this session.
    pub async fn profile(&self) -> Result<Profile> {
        self.json(self.request(Method::GET, paths::PROFILE)).await
    }

    /// Revokes this session.
    pub async fn logout(&self) -> Result<()> {
        self.send(self.request(Method::POST, paths::LOGOUT))
            .await
            .map(drop)
    }
}

/// The error an unsuccessful answer stands for: its own body, or what its status says (answers
/// to `HEAD` have no body).
pub(crate) fn error_from(status: StatusCode, body: &[u8], lang: Lang) -> ClientError {
    use homeportal_domain::ErrorCode;
    let by_status = match status.as_u16() {
        401 => Some(ErrorCode::Unauthorized),
        404 => Some(ErrorCode::NotFound),
        409 => Some(ErrorCode::OffsetMismatch),
        410 => Some(ErrorCode::UploadExpired),
        412 => Some(ErrorCode::Unsupported),
        413 => Some(ErrorCode::TooLarge),
        460 => Some(ErrorCode::ChecksumMismatch),
        _ => None,
    };
    if let (true, Some(code)) = (body.is_empty(), by_status) {
        return ClientError::Server(ErrorBody::new(code, lang));
    }
    match serde_json::from_slice::<ErrorBody>(body) {
        Ok(error) => ClientError::Server(error),
        Err(_)
            if matches!(
                status,
                StatusCode::BAD_GATEWAY
                    | StatusCode::SERVICE_UNAVAILABLE
                    | StatusCode::GATEWAY_TIMEOUT
            ) =>
        {
            ClientError::Unreachable(format!("gateway answered {status}"))
        }
        Err(_) => ClientError::BadResponse(format!("{status} without an error body")),
    }
}

#[cfg(test)]
mod tests {
    use homeportal_domain::ErrorCode;
    use homeportal_testkit::{ports, BrokenServer, ServerProcess, TestAccount};

    use super::*;

    fn login_request(password: &str) -> LoginRequest {
        LoginRequest {
            bin: TestAccount::nova_city().bin.to_owned(),
            password: password.to_owned(),
        }
    }

    #[tokio::test]
    async fn an_unreachable_server_is_reported_as_such() {
        let api = Api::new(&ports::closed_url(), Lang::Ru);
        let error = api.login(&login_request("x")).await.unwrap_err();
        assert_eq!(error.code(), ErrorCode::ServerUnreachable);
        assert!(error
            .to_body(Lang::Ru)
            .message
            .contains("Сервер недоступен"));
    }

    #[tokio::test]
    async fn a_malformed_answer_is_reported_as_such() {
        let broken = BrokenServer::start();
        let api = Api::new(broken.url(), Lang::Ru);
        let error = api.login(&login_request("x")).await.unwrap_err();
        assert_eq!(error.code(), ErrorCode::BadServerResponse);
        assert!(error
            .to_body(Lang::Ru)
            .message
            .contains("некорректный ответ"));
    }

    #[tokio::test]
    async fn login_profile_and_logout_in_the_session_language() {
        let server = ServerProcess::start_with(&TestAccount::nova_city());
        let api = Api::new(server.url(), Lang::Kk);

        let wrong = api.login(&login_request("wrong")).await.unwrap_err();
        assert_eq!(wrong.code(), ErrorCode::InvalidCredentials);
        assert_eq!(
            wrong.to_body(Lang::Kk).message,
            ErrorBody::new(ErrorCode::InvalidCredentials, Lang::Kk).message,
            "the server answers in the session's language"
        );

        let session = api
            .login(&login_request(TestAccount::nova_city().password))
            .await
            .expect("logs in");
        let signed_in = api.signed_in(&session.token);
        let profile = signed_in.profile().await.expect("profile");
        assert_eq!(profile.bin.as_string(), TestAccount::nova_city().bin);
        signed_in.logout().await.expect("logout");
        let after = signed_in.profile().await.unwrap_err();
        assert_eq!(after.code(), ErrorCode::Unauthorized);
    }
}
