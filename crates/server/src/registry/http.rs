//! An external registry service: `GET {url}/{bin}` answers `{"name": "…"}`, or 404 for a БИН it
//! does not know.

use futures_util::future::BoxFuture;
use homeportal_domain::guarantee::Organisation;
use homeportal_domain::ids::Bin;
use homeportal_domain::ErrorCode;
use serde::Deserialize;

use super::Registry;
use crate::error::AppError;

/// The service's answer.
#[derive(Deserialize)]
struct Found {
    name: String,
}

/// One registry service.
pub struct HttpRegistry {
    client: reqwest::Client,
    url: String,
    key: Option<String>,
}

impl HttpRegistry {
    /// The service at `url`, with an optional bearer `key`.
    pub fn new(url: &str, key: Option<String>) -> Result<HttpRegistry, String> {
        let client = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(15))
            .build()
            .map_err(|e| format!("registry client: {e}"))?;
        Ok(HttpRegistry {
            client,
            url: url.trim_end_matches('/').to_owned(),
            key,
        })
    }

    async fn lookup(&self, bin: &Bin) -> Result<Option<Organisation>, AppError> {
        let mut request = self.client.get(format!("{}/{}", self.url, bin.as_string()));
        if let Some(key) = &self.key {
            request = request.bearer_auth(key);
        }
        let unavailable = |detail: String| {
            tracing::warn!(%detail, "the organisations registry did not answer");
            AppError::Code(ErrorCode::RegistryUnavailable)
        };
        let answer = request
            .send()
            .await
            .map_err(|e| unavailable(e.to_string()))?;
        if answer.status() == reqwest::StatusCode::NOT_FOUND {
            return Ok(None);
        }
        if !answer.status().is_success() {
            return Err(unavailable(format!("status {}", answer.status())));
        }
        let found: Found = answer
            .json()
            .await
            .map_err(|e| unavailable(e.to_string()))?;
        Ok(Some(Organisation {
            bin: *bin,
            name: found.name,
        }))
    }
}

impl Registry for HttpRegistry {
    fn find<'a>(&'a self, bin: &'a Bin) -> BoxFuture<'a, Result<Option<Organisation>, AppError>> {
        Box::pin(self.lookup(bin))
    }
}
