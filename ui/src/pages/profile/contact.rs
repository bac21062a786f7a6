//! Changing the profile's e-mail or phone (R3): the new value gets a code, and only the code
//! typed back makes it the profile's, verified.

use homeportal_domain::access::{Channel, ContactChange, ContactConfirm};
use homeportal_domain::commands::{ChangeContact, ConfirmContact};
use homeportal_domain::ErrorBody;
use yew::prelude::*;

use crate::pages::front_door::{error_banner, field_message, run, typed};
use crate::session::{use_session, SessionAction};

/// Where a change stands.
#[derive(Clone, PartialEq)]
enum Stage {
    /// Typing the new value.
    Value,
    /// The code went to `String`.
    Code(String),
}

/// Props of [`ContactEditor`].
#[derive(Properties, PartialEq)]
pub struct ContactEditorProps {
    /// Which contact.
    pub channel: Channel,
    /// Closes the editor (after a change or a cancel).
    pub on_close: Callback<bool>,
}

/// The inline editor of one contact.
#[function_component(ContactEditor)]
pub fn contact_editor(props: &ContactEditorProps) -> Html {
    let session = use_session();
    let t = |key: &'static str| session.t(key).to_owned();
    let stage = use_state(|| Stage::Value);
    let value = use_state(String::new);
    let code = use_state(String::new);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ErrorBody>);
    let channel = props.channel;
    let prefix = match channel {
        Channel::Email => "profile-email",
        Channel::Sms => "profile-phone",
    };
    let cancel = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(false))
    };
    let body = match (*stage).clone() {
        Stage::Value => {
            let onsubmit = {
                let (session, value, busy, error, stage) = (
                    session.clone(),
                    value.clone(),
                    busy.clone(),
                    error.clone(),
                    stage.clone(),
                );
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    let typed_value = value.trim().to_owned();
                    let request = ContactChange {
                        channel,
                        value: typed_value.clone(),
                    };
                    let stage = stage.clone();
                    run::<ChangeContact>(&session, request, &busy, &error, move |_| {
                        stage.set(Stage::Code(typed_value))
                    });
                })
            };
            let message = field_message(&error, "value");
            let (kind, label) = match channel {
                Channel::Email => ("email", t("profile.new_email")),
                Channel::Sms => ("tel", t("profile.new_phone")),
            };
            html! {
                <form class="inline-form" {onsubmit} novalidate=true>
                    <label for={format!("{prefix}-new")}>{ label }</label>
                    <div class="input-row">
                        <input id={format!("{prefix}-new")} type={kind} value={(*value).clone()}
                               aria-invalid={message.is_some().to_string()}
                               oninput={let v = value.clone(); Callback::from(move |e: InputEvent| v.set(typed(&e)))} />
                        <button type="submit" class="button primary small" id={format!("{prefix}-send")}
                                disabled={*busy || value.trim().is_empty()}>{ t("codes.send_new") }</button>
                        <button type="button" class="button ghost small" onclick={cancel.clone()}>{ t("action.cancel") }</button>
                    </div>
                    if let Some(message) = message { <span class="field-error" id={format!("{prefix}-error")}>{ message }</span> }
                    { error_banner(&error, "profile-contact-error") }
                </form>
            }
        }
        Stage::Code(target) => {
            let onsubmit = {
                let (session, code, busy, error, on_close) = (
                    session.clone(),
                    code.clone(),
                    busy.clone(),
                    error.clone(),
                    props.on_close.clone(),
                );
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    let request = ContactConfirm {
                        channel,
                        code: code.trim().to_owned(),
                    };
                    let (changed, on_close) = (session.clone(), on_close.clone());
                    run::<ConfirmContact>(&session, request, &busy, &error, move |profile| {
                        changed.dispatch(SessionAction::ProfileChanged(profile));
                        on_close.emit(true);
                    });
                })
            };
            let message = field_message(&error, "code");
            html! {
                <form class="inline-form" {onsubmit} novalidate=true>
                    <label for={format!("{prefix}-code")}>{ format!("{} {target}", t("profile.code_sent")) }</label>
                    <div class="input-row">
                        <input id={format!("{prefix}-code")} class="code-input" type="text" inputmode="numeric"
                               autocomplete="one-time-code" maxlength="6" value={(*code).clone()}
                               oninput={let v = code.clone(); Callback::from(move |e: InputEvent| v.set(typed(&e)))} />
                        <button type="submit" class="button primary small" id={format!("{prefix}-confirm")}
                                disabled={*busy || code.trim().len() != 6}>{ t("profile.confirm") }</button>
                        <button type="button" class="button ghost small" onclick={cancel}>{ t("action.cancel") }</button>
                    </div>
                    if let Some(message) = message { <span class="field-error">{ message }</span> }
                    { error_banner(&error, "profile-contact-error") }
                </form>
            }
        }
    };
    html! { <div class="contact-editor" id={format!("{prefix}-editor")}>{ body }</div> }
}
