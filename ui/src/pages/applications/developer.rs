//! In «Информация о застройщике»: «Поиск» fills the developer's name from the registry by the
//! БИН typed, and «Отправить электронное уведомление» invites it by the e-mail typed; once the
//! developer confirmed, the panel says so.

use homeportal_domain::applications::DraftIdRequest;
use homeportal_domain::commands::{FindOrganisation, InviteDeveloper};
use homeportal_domain::forms::FieldPath;
use homeportal_domain::guarantee::{FindOrganisationRequest, InvitationSent};
use homeportal_domain::ids::Bin;
use homeportal_domain::ErrorBody;
use yew::prelude::*;

use crate::forms::{FormAction, FormState};
use crate::kit::{Alert, AlertKind, Button, ButtonKind};
use crate::pages::front_door::run;
use crate::session::use_session;

/// Props of [`DeveloperPanel`].
#[derive(Properties, PartialEq)]
pub struct DeveloperPanelProps {
    /// The form being filled.
    pub state: UseReducerHandle<FormState>,
    /// The saved draft (an invitation needs one).
    pub draft_id: Option<i64>,
    /// The developer that joined, once one has.
    pub joined: Option<Bin>,
    /// Whether the application can still change.
    pub editable: bool,
}

/// «Поиск» and «Отправить электронное уведомление».
#[function_component(DeveloperPanel)]
pub fn developer_panel(props: &DeveloperPanelProps) -> Html {
    let session = use_session();
    let busy = use_state(|| false);
    let error = use_state(|| None::<ErrorBody>);
    let found = use_state(|| None::<String>);
    let sent = use_state(|| None::<InvitationSent>);
    let search = {
        let (session, busy, error, found, state) = (
            session.clone(),
            busy.clone(),
            error.clone(),
            found.clone(),
            props.state.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let request = FindOrganisationRequest {
                bin: state.data.value("developer", "bin").to_owned(),
            };
            let (found, state) = (found.clone(), state.clone());
            run::<FindOrganisation>(&session, request, &busy, &error, move |organisation| {
                state.dispatch(FormAction::Set(
                    FieldPath::field("developer", "org_name"),
                    organisation.name.clone(),
                ));
                found.set(Some(organisation.name));
            });
        })
    };
    let invite = {
        let (session, busy, error, sent, id) = (
            session.clone(),
            busy.clone(),
            error.clone(),
            sent.clone(),
            props.draft_id,
        );
        Callback::from(move |_: MouseEvent| {
            let Some(id) = id else { return };
            let sent = sent.clone();
            run::<InviteDeveloper>(&session, DraftIdRequest { id }, &busy, &error, move |s| {
                sent.set(Some(s))
            });
        })
    };
    html! {
        <div class="developer-panel" id="developer-panel">
            if let Some(bin) = &props.joined {
                <Alert kind={AlertKind::Info} id="developer-joined">
                    { format!("{} ({} {})", session.t("developer.joined"), session.t("field.bin"), bin.as_string()) }
                </Alert>
            }
            if props.editable {
                <div class="developer-actions">
                    <Button kind={ButtonKind::Ghost} id="developer-search" disabled={*busy} onclick={search}>{ session.t("action.search") }</Button>
                    <Button kind={ButtonKind::Ghost} id="developer-invite" disabled={*busy || props.draft_id.is_none()} onclick={invite}>{ session.t("action.invite_developer") }</Button>
                </div>
                <p class="hint">{ session.t("developer.hint") }</p>
            }
            if let Some(name) = &*found {
                <p class="found" id="developer-found">{ format!("{}: {name}", session.t("developer.found")) }</p>
            }
            if let Some(s) = &*sent {
                <Alert kind={AlertKind::Info} id="developer-invited">
                    { format!("{} {} ({})", session.t("developer.invited"), s.email, s.developer.name) }
                </Alert>
            }
            if let Some(e) = &*error {
                <Alert id="developer-error">
                    { e.fields.first().map_or_else(|| e.message.clone(), |f| f.message.clone()) }
                </Alert>
            }
        </div>
    }
}
