//! The route of a guarantee application (R5): draft → moderation → remarks → new version →
//! signed and sent → registered → under review → decision.

use serde::{Deserialize, Serialize};

use super::{apply, Actor, Payload, PayloadKind, Step, TransitionError};

/// Статус заявки на гарантирование.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GuaranteeStatus {
    /// «Черновик».
    Draft,
    /// «На модерации» — КЖК checks completeness.
    OnModeration,
    /// «Есть замечания» — moderation remarks; the applicant makes a new version (back to draft).
    Remarks,
    /// «Модерация пройдена» — ready to sign.
    ModerationPassed,
    /// «Заявка отправлена» — signed and sent.
    SignedAndSent,
    /// «Заявка зарегистрирована».
    Registered,
    /// «Заявка на рассмотрении».
    UnderReview,
    /// «Заявка рассмотрена, необходимо доработать».
    NeedsRevision,
    /// «Заявка отклонена».
    Rejected,
    /// «Заявка одобрена».
    Approved,
}

use GuaranteeStatus as S;

const APPLICANT: &[Actor] = &[Actor::Applicant];
const BPMS: &[Actor] = &[Actor::Bpms];

/// Every allowed step of the route.
pub const TRANSITIONS: &[Step<GuaranteeStatus>] = &[
    (S::Draft, S::OnModeration, APPLICANT, PayloadKind::None),
    (
        S::Draft,
        S::SignedAndSent,
        APPLICANT,
        PayloadKind::Signature,
    ),
    (S::OnModeration, S::Remarks, BPMS, PayloadKind::Remarks),
    (
        S::OnModeration,
        S::ModerationPassed,
        BPMS,
        PayloadKind::None,
    ),
    (S::Remarks, S::Draft, APPLICANT, PayloadKind::None),
    (
        S::ModerationPassed,
        S::SignedAndSent,
        APPLICANT,
        PayloadKind::Signature,
    ),
    (
        S::SignedAndSent,
        S::Registered,
        BPMS,
        PayloadKind::Registration,
    ),
    (S::Registered, S::UnderReview, BPMS, PayloadKind::Assignment),
    (
        S::UnderReview,
        S::NeedsRevision,
        BPMS,
        PayloadKind::NoticeWithDeadline,
    ),
    (S::UnderReview, S::Rejected, BPMS, PayloadKind::Notice),
    (S::UnderReview, S::Approved, BPMS, PayloadKind::Notice),
    (
        S::NeedsRevision,
        S::SignedAndSent,
        APPLICANT,
        PayloadKind::Signature,
    ),
];

impl GuaranteeStatus {
    /// Every status.
    pub const ALL: [GuaranteeStatus; 10] = [
        S::Draft,
        S::OnModeration,
        S::Remarks,
        S::ModerationPassed,
        S::SignedAndSent,
        S::Registered,
        S::UnderReview,
        S::NeedsRevision,
        S::Rejected,
        S::Approved,
    ];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            S::Draft => "draft",
            S::OnModeration => "on_moderation",
            S::Remarks => "remarks",
            S::ModerationPassed => "moderation_passed",
            S::SignedAndSent => "signed_and_sent",
            S::Registered => "registered",
            S::UnderReview => "under_review",
            S::NeedsRevision => "needs_revision",
            S::Rejected => "rejected",
            S::Approved => "approved",
        }
    }

    /// The catalogue key of the status name.
    pub fn label_key(self) -> String {
        format!("status.guarantee.{}", self.as_str())
    }

    /// «Редактировать»/«Удалить» only for applications not yet sent.
    pub fn is_editable(self) -> bool {
        matches!(self, S::Draft | S::NeedsRevision)
    }

    /// Whether the route has a step from here to `to` for `actor` (its payload checked apart).
    pub fn allows(self, to: GuaranteeStatus, actor: Actor) -> bool {
        TRANSITIONS
            .iter()
            .any(|(from, next, actors, _)| *from == self && *next == to && actors.contains(&actor))
    }

    /// Moves to `to` if the route allows it for `actor` with `payload`.
    pub fn transition(
        self,
        to: GuaranteeStatus,
        actor: Actor,
        payload: &Payload,
    ) -> Result<GuaranteeStatus, TransitionError> {
        apply(
            TRANSITIONS,
            GuaranteeStatus::as_str,
            self,
            to,
            actor,
            payload,
        )
    }
}
