//! Transition tables: every allowed step is accepted with its payload, every other
//! (from, to, actor) is rejected.

use chrono::NaiveDate;
use homeportal_domain::status::appeal::{self, AppealStatus};
use homeportal_domain::status::guarantee::{self, GuaranteeStatus};
use homeportal_domain::status::{check_payload, Actor, Payload, PayloadKind, TransitionError};

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

/// A complete payload of each kind.
fn payload(kind: PayloadKind) -> Payload {
    match kind {
        PayloadKind::None => Payload::None,
        PayloadKind::Signature => Payload::Signature {
            cms: "MIIB…".into(),
        },
        PayloadKind::Registration => Payload::Registration {
            number: "№2".into(),
            date: date("2023-09-28"),
            deadline: date("2023-09-30"),
        },
        PayloadKind::Assignment => Payload::Assignment {
            executor: "Иванов И. И.".into(),
            internal_number: "ВН-17".into(),
        },
        PayloadKind::Notice => Payload::Notice {
            notice_document: "doc-1".into(),
            revision_deadline: None,
        },
        PayloadKind::NoticeWithDeadline => Payload::Notice {
            notice_document: "doc-1".into(),
            revision_deadline: Some(date("2023-10-10")),
        },
        PayloadKind::Remarks => Payload::Remarks {
            text: "Нет устава".into(),
        },
        PayloadKind::Agreement => Payload::Agreement {
            document: "ds-1".into(),
        },
        PayloadKind::SignedAgreement => Payload::SignedAgreement {
            number: "ДС-5".into(),
            date: date("2023-11-01"),
            document: "ds-1".into(),
        },
    }
}

macro_rules! exhaustive {
    ($name:ident, $status:ty, $table:expr) => {
        #[test]
        fn $name() {
            let (mut accepted, mut rejected) = (0, 0);
            for from in <$status>::ALL {
                for to in <$status>::ALL {
                    for actor in Actor::ALL {
                        let row = $table.iter().find(|(f, t, _, _)| *f == from && *t == to);
                        let kind = row.map_or(PayloadKind::None, |r| r.3);
                        let result = from.transition(to, actor, &payload(kind));
                        match row {
                            Some((_, _, actors, _)) if actors.contains(&actor) => {
                                assert_eq!(result, Ok(to), "{from:?} → {to:?} by {actor:?}");
                                accepted += 1;
                            }
                            Some(_) => {
                                assert!(matches!(result, Err(TransitionError::WrongActor { .. })));
                                rejected += 1;
                            }
                            None => {
                                assert!(matches!(result, Err(TransitionError::NotAllowed { .. })));
                                rejected += 1;
                            }
                        }
                    }
                }
            }
            assert_eq!(accepted + rejected, 10 * 10 * 4);
            assert!(accepted >= $table.len());
        }
    };
}

exhaustive!(
    every_appeal_transition_is_accepted_or_rejected,
    AppealStatus,
    appeal::TRANSITIONS
);
exhaustive!(
    every_guarantee_transition_is_accepted_or_rejected,
    GuaranteeStatus,
    guarantee::TRANSITIONS
);

#[test]
fn payloads_must_be_complete_and_of_the_right_kind() {
    let cases = [
        (PayloadKind::Registration, Payload::None),
        (
            PayloadKind::Registration,
            Payload::Registration {
                number: " ".into(),
                date: date("2023-09-28"),
                deadline: date("2023-09-30"),
            },
        ),
        (
            PayloadKind::Registration,
            Payload::Registration {
                number: "1".into(),
                date: date("2023-09-28"),
                deadline: date("2023-09-27"),
            },
        ),
        (
            PayloadKind::NoticeWithDeadline,
            Payload::Notice {
                notice_document: "d".into(),
                revision_deadline: None,
            },
        ),
        (
            PayloadKind::Signature,
            Payload::Signature { cms: String::new() },
        ),
        (
            PayloadKind::Assignment,
            Payload::Assignment {
                executor: "И".into(),
                internal_number: String::new(),
            },
        ),
    ];
    for (kind, bad) in cases {
        assert!(
            check_payload(kind, &bad).is_err(),
            "{kind:?} accepted {bad:?}"
        );
    }
    let refused =
        AppealStatus::Sent.transition(AppealStatus::Registered, Actor::Bpms, &Payload::None);
    assert!(matches!(refused, Err(TransitionError::BadPayload { .. })));
}

#[test]
fn the_full_appeal_route_with_a_revision() {
    use AppealStatus as S;
    let route = [
        (S::Sent, Actor::Applicant, PayloadKind::Signature),
        (S::Registered, Actor::Bpms, PayloadKind::Registration),
        (S::UnderReview, Actor::Bpms, PayloadKind::Assignment),
        (
            S::NeedsRevision,
            Actor::Bpms,
            PayloadKind::NoticeWithDeadline,
        ),
        (S::Sent, Actor::Applicant, PayloadKind::Signature),
        (S::Registered, Actor::Bpms, PayloadKind::Registration),
        (S::UnderReview, Actor::Bpms, PayloadKind::Assignment),
        (
            S::ApprovedPreparingAgreement,
            Actor::Bpms,
            PayloadKind::None,
        ),
        (
            S::AgreementSigningByApplicant,
            Actor::Bpms,
            PayloadKind::Agreement,
        ),
        (
            S::AgreementSigningByKzhk,
            Actor::Developer,
            PayloadKind::Signature,
        ),
        (
            S::AgreementSigned,
            Actor::KzhkSigner,
            PayloadKind::SignedAgreement,
        ),
    ];
    let end = route
        .iter()
        .try_fold(S::OnCreation, |status, (to, actor, kind)| {
            status.transition(*to, *actor, &payload(*kind))
        });
    assert_eq!(end, Ok(S::AgreementSigned));
    assert!(S::OnCreation.is_editable() && !S::Sent.is_editable());
}
