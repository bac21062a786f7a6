//! The applications resource through [`TestApp`]: create, read, change (`If-Match`,
//! `Idempotency-Key`), delete, list and the change feed, each answer typed.

use homeportal_domain::api::ApplicationKind;
use homeportal_domain::forms::FormData;
use homeportal_domain::sync::{
    paths, ChangesPage, CreateApplication, ServerApplication, UpdateApplication, VersionConflict,
    IDEMPOTENCY_KEY,
};
use reqwest::{Method, StatusCode};

use crate::app::{answer, refusal};
use crate::{Refusal, TestApp};

/// What a change to an application got.
#[derive(Debug)]
pub enum Changed {
    /// Applied (or, when `replayed`, applied before and answered again).
    Applied {
        /// The document now.
        application: ServerApplication,
        /// Whether the server said it answered a replay.
        replayed: bool,
    },
    /// 412: based on an older version; the body carries the current document.
    Stale(Box<VersionConflict>),
    /// Any other refusal.
    Refused(Refusal),
}

impl TestApp<'_> {
    /// Creates a draft of `kind` holding `data`, under mutation `key` when given.
    pub async fn create_application(
        &self,
        key: Option<&str>,
        kind: ApplicationKind,
        data: &FormData,
    ) -> Changed {
        let body = CreateApplication {
            kind,
            data: data.clone(),
        };
        let mut request = self.request(Method::POST, paths::APPLICATIONS).json(&body);
        if let Some(key) = key {
            request = request.header(IDEMPOTENCY_KEY, key);
        }
        changed(request.send().await.expect("the server answers")).await
    }

    /// Changes application `id` from version `version` (no `If-Match` when `None`).
    pub async fn update_application(
        &self,
        id: i64,
        version: Option<i64>,
        key: Option<&str>,
        update: &UpdateApplication,
    ) -> Changed {
        let mut request = self
            .request(Method::PATCH, &paths::application(id))
            .json(update);
        if let Some(version) = version {
            request = request.header("If-Match", format!("\"{version}\""));
        }
        if let Some(key) = key {
            request = request.header(IDEMPOTENCY_KEY, key);
        }
        changed(request.send().await.expect("the server answers")).await
    }

    /// Deletes application `id` at `version`.
    pub async fn delete_application(&self, id: i64, version: i64, key: Option<&str>) -> Changed {
        let mut request = self
            .request(Method::DELETE, &paths::application(id))
            .header("If-Match", format!("\"{version}\""));
        if let Some(key) = key {
            request = request.header(IDEMPOTENCY_KEY, key);
        }
        changed(request.send().await.expect("the server answers")).await
    }

    /// Application `id`.
    pub async fn application(&self, id: i64) -> Result<ServerApplication, Refusal> {
        let response = self
            .request(Method::GET, &paths::application(id))
            .send()
            .await
            .expect("the server answers");
        answer(response).await
    }

    /// The organisation's live applications.
    pub async fn applications(&self) -> Result<Vec<ServerApplication>, Refusal> {
        let response = self
            .request(Method::GET, paths::APPLICATIONS)
            .send()
            .await
            .expect("the server answers");
        answer(response).await
    }

    /// The change feed after `since`.
    pub async fn application_changes(&self, since: i64) -> Result<ChangesPage, Refusal> {
        let response = self
            .request(Method::GET, &format!("{}?since={since}", paths::CHANGES))
            .send()
            .await
            .expect("the server answers");
        answer(response).await
    }
}

async fn changed(response: reqwest::Response) -> Changed {
    let status = response.status();
    let replayed = response.headers().contains_key("idempotent-replayed");
    if status.is_success() {
        return Changed::Applied {
            application: response.json().await.expect("the document"),
            replayed,
        };
    }
    if status == StatusCode::PRECONDITION_FAILED {
        return Changed::Stale(Box::new(
            response.json().await.expect("a 412 carries the document"),
        ));
    }
    Changed::Refused(refusal(response).await)
}

impl Changed {
    /// The document, when applied; panics with the refusal otherwise.
    pub fn applied(self) -> ServerApplication {
        match self {
            Changed::Applied { application, .. } => application,
            other => panic!("not applied: {other:?}"),
        }
    }

    /// The refusal; panics otherwise.
    pub fn refused(self) -> Refusal {
        match self {
            Changed::Refused(refusal) => refusal,
            other => panic!("not refused: {other:?}"),
        }
    }
}
