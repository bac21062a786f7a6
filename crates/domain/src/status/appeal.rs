//! The route of an appeal to correct an active contract (R7.7): ten statuses.

use serde::{Deserialize, Serialize};

use super::{apply, Actor, Payload, PayloadKind, Step, TransitionError};

/// Статус обращения.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppealStatus {
    /// «На создании» — created, not signed.
    OnCreation,
    /// «Заявка отправлена» — signed and sent, not yet registered in BPMS.
    Sent,
    /// «Заявка зарегистрирована».
    Registered,
    /// «Заявка на рассмотрении».
    UnderReview,
    /// «Заявка рассмотрена, необходимо доработать».
    NeedsRevision,
    /// «Заявка отклонена».
    Rejected,
    /// «Заявка одобрена, подготовка ДС».
    ApprovedPreparingAgreement,
    /// «Подписание ДС Заявителем».
    AgreementSigningByApplicant,
    /// «Подписание ДС АО «КЖК»».
    AgreementSigningByKzhk,
    /// «ДС подписано».
    AgreementSigned,
}

use AppealStatus as S;

const APPLICANT: &[Actor] = &[Actor::Applicant];
const APPLICANT_OR_DEVELOPER: &[Actor] = &[Actor::Applicant, Actor::Developer];
const BPMS: &[Actor] = &[Actor::Bpms];
const KZHK_SIGNER: &[Actor] = &[Actor::KzhkSigner];

/// Every allowed step of the route.
pub const TRANSITIONS: &[Step<AppealStatus>] = &[
    (S::OnCreation, S::Sent, APPLICANT, PayloadKind::Signature),
    (S::Sent, S::Registered, BPMS, PayloadKind::Registration),
    (S::Registered, S::UnderReview, BPMS, PayloadKind::Assignment),
    (
        S::UnderReview,
        S::NeedsRevision,
        BPMS,
        PayloadKind::NoticeWithDeadline,
    ),
    (S::UnderReview, S::Rejected, BPMS, PayloadKind::Notice),
    (
        S::UnderReview,
        S::ApprovedPreparingAgreement,
        BPMS,
        PayloadKind::None,
    ),
    (S::NeedsRevision, S::Sent, APPLICANT, PayloadKind::Signature),
    (
        S::ApprovedPreparingAgreement,
        S::AgreementSigningByApplicant,
        BPMS,
        PayloadKind::Agreement,
    ),
    (
        S::AgreementSigningByApplicant,
        S::AgreementSigningByKzhk,
        APPLICANT_OR_DEVELOPER,
        PayloadKind::Signature,
    ),
    (
        S::AgreementSigningByKzhk,
        S::AgreementSigned,
        KZHK_SIGNER,
        PayloadKind::SignedAgreement,
    ),
];

impl AppealStatus {
    /// Every status in route order.
    pub const ALL: [AppealStatus; 10] = [
        S::OnCreation,
        S::Sent,
        S::Registered,
        S::UnderReview,
        S::NeedsRevision,
        S::Rejected,
        S::ApprovedPreparingAgreement,
        S::AgreementSigningByApplicant,
        S::AgreementSigningByKzhk,
        S::AgreementSigned,
    ];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            S::OnCreation => "on_creation",
            S::Sent => "sent",
            S::Registered => "registered",
            S::UnderReview => "under_review",
            S::NeedsRevision => "needs_revision",
            S::Rejected => "rejected",
            S::ApprovedPreparingAgreement => "approved_preparing_agreement",
            S::AgreementSigningByApplicant => "agreement_signing_by_applicant",
            S::AgreementSigningByKzhk => "agreement_signing_by_kzhk",
            S::AgreementSigned => "agreement_signed",
        }
    }

    /// The catalogue key of the status name shown in the cabinet.
    pub fn label_key(self) -> String {
        format!("status.appeal.{}", self.as_str())
    }

    /// Whether the applicant may still edit (and delete) the appeal.
    pub fn is_editable(self) -> bool {
        matches!(self, S::OnCreation | S::NeedsRevision)
    }

    /// Moves to `to` if the route allows it for `actor` with `payload`.
    pub fn transition(
        self,
        to: AppealStatus,
        actor: Actor,
        payload: &Payload,
    ) -> Result<AppealStatus, TransitionError> {
        apply(TRANSITIONS, AppealStatus::as_str, self, to, actor, payload)
    }
}
