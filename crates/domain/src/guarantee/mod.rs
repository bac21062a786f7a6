//! Guarantee applications between two parties and КЖК: the developer found in the registry and
//! invited, moderation, the signed submission, registration, and КЖК staff's side of it.

pub mod consents;
pub mod digest;
pub mod staff;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ids::Bin;

/// Paths of the cabinet's side (a session's organisation acts).
pub mod paths {
    /// `GET` an organisation in the registry by its БИН («Поиск»).
    pub const ORGANISATION: &str = "/api/v1/registry/organisations/{bin}";
    /// `POST`: «Отправить электронное уведомление» to the developer the form names.
    pub const INVITATION: &str = "/api/v1/applications/{id}/invitation";
    /// `GET` an invitation by its code (what the developer confirms).
    pub const INVITATION_BY_CODE: &str = "/api/v1/invitations/{code}";
    /// `POST` the developer's signed confirmation of an invitation.
    pub const INVITATION_ACCEPT: &str = "/api/v1/invitations/{code}/accept";
    /// `POST` «Отправить на модерацию» (`If-Match`).
    pub const MODERATION: &str = "/api/v1/applications/{id}/moderation";
    /// `POST` «Подписать заявку»: the CMS over the digest (`If-Match`).
    pub const SUBMISSION: &str = "/api/v1/applications/{id}/submission";
    /// `POST`: a new version after moderation remarks (`If-Match`).
    pub const NEW_VERSION: &str = "/api/v1/applications/{id}/new-version";
    /// `POST` «Подписать заявку» by eGov QR: a session for this version (`If-Match`).
    pub const SUBMISSION_QR: &str = "/api/v1/applications/{id}/submission/qr";
    /// `GET` how a QR submission session stands.
    pub const SUBMISSION_QR_STATUS: &str = "/api/v1/applications/{id}/submission/qr/{session}";
    /// eGov mobile's API №1 of a QR submission.
    pub const EGOV_SUBMIT1: &str = "/egov/submit1/{session}";
    /// eGov mobile's API №2 of a QR submission (`GET` the digest, `PUT` it signed).
    pub const EGOV_SUBMIT2: &str = "/egov/submit2/{session}";

    /// The path of organisation `bin` in the registry.
    pub fn organisation(bin: &str) -> String {
        format!("/api/v1/registry/organisations/{bin}")
    }
    /// `path` with application `id` in place of `{id}`.
    pub fn of_application(path: &str, id: i64) -> String {
        path.replace("{id}", &id.to_string())
    }
    /// `path` with QR session `session` in place of `{session}`.
    pub fn of_session(path: &str, session: &str) -> String {
        path.replace("{session}", session)
    }
    /// `path` with invitation `code` in place of `{code}`.
    pub fn of_invitation(path: &str, code: &str) -> String {
        path.replace("{code}", code)
    }
}

/// `find_organisation`: «Поиск» by the БИН typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindOrganisationRequest {
    /// The БИН as typed.
    pub bin: String,
}

/// Commands that name an invitation by its code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationCodeRequest {
    /// The code from the e-mail.
    pub code: String,
}

/// An organisation as the registry knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    /// БИН.
    pub bin: Bin,
    /// Наименование организации.
    pub name: String,
}

/// What an invitation answers: to whom it went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationSent {
    /// The developer.
    pub developer: Organisation,
    /// The address the e-mail went to.
    pub email: String,
}

/// An invitation as the developer sees it before confirming.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    /// The inviting УК.
    pub uk: Organisation,
    /// The invited developer (the signer's organisation must be it).
    pub developer: Organisation,
    /// The text the developer signs with its SIGN key to confirm its data.
    pub text: String,
}

/// The developer's confirmation: a CMS over [`InvitationView::text`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcceptInvitation {
    /// Base64 CMS.
    pub cms: String,
}

/// What accepting an invitation answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationAccepted {
    /// The УК whose applications are now open to the developer.
    pub uk: Organisation,
    /// How many of its applications were opened.
    pub applications: usize,
}

/// «Подписать заявку»: the CMS over the application's digest text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmitApplication {
    /// Base64 CMS.
    pub cms: String,
}

/// `submission_qr_status`: a QR submission session of a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionQrRequest {
    /// The local draft.
    pub draft_id: i64,
    /// The session.
    pub session_id: String,
}

/// The registration КЖК gives a sent application: «№N от dd.mm.yyyy» and «Срок исполнения».
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    /// Регистрационный номер.
    pub number: String,
    /// Дата регистрации (Astana).
    pub date: NaiveDate,
    /// Срок исполнения.
    pub deadline: NaiveDate,
}

impl Registration {
    /// «№N от dd.mm.yyyy», as the list shows it.
    pub fn label(&self) -> String {
        format!("№{} от {}", self.number, self.date.format("%d.%m.%Y"))
    }
}
