//! «Приглашения»: the developer types the code from the УК's e-mail, reads what it confirms, and
//! confirms its data with its organisation's EDS (a SIGN key in NCALayer); the УК's applications
//! then appear in «Гарантирование».

use homeportal_domain::api::ApplicationKind;
use homeportal_domain::commands::{ConfirmInvitation, OpenInvitation};
use homeportal_domain::guarantee::{InvitationAccepted, InvitationCodeRequest, InvitationView};
use homeportal_domain::ErrorBody;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::kit::{Alert, AlertKind, Button, ButtonKind, Field};
use crate::pages::front_door::{error_banner, field_message, run, typed};
use crate::route::Route;
use crate::session::use_session;

/// The invitations page.
#[function_component(InvitationsPage)]
pub fn invitations_page() -> Html {
    let session = use_session();
    let code = use_state(String::new);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ErrorBody>);
    let view = use_state(|| None::<InvitationView>);
    let accepted = use_state(|| None::<InvitationAccepted>);

    let on_code = {
        let (code, view) = (code.clone(), view.clone());
        Callback::from(move |e: InputEvent| {
            code.set(typed(&e));
            view.set(None);
        })
    };
    let open = {
        let (session, code, busy, error, view, accepted) = (
            session.clone(),
            code.clone(),
            busy.clone(),
            error.clone(),
            view.clone(),
            accepted.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            accepted.set(None);
            let view = view.clone();
            let request = InvitationCodeRequest {
                code: (*code).clone(),
            };
            run::<OpenInvitation>(&session, request, &busy, &error, move |found| {
                view.set(Some(found))
            });
        })
    };
    let confirm = {
        let (session, code, busy, error, view, accepted) = (
            session.clone(),
            code.clone(),
            busy.clone(),
            error.clone(),
            view.clone(),
            accepted.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let (view, accepted) = (view.clone(), accepted.clone());
            let request = InvitationCodeRequest {
                code: (*code).clone(),
            };
            run::<ConfirmInvitation>(&session, request, &busy, &error, move |done| {
                view.set(None);
                accepted.set(Some(done));
            });
        })
    };
    let code_error = field_message(&error, "code");

    html! {
        <section class="page invitations">
            <h1 class="page-title">{ session.t("invitations.title") }</h1>
            <div class="card">
                <p>{ session.t("invitations.intro") }</p>
                <form class="invitation-code" onsubmit={open}>
                    <Field for_id="invitation-code" label={session.t("invitations.code").to_owned()} required=true error={code_error.map(AttrValue::from)}>
                        <input id="invitation-code" type="text" value={(*code).clone()} oninput={on_code}
                            autocomplete="off" spellcheck="false" placeholder="XXXX-XXXX-XXXX" />
                    </Field>
                    <Button kind={ButtonKind::Primary} id="open-invitation" submit=true disabled={*busy || code.trim().is_empty()}>
                        { session.t("invitations.open") }
                    </Button>
                </form>
                { error_banner(&error, "invitation-error") }
                if let Some(found) = &*view {
                    <div class="invitation" id="invitation-view">
                        <dl class="facts">
                            <dt>{ session.t("invitations.uk") }</dt>
                            <dd id="invitation-uk">{ format!("{}, {} {}", found.uk.name, session.t("field.bin"), found.uk.bin.as_string()) }</dd>
                            <dt>{ session.t("invitations.developer") }</dt>
                            <dd id="invitation-developer">{ format!("{}, {} {}", found.developer.name, session.t("field.bin"), found.developer.bin.as_string()) }</dd>
                        </dl>
                        <p class="hint">{ session.t("invitations.what_is_signed") }</p>
                        <pre class="signed-text" id="invitation-text">{ found.text.clone() }</pre>
                        <Button kind={ButtonKind::Primary} id="confirm-invitation" disabled={*busy} onclick={confirm}>
                            { session.t("invitations.confirm") }
                        </Button>
                    </div>
                }
                if let Some(done) = &*accepted {
                    <Alert kind={AlertKind::Info} id="invitation-accepted">
                        { format!("{} {} ({}: {})", session.t("invitations.accepted"), done.uk.name, session.t("invitations.opened"), done.applications) }
                        { " " }
                        <Link<Route> to={Route::Applications { kind: ApplicationKind::Guarantee }}>{ session.t("menu.guarantee") }</Link<Route>>
                    </Alert>
                }
            </div>
        </section>
    }
}
