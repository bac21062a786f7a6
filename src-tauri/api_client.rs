//! The shell's HTTP client of the server — embedded or remote, called the same way.
//! Every failure becomes an [`ErrorBody`] the UI can show.

use std::time::Duration;

use homeportal_domain::api::{paths, DocumentInfo, LoginRequest, LoginResponse, Profile};
use homeportal_domain::{ErrorBody, ErrorCode, Lang};
use reqwest::header::{ACCEPT_LANGUAGE, AUTHORIZATION};
use reqwest::{RequestBuilder, StatusCode};
use serde::de::DeserializeOwned;

/// A client bound to one server base URL.
#[derive(Clone)]
pub struct ApiClient {
    base: String,
    http: reqwest::Client,
}

impl ApiClient {
    /// A client of the server at `base` (e.g. `http://127.0.0.1:41234`).
    pub fn new(base: &str) -> ApiClient {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(30))
            .build()
            .unwrap_or_default();
        ApiClient {
            base: base.trim_end_matches('/').to_owned(),
            http,
        }
    }

    /// The base URL.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The absolute URL of `path`; an absolute URL (a tus `Location`) is kept as is.
    pub(crate) fn url(&self, path: &str) -> String {
        if path.starts_with("http://") || path.starts_with("https://") {
            path.to_owned()
        } else {
            format!("{}{}", self.base, path)
        }
    }

    /// The underlying HTTP client.
    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// Sends `request`; a network failure or an error answer becomes an [`ErrorBody`].
    pub(crate) async fn exchange(
        &self,
        request: RequestBuilder,
        lang: Lang,
    ) -> Result<reqwest::Response, ErrorBody> {
        let response = request
            .header(ACCEPT_LANGUAGE, lang.code())
            .send()
            .await
            .map_err(|e| {
                tracing::warn!(error = %e, "server unreachable");
                ErrorBody::new(ErrorCode::ServerUnreachable, lang)
            })?;
        if response.status().is_success() {
            return Ok(response);
        }
        let status = response.status();
        let body = response.bytes().await.unwrap_or_default();
        Err(error_from(status, &body, lang))
    }

    async fn send(&self, request: RequestBuilder, lang: Lang) -> Result<Vec<u8>, ErrorBody> {
        let response = self.exchange(request, lang).await?;
        let body = response.bytes().await.map_err(|e| {
            tracing::warn!(error = %e, "answer cut off");
            ErrorBody::new(ErrorCode::ServerUnreachable, lang)
        })?;
        Ok(body.to_vec())
    }

    pub(crate) async fn json<T: DeserializeOwned>(
        &self,
        request: RequestBuilder,
        lang: Lang,
    ) -> Result<T, ErrorBody> {
        let body = self.send(request, lang).await?;
        serde_json::from_slice(&body).map_err(|e| {
            tracing::warn!(error = %e, "answer is not what was expected");
            ErrorBody::new(ErrorCode::BadServerResponse, lang)
        })
    }

    /// Logs in with BIN and password.
    pub async fn login(
        &self,
        request: &LoginRequest,
        lang: Lang,
    ) -> Result<LoginResponse, ErrorBody> {
        self.json(self.http.post(self.url(paths::LOGIN)).json(request), lang)
            .await
    }

    /// The profile of the session `token`.
    pub async fn profile(&self, token: &str, lang: Lang) -> Result<Profile, ErrorBody> {
        let request = self
            .http
            .get(self.url(paths::PROFILE))
            .header(AUTHORIZATION, format!("Bearer {token}"));
        self.json(request, lang).await
    }

    /// The organisation's documents.
    pub async fn documents(&self, token: &str, lang: Lang) -> Result<Vec<DocumentInfo>, ErrorBody> {
        let request = self
            .http
            .get(self.url(paths::DOCUMENTS))
            .header(AUTHORIZATION, format!("Bearer {token}"));
        self.json(request, lang).await
    }

    /// Streams a document into `dest` (via a `.part` file renamed at the end); returns its size.
    pub async fn download_document(
        &self,
        token: &str,
        id: i64,
        dest: &std::path::Path,
        lang: Lang,
    ) -> Result<u64, ErrorBody> {
        use tokio::io::AsyncWriteExt;
        let request = self
            .http
            .get(self.url(&format!("{}/{id}", paths::DOCUMENTS)))
            .timeout(Duration::from_secs(3600))
            .header(AUTHORIZATION, format!("Bearer {token}"));
        let mut response = self.exchange(request, lang).await?;
        let local = |e: std::io::Error| {
            tracing::warn!(error = %e, "cannot write the download");
            ErrorBody::new(ErrorCode::LocalStorage, lang)
        };
        let part = dest.with_extension("part");
        let mut file = tokio::fs::File::create(&part).await.map_err(local)?;
        let mut written = 0u64;
        loop {
            match response.chunk().await {
                Ok(Some(bytes)) => {
                    file.write_all(&bytes).await.map_err(local)?;
                    written += bytes.len() as u64;
                }
                Ok(None) => break,
                Err(_) => {
                    let _ = tokio::fs::remove_file(&part).await;
                    return Err(ErrorBody::new(ErrorCode::ServerUnreachable, lang));
                }
            }
        }
        file.flush().await.map_err(local)?;
        drop(file);
        tokio::fs::rename(&part, dest).await.map_err(local)?;
        Ok(written)
    }

    /// Deletes a document.
    pub async fn delete_document(&self, token: &str, id: i64, lang: Lang) -> Result<(), ErrorBody> {
        let request = self
            .http
            .delete(self.url(&format!("{}/{id}", paths::DOCUMENTS)))
            .header(AUTHORIZATION, format!("Bearer {token}"));
        self.send(request, lang).await.map(|_| ())
    }

    /// Revokes the session `token`.
    pub async fn logout(&self, token: &str, lang: Lang) -> Result<(), ErrorBody> {
        let request = self
            .http
            .post(self.url(paths::LOGOUT))
            .header(AUTHORIZATION, format!("Bearer {token}"));
        self.send(request, lang).await.map(|_| ())
    }
}

/// The error an unsuccessful answer stands for: its own body, or what its status says (answers
/// to `HEAD` have no body).
fn error_from(status: StatusCode, body: &[u8], lang: Lang) -> ErrorBody {
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
        return ErrorBody::new(code, lang);
    }
    match serde_json::from_slice::<ErrorBody>(body) {
        Ok(error) => error,
        Err(_)
            if matches!(
                status,
                StatusCode::BAD_GATEWAY
                    | StatusCode::SERVICE_UNAVAILABLE
                    | StatusCode::GATEWAY_TIMEOUT
            ) =>
        {
            ErrorBody::new(ErrorCode::ServerUnreachable, lang)
        }
        Err(_) => {
            tracing::warn!(%status, "error answer is not an error body");
            ErrorBody::new(ErrorCode::BadServerResponse, lang)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embedded::EmbeddedServer;
    use homeportal_testkit::{ports, BrokenServer, TestAccount};

    fn login_request(password: &str) -> LoginRequest {
        LoginRequest {
            bin: TestAccount::nova_city().bin.to_owned(),
            password: password.to_owned(),
        }
    }

    #[tokio::test]
    async fn an_unreachable_server_is_reported_as_such() {
        let client = ApiClient::new(&ports::closed_url());
        let error = client
            .login(&login_request("x"), Lang::Ru)
            .await
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::ServerUnreachable);
        assert!(
            error.message.contains("Сервер недоступен"),
            "{}",
            error.message
        );
    }

    #[tokio::test]
    async fn a_malformed_answer_is_reported_as_such() {
        let broken = BrokenServer::start();
        let client = ApiClient::new(broken.url());
        let error = client
            .login(&login_request("x"), Lang::Ru)
            .await
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::BadServerResponse);
        assert!(
            error.message.contains("некорректный ответ"),
            "{}",
            error.message
        );
    }

    #[tokio::test]
    async fn login_profile_and_logout_against_the_embedded_server() {
        let dir = tempfile::tempdir().expect("tempdir");
        let server = EmbeddedServer::start(dir.path()).await.expect("starts");
        server
            .create_account_for_tests(&TestAccount::nova_city())
            .expect("account");
        let client = ApiClient::new(server.url());

        let wrong = client
            .login(&login_request("wrong"), Lang::Ru)
            .await
            .unwrap_err();
        assert_eq!(wrong.code, ErrorCode::InvalidCredentials);
        assert_eq!(wrong.message, "Неверный БИН или пароль");

        let session = client
            .login(&login_request(TestAccount::nova_city().password), Lang::Ru)
            .await
            .expect("logs in");
        let profile = client
            .profile(&session.token, Lang::Ru)
            .await
            .expect("profile");
        assert_eq!(profile.bin.as_string(), TestAccount::nova_city().bin);
        client
            .logout(&session.token, Lang::Ru)
            .await
            .expect("logout");
        let after = client.profile(&session.token, Lang::Ru).await.unwrap_err();
        assert_eq!(after.code, ErrorCode::Unauthorized);
        server.shutdown().await;
    }
}
