//! The applications resource: create, change and delete drafts (each mutation named once by its
//! key, changes based on a version), and read the organisation's change feed.

use homeportal_domain::sync::{
    paths, ChangesPage, CreateApplication, MutationKey, ServerApplication, UpdateApplication,
    VersionConflict, IDEMPOTENCY_KEY,
};
use reqwest::header::IF_MATCH;
use reqwest::{Method, RequestBuilder, StatusCode};

use super::{error_from, Api};
use crate::error::{ClientError, Result};

impl Api {
    /// Sends a mutation; a 412 becomes [`ClientError::Stale`] with the server's document.
    async fn mutate(
        &self,
        request: RequestBuilder,
        key: &MutationKey,
    ) -> Result<ServerApplication> {
        let response = request
            .header(IDEMPOTENCY_KEY, key.header_value())
            .send()
            .await
            .map_err(|e| ClientError::Unreachable(e.to_string()))?;
        let status = response.status();
        let body = response
            .bytes()
            .await
            .map_err(|e| ClientError::Unreachable(format!("answer cut off: {e}")))?;
        if status.is_success() {
            return serde_json::from_slice(&body)
                .map_err(|e| ClientError::BadResponse(e.to_string()));
        }
        if status == StatusCode::PRECONDITION_FAILED {
            if let Ok(conflict) = serde_json::from_slice::<VersionConflict>(&body) {
                return Err(ClientError::Stale(Box::new(conflict.current)));
            }
        }
        Err(error_from(status, &body, self.lang))
    }

    /// Creates a draft (mutation `key`).
    pub async fn create_application(
        &self,
        key: &MutationKey,
        request: &CreateApplication,
    ) -> Result<ServerApplication> {
        let request = self
            .request(Method::POST, paths::APPLICATIONS)
            .json(request);
        self.mutate(request, key).await
    }

    /// Changes application `id`, based on `version` (mutation `key`).
    pub async fn update_application(
        &self,
        id: i64,
        version: i64,
        key: &MutationKey,
        update: &UpdateApplication,
    ) -> Result<ServerApplication> {
        let request = self
            .request(Method::PATCH, &paths::application(id))
            .header(IF_MATCH, format!("\"{version}\""))
            .json(update);
        self.mutate(request, key).await
    }

    /// Deletes application `id` at `version` (mutation `key`); the tombstone.
    pub async fn delete_application(
        &self,
        id: i64,
        version: i64,
        key: &MutationKey,
    ) -> Result<ServerApplication> {
        let request = self
            .request(Method::DELETE, &paths::application(id))
            .header(IF_MATCH, format!("\"{version}\""));
        self.mutate(request, key).await
    }

    /// What changed in the organisation's applications after `since`.
    pub async fn application_changes(&self, since: i64) -> Result<ChangesPage> {
        let path = format!("{}?since={since}", paths::CHANGES);
        self.json(self.request(Method::GET, &path)).await
    }
}
