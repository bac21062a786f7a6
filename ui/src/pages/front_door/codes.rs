//! «ПОДТВЕРЖДЕНИЕ»: the code from the e-mail and the SMS code in one window, with «Изменить
//! электронную почту» / «Изменить номер телефона» where the contacts may still change.

use homeportal_domain::access::{Channel, ConfirmCodes};
use homeportal_domain::ErrorBody;
use yew::prelude::*;

use super::{error_banner, field_message, typed};
use crate::session::use_session;

/// Props of [`CodesForm`].
#[derive(Properties, PartialEq)]
pub struct CodesFormProps {
    /// Where the e-mail code went (empty when not shown, as in a recovery).
    pub email: AttrValue,
    /// Where the SMS went.
    pub phone: AttrValue,
    /// Whether the contacts may be changed here.
    #[prop_or_default]
    pub changeable: bool,
    /// A call is running.
    pub busy: bool,
    /// The last refusal.
    pub error: Option<ErrorBody>,
    /// «Далее» with both codes.
    pub on_submit: Callback<ConfirmCodes>,
    /// A new value for a contact (a code goes to it).
    #[prop_or_default]
    pub on_change: Callback<(Channel, String)>,
}

fn six_digits(code: &str) -> bool {
    code.trim().len() == 6 && code.trim().bytes().all(|b| b.is_ascii_digit())
}

/// Both codes, and changing where they go.
#[function_component(CodesForm)]
pub fn codes_form(props: &CodesFormProps) -> Html {
    let session = use_session();
    let t = |key: &'static str| session.t(key).to_owned();
    let email_code = use_state(String::new);
    let sms_code = use_state(String::new);
    let editing = use_state(|| None::<Channel>);
    let new_value = use_state(String::new);
    let ready = six_digits(&email_code) && six_digits(&sms_code);
    let onsubmit = {
        let (email_code, sms_code, on_submit) = (
            email_code.clone(),
            sms_code.clone(),
            props.on_submit.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if six_digits(&email_code) && six_digits(&sms_code) {
                on_submit.emit(ConfirmCodes {
                    email_code: email_code.trim().to_owned(),
                    sms_code: sms_code.trim().to_owned(),
                });
            }
        })
    };
    let change_link = |channel: Channel, id: &'static str, key: &'static str| {
        let (editing, new_value) = (editing.clone(), new_value.clone());
        html! {
            <button type="button" class="link" {id}
                    onclick={Callback::from(move |_| { editing.set(Some(channel)); new_value.set(String::new()); })}>
                { t(key) }
            </button>
        }
    };
    let change_form = |channel: Channel| {
        if *editing != Some(channel) {
            return html! {};
        }
        let (editing, new_value, on_change) =
            (editing.clone(), new_value.clone(), props.on_change.clone());
        let send = {
            let (editing, new_value) = (editing.clone(), new_value.clone());
            Callback::from(move |_: MouseEvent| {
                on_change.emit((channel, (*new_value).clone()));
                editing.set(None);
            })
        };
        let (label, kind) = match channel {
            Channel::Email => (t("register.email"), "email"),
            Channel::Sms => (t("register.phone"), "tel"),
        };
        html! {
            <div class="change-contact" id="change-contact">
                <label for="change-contact-value">{ label }</label>
                <div class="input-row">
                    <input id="change-contact-value" type={kind} value={(*new_value).clone()}
                           oninput={let v = new_value.clone(); Callback::from(move |e: InputEvent| v.set(typed(&e)))} />
                    <button type="button" class="button primary small" id="change-contact-send"
                            disabled={props.busy || new_value.trim().is_empty()} onclick={send}>
                        { t("codes.send_new") }
                    </button>
                    <button type="button" class="button ghost small" id="change-contact-cancel"
                            onclick={Callback::from(move |_| editing.set(None))}>
                        { t("action.cancel") }
                    </button>
                </div>
                if let Some(message) = field_message(&props.error, "value") {
                    <span class="field-error" id="change-contact-error">{ message }</span>
                }
            </div>
        }
    };
    let code_input = |id: &'static str, state: &UseStateHandle<String>, field: &str| {
        let message = field_message(&props.error, field);
        let state = state.clone();
        html! {
            <>
                <input {id} class="code-input" type="text" inputmode="numeric" autocomplete="one-time-code"
                       maxlength="6" value={(*state).clone()} aria-invalid={message.is_some().to_string()}
                       oninput={Callback::from(move |e: InputEvent| state.set(typed(&e)))} />
                if let Some(message) = message {
                    <span class="field-error">{ message }</span>
                }
            </>
        }
    };
    html! {
        <form class="form codes" {onsubmit} novalidate=true>
            <h2 class="login-title">{ t("codes.title") }</h2>
            <div class="field">
                <label for="code-email">
                    { t("codes.email_sent") }
                    if !props.email.is_empty() { <strong class="contact" id="codes-email-target">{ " " }{ props.email.clone() }</strong> }
                </label>
                { code_input("code-email", &email_code, "email_code") }
                if props.changeable { { change_link(Channel::Email, "change-email", "codes.change_email") } }
                { change_form(Channel::Email) }
            </div>
            <div class="field">
                <label for="code-sms">
                    { t("codes.sms_sent") }
                    if !props.phone.is_empty() { <strong class="contact" id="codes-phone-target">{ " " }{ props.phone.clone() }</strong> }
                </label>
                { code_input("code-sms", &sms_code, "sms_code") }
                if props.changeable { { change_link(Channel::Sms, "change-phone", "codes.change_phone") } }
                { change_form(Channel::Sms) }
            </div>
            { error_banner(&props.error, "codes-error") }
            <button type="submit" id="codes-next" class="button primary wide" disabled={props.busy || !ready}>
                { t("action.next") }
            </button>
        </form>
    }
}
