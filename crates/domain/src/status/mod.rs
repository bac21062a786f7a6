//! Status machines: who may move an application or an appeal from one status to another, and
//! what each move must carry. Anything not in a table is an error.

pub mod appeal;
pub mod guarantee;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Who causes a transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    /// The applicant organisation (УК).
    Applicant,
    /// The developer (застройщик) of the same application.
    Developer,
    /// КЖК's back office, BPMS Simbase (or its staff through it).
    Bpms,
    /// КЖК's authorised signer.
    KzhkSigner,
}

impl Actor {
    /// Every actor.
    pub const ALL: [Actor; 4] = [
        Actor::Applicant,
        Actor::Developer,
        Actor::Bpms,
        Actor::KzhkSigner,
    ];
}

/// What a transition carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Payload {
    /// Nothing beyond the move itself.
    None,
    /// A CMS signature of the applicant/developer over the document (base64), verified elsewhere.
    Signature {
        /// Base64 CMS.
        cms: String,
    },
    /// BPMS registered it: number, date and review deadline.
    Registration {
        /// Регистрационный номер.
        number: String,
        /// Дата регистрации.
        date: NaiveDate,
        /// Срок рассмотрения.
        deadline: NaiveDate,
    },
    /// BPMS assigned an executor.
    Assignment {
        /// ФИО ответственного исполнителя.
        executor: String,
        /// Внутренний номер.
        internal_number: String,
    },
    /// Remarks or a decision with an official notice signed with EDS.
    Notice {
        /// Document id of the signed notice (PDF + CMS).
        notice_document: String,
        /// Revision deadline, required when the applicant must revise.
        revision_deadline: Option<NaiveDate>,
    },
    /// Moderation remarks (guarantee route).
    Remarks {
        /// What to correct.
        text: String,
    },
    /// An electronic supplementary agreement (ДС) document.
    Agreement {
        /// Document id of the ДС.
        document: String,
    },
    /// The fully signed ДС: number, date and document.
    SignedAgreement {
        /// Номер ДС.
        number: String,
        /// Дата ДС.
        date: NaiveDate,
        /// Document id of the signed ДС.
        document: String,
    },
}

/// Which payload a transition requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayloadKind {
    /// [`Payload::None`].
    None,
    /// [`Payload::Signature`].
    Signature,
    /// [`Payload::Registration`].
    Registration,
    /// [`Payload::Assignment`].
    Assignment,
    /// [`Payload::Notice`] without a deadline.
    Notice,
    /// [`Payload::Notice`] with a revision deadline.
    NoticeWithDeadline,
    /// [`Payload::Remarks`].
    Remarks,
    /// [`Payload::Agreement`].
    Agreement,
    /// [`Payload::SignedAgreement`].
    SignedAgreement,
}

/// Why a transition was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    /// The route has no such step.
    #[error("no transition from {from} to {to}")]
    NotAllowed {
        /// Current status (wire name).
        from: &'static str,
        /// Requested status (wire name).
        to: &'static str,
    },
    /// The step exists, but not for this actor.
    #[error("{actor:?} may not move from {from} to {to}")]
    WrongActor {
        /// Who tried.
        actor: Actor,
        /// Current status.
        from: &'static str,
        /// Requested status.
        to: &'static str,
    },
    /// The payload is of the wrong kind or incomplete.
    #[error("the transition needs {expected:?}: {problem}")]
    BadPayload {
        /// The kind required.
        expected: PayloadKind,
        /// What is wrong.
        problem: &'static str,
    },
}

fn filled(s: &str) -> bool {
    !s.trim().is_empty()
}

/// Checks that `payload` is of `kind` and complete.
pub fn check_payload(kind: PayloadKind, payload: &Payload) -> Result<(), TransitionError> {
    let bad = |problem| {
        Err(TransitionError::BadPayload {
            expected: kind,
            problem,
        })
    };
    match (kind, payload) {
        (PayloadKind::None, Payload::None) => Ok(()),
        (PayloadKind::Signature, Payload::Signature { cms }) if filled(cms) => Ok(()),
        (
            PayloadKind::Registration,
            Payload::Registration {
                number,
                date,
                deadline,
            },
        ) => {
            if !filled(number) {
                bad("registration number is empty")
            } else if deadline < date {
                bad("the deadline is before the registration date")
            } else {
                Ok(())
            }
        }
        (
            PayloadKind::Assignment,
            Payload::Assignment {
                executor,
                internal_number,
            },
        ) if filled(executor) && filled(internal_number) => Ok(()),
        (
            PayloadKind::Notice,
            Payload::Notice {
                notice_document, ..
            },
        ) if filled(notice_document) => Ok(()),
        (
            PayloadKind::NoticeWithDeadline,
            Payload::Notice {
                notice_document,
                revision_deadline: Some(_),
            },
        ) if filled(notice_document) => Ok(()),
        (PayloadKind::Remarks, Payload::Remarks { text }) if filled(text) => Ok(()),
        (PayloadKind::Agreement, Payload::Agreement { document }) if filled(document) => Ok(()),
        (
            PayloadKind::SignedAgreement,
            Payload::SignedAgreement {
                number, document, ..
            },
        ) if filled(number) && filled(document) => Ok(()),
        _ => bad("missing or of another kind"),
    }
}

/// One row of a route: from, to, who may, what it carries.
pub type Step<S> = (S, S, &'static [Actor], PayloadKind);

/// Looks `from → to` up in `table` and checks actor and payload.
pub fn apply<S: Copy + PartialEq>(
    table: &[Step<S>],
    name: fn(S) -> &'static str,
    from: S,
    to: S,
    actor: Actor,
    payload: &Payload,
) -> Result<S, TransitionError> {
    let (_, _, actors, kind) = table
        .iter()
        .find(|(f, t, _, _)| *f == from && *t == to)
        .ok_or(TransitionError::NotAllowed {
            from: name(from),
            to: name(to),
        })?;
    if !actors.contains(&actor) {
        return Err(TransitionError::WrongActor {
            actor,
            from: name(from),
            to: name(to),
        });
    }
    check_payload(*kind, payload)?;
    Ok(to)
}
