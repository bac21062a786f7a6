//! «История заявки»: what happened to an application, with who and when; a resolved conflict
//! shows the value kept and the value set aside.

use homeportal_domain::api::ApplicationKind;
use homeportal_domain::status::Payload;
use homeportal_domain::sync::{HistoryEvent, HistoryKind};
use homeportal_domain::{i18n, Lang};
use yew::prelude::*;

use super::conflict::{shown, unit_label};
use crate::session::{use_session, Session};

/// Props of [`HistoryList`].
#[derive(Properties, PartialEq)]
pub struct HistoryListProps {
    /// Its kind (whose form names the fields).
    pub kind: ApplicationKind,
    /// The events, oldest first.
    pub events: Vec<HistoryEvent>,
}

/// Date and time in Astana, as `lang` writes them.
fn when(rfc3339: &str, lang: Lang) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| {
            homeportal_domain::calendar::to_almaty(t.with_timezone(&chrono::Utc))
                .format(i18n::text(lang, "format.date_time"))
                .to_string()
        })
        .unwrap_or_default()
}

/// What a step from КЖК carried, in a line of its own.
fn payload_details(session: &Session, payload: &Payload) -> Html {
    let line = match payload {
        Payload::Remarks { text } => text.clone(),
        Payload::Registration {
            number,
            date,
            deadline,
        } => format!(
            "{}: №{number}, {}; {}: {}",
            session.t("apps.col.registration"),
            date.format("%d.%m.%Y"),
            session.t("apps.col.deadline"),
            deadline.format("%d.%m.%Y")
        ),
        Payload::Assignment {
            executor,
            internal_number,
        } => format!("{executor}, {internal_number}"),
        _ => return Html::default(),
    };
    html! { <p class="history-payload">{ line }</p> }
}

/// The history, newest first.
#[function_component(HistoryList)]
pub fn history_list(props: &HistoryListProps) -> Html {
    let session = use_session();
    let item = |event: &HistoryEvent| {
        let what = match &event.event {
            HistoryKind::Created => html! { session.t("history.created") },
            HistoryKind::Deleted => html! { session.t("history.deleted") },
            HistoryKind::ConflictResolved { resolutions } => html! {
                <>
                    { session.t("history.conflict_resolved") }
                    <ul>
                        { for resolutions.iter().map(|r| html! {
                            <li class="history-resolution">
                                { session.t(unit_label(props.kind.form(), &r.unit)) }{ ": " }
                                { session.t("history.kept") }{ " «" }{ shown(&session, &r.kept) }{ "», " }
                                { session.t("history.discarded") }{ " «" }{ shown(&session, &r.discarded) }{ "»" }
                            </li>
                        }) }
                    </ul>
                </>
            },
            HistoryKind::DeveloperInvited { bin, email } => html! {
                <>{ session.t("history.developer_invited") }{ format!(": {} {}, {email}", session.t("field.bin"), bin.as_string()) }</>
            },
            HistoryKind::DeveloperJoined { bin } => html! {
                <>{ session.t("history.developer_joined") }{ format!(": {} {}", session.t("field.bin"), bin.as_string()) }</>
            },
            HistoryKind::SentToModeration => html! { session.t("history.sent_to_moderation") },
            HistoryKind::NewVersion => html! { session.t("history.new_version") },
            HistoryKind::Signed {
                signer_name,
                signer_iin,
                ..
            } => html! {
                <>{ session.t("history.signed") }{ format!(": {signer_name}, {} {signer_iin}", session.t("field.iin")) }</>
            },
            HistoryKind::StatusChanged { status, payload } => html! {
                <>
                    { session.t("history.status_changed") }{ " «" }{ session.t(&status.label_key()) }{ "»" }
                    { payload_details(&session, payload) }
                </>
            },
        };
        html! {
            <li>
                <span class="muted">{ when(&event.at, session.lang) }{ " · " }{ event.actor.clone() }</span>
                <div>{ what }</div>
            </li>
        }
    };
    html! {
        <section class="history" id="history" aria-labelledby="history-title">
            <h2 id="history-title">{ session.t("history.title") }</h2>
            <ul class="history-list">{ for props.events.iter().rev().map(item) }</ul>
        </section>
    }
}
