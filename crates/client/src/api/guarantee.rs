//! The guarantee route on the server: «Поиск» in the registry, the developer's invitation, and
//! the УК's steps (moderation, new version, signed submission), each based on a version.

use homeportal_domain::api::DocumentInfo;
use homeportal_domain::guarantee::consents::{self, ConsentTemplate, FormConsent};
use homeportal_domain::guarantee::{
    paths, AcceptInvitation, InvitationAccepted, InvitationSent, InvitationView, Organisation,
    SubmitApplication,
};
use homeportal_domain::signing::{QrSession, QrStatus};
use homeportal_domain::sync::ServerApplication;
use reqwest::header::IF_MATCH;
use reqwest::Method;

use super::Api;
use crate::error::Result;

/// A step of the УК on an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// «Отправить на модерацию».
    Moderation,
    /// A new version after remarks.
    NewVersion,
}

impl Api {
    /// The organisation with `bin` in the registry.
    pub async fn organisation(&self, bin: &str) -> Result<Organisation> {
        self.json(self.request(Method::GET, &paths::organisation(bin)))
            .await
    }

    /// «Отправить электронное уведомление» from application `id`.
    pub async fn invite_developer(&self, id: i64) -> Result<InvitationSent> {
        let path = paths::of_application(paths::INVITATION, id);
        self.json(self.request(Method::POST, &path)).await
    }

    /// The invitation with `code`.
    pub async fn invitation(&self, code: &str) -> Result<InvitationView> {
        let path = paths::of_invitation(paths::INVITATION_BY_CODE, code);
        self.json(self.request(Method::GET, &path)).await
    }

    /// Accepts the invitation with `code` by the CMS over its text.
    pub async fn accept_invitation(&self, code: &str, cms: String) -> Result<InvitationAccepted> {
        let path = paths::of_invitation(paths::INVITATION_ACCEPT, code);
        self.json(
            self.request(Method::POST, &path)
                .json(&AcceptInvitation { cms }),
        )
        .await
    }

    /// Takes `step` on application `id` at `version`.
    pub async fn application_step(
        &self,
        step: Step,
        id: i64,
        version: i64,
    ) -> Result<ServerApplication> {
        let path = match step {
            Step::Moderation => paths::MODERATION,
            Step::NewVersion => paths::NEW_VERSION,
        };
        let request = self
            .request(Method::POST, &paths::of_application(path, id))
            .header(IF_MATCH, format!("\"{version}\""));
        self.json(request).await
    }

    /// Signs and sends application `id` at `version` with the CMS over its digest.
    pub async fn submit_application(
        &self,
        id: i64,
        version: i64,
        cms: String,
    ) -> Result<ServerApplication> {
        let request = self
            .request(Method::POST, &paths::of_application(paths::SUBMISSION, id))
            .header(IF_MATCH, format!("\"{version}\""))
            .json(&SubmitApplication { cms });
        self.json(request).await
    }
}

impl Api {
    /// КЖК's catalogue of formed consents.
    pub async fn consent_catalogue(&self) -> Result<Vec<ConsentTemplate>> {
        self.json(self.request(Method::GET, consents::paths::CATALOGUE))
            .await
    }

    /// «Сформировать согласие»: the PDF filed among the organisation's documents.
    pub async fn form_consent(&self, request: &FormConsent) -> Result<DocumentInfo> {
        self.json(
            self.request(Method::POST, consents::paths::FORM)
                .json(request),
        )
        .await
    }
}

impl Api {
    /// Opens an eGov QR session to sign application `id` at `version`.
    pub async fn start_submission_qr(&self, id: i64, version: i64) -> Result<QrSession> {
        let request = self
            .request(
                Method::POST,
                &paths::of_application(paths::SUBMISSION_QR, id),
            )
            .header(IF_MATCH, format!("\"{version}\""));
        self.json(request).await
    }

    /// How QR session `session` of application `id` stands.
    pub async fn submission_qr_status(&self, id: i64, session: &str) -> Result<QrStatus> {
        let path = paths::of_session(
            &paths::of_application(paths::SUBMISSION_QR_STATUS, id),
            session,
        );
        self.json(self.request(Method::GET, &path)).await
    }
}
