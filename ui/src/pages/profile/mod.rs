//! «Профиль» (R3): the organisation's data; the e-mail and phone change after a code sent to
//! the new value, a green check marks a verified value, and the history keeps every change.

mod contact;
mod history;

use homeportal_domain::access::Channel;
use homeportal_domain::ids::PhoneKz;
use yew::prelude::*;
use yew_router::prelude::Link;

use crate::components::icons;
use crate::route::Route;
use crate::session::use_session;
use contact::ContactEditor;
use history::ProfileHistory;

/// One labelled value.
#[derive(Properties, PartialEq)]
struct FieldProps {
    id: &'static str,
    label: String,
    value: Option<String>,
    #[prop_or_default]
    verified: Option<bool>,
    empty: String,
    verified_label: String,
    not_verified_label: String,
}

#[function_component(Field)]
fn field(props: &FieldProps) -> Html {
    let value = props.value.clone().filter(|v| !v.trim().is_empty());
    html! {
        <div class="field readonly">
            <span class="field-label">{ &props.label }</span>
            <span class={classes!("field-value", value.is_none().then_some("empty"))} id={props.id}>
                { value.unwrap_or_else(|| props.empty.clone()) }
                { match props.verified {
                    Some(true) => html! {
                        <span class="badge ok" title={props.verified_label.clone()}>
                            { icons::check() }{ &props.verified_label }
                        </span>
                    },
                    Some(false) => html! { <span class="badge muted">{ &props.not_verified_label }</span> },
                    None => html! {},
                } }
            </span>
        </div>
    }
}

/// The profile page.
#[function_component(ProfilePage)]
pub fn profile_page() -> Html {
    let session = use_session();
    let editing = use_state(|| None::<Channel>);
    let generation = use_state(|| 0u32);
    let Some(profile) = session.profile.clone() else {
        return html! {};
    };
    let t = |key: &'static str| session.t(key).to_owned();
    let phone =
        PhoneKz::parse(&profile.phone).map_or_else(|_| profile.phone.clone(), |p| p.display());
    let field = |id: &'static str,
                 key: &'static str,
                 value: Option<String>,
                 verified: Option<bool>| {
        html! {
            <Field {id} label={t(key)} {value} {verified} empty={t("profile.empty_value")}
                   verified_label={t("profile.verified")} not_verified_label={t("profile.not_verified")} />
        }
    };
    let contact_row = |channel: Channel| {
        let (id, key) = match channel {
            Channel::Email => ("profile-email-change", "profile.change_email"),
            Channel::Sms => ("profile-phone-change", "profile.change_phone"),
        };
        if *editing == Some(channel) {
            let (editing, generation) = (editing.clone(), generation.clone());
            let on_close = Callback::from(move |changed: bool| {
                editing.set(None);
                if changed {
                    generation.set(*generation + 1);
                }
            });
            html! { <ContactEditor {channel} {on_close} /> }
        } else {
            let editing = editing.clone();
            html! {
                <button type="button" class="link small" {id}
                        onclick={Callback::from(move |_| editing.set(Some(channel)))}>{ t(key) }</button>
            }
        }
    };
    html! {
        <section class="page">
            <h1 class="page-title">{ t("profile.title") }</h1>
            <div class="cards">
                <div class="card">
                    <h2 class="card-title">{ t("profile.organisation") }</h2>
                    { field("profile-bin", "profile.bin", Some(profile.bin.as_string()), None) }
                    { field("profile-org-name", "profile.org_name", Some(profile.org_name.clone()), None) }
                </div>
                <div class="card">
                    <h2 class="card-title">{ t("profile.person") }</h2>
                    { field("profile-iin", "profile.iin", Some(profile.iin.as_string()), None) }
                    { field("profile-last-name", "profile.last_name", Some(profile.last_name.clone()), None) }
                    { field("profile-first-name", "profile.first_name", Some(profile.first_name.clone()), None) }
                    { field("profile-middle-name", "profile.middle_name", profile.middle_name.clone(), None) }
                </div>
                <div class="card">
                    <h2 class="card-title">{ t("profile.contacts") }</h2>
                    { field("profile-email", "profile.email", Some(profile.email.clone()), Some(profile.email_verified)) }
                    { contact_row(Channel::Email) }
                    { field("profile-phone", "profile.phone", Some(phone), Some(profile.phone_verified)) }
                    { contact_row(Channel::Sms) }
                    <p class="hint">{ t("profile.contacts_note") }</p>
                </div>
                <div class="card">
                    <h2 class="card-title">{ t("documents.title") }</h2>
                    <p class="hint top">{ t("documents.intro") }</p>
                    <Link<Route> to={Route::Documents} classes="button primary" >
                        <span id="open-documents">{ icons::document() }{ t("documents.open") }</span>
                    </Link<Route>>
                </div>
                <ProfileHistory generation={*generation} />
            </div>
        </section>
    }
}
