//! A new password typed twice, with the R1.4 policy as a live checklist.

use homeportal_domain::access::password::PasswordRule;
use homeportal_domain::access::NewPassword;
use homeportal_domain::ErrorBody;
use yew::prelude::*;

use super::{error_banner, field_message, typed};
use crate::components::icons;
use crate::session::use_session;

/// Props of [`PasswordForm`].
#[derive(Properties, PartialEq)]
pub struct PasswordFormProps {
    /// Catalogue key of the button's label.
    pub submit_key: &'static str,
    /// A call is running.
    pub busy: bool,
    /// The last refusal.
    pub error: Option<ErrorBody>,
    /// Both passwords, once every rule holds.
    pub on_submit: Callback<NewPassword>,
}

/// Password and its repetition; the button waits for every rule.
#[function_component(PasswordForm)]
pub fn password_form(props: &PasswordFormProps) -> Html {
    let session = use_session();
    let password = use_state(String::new);
    let repeat = use_state(String::new);
    let shown = use_state(|| false);
    let t = |key: &'static str| session.t(key).to_owned();
    let holds = |rule: PasswordRule| rule.holds(&password, &repeat);
    let all_hold = PasswordRule::ALL.into_iter().all(holds);
    let onsubmit = {
        let (password, repeat, on_submit) =
            (password.clone(), repeat.clone(), props.on_submit.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if PasswordRule::ALL
                .into_iter()
                .all(|r| r.holds(&password, &repeat))
            {
                on_submit.emit(NewPassword {
                    password: (*password).clone(),
                    repeat: (*repeat).clone(),
                });
            }
        })
    };
    let server_message = field_message(&props.error, "password");
    let kind = if *shown { "text" } else { "password" };
    html! {
        <form class="form" {onsubmit} novalidate=true>
            <div class="field">
                <label for="password-new">{ t("password.new") }<span class="required" aria-hidden="true">{" *"}</span></label>
                <div class="input-with-button">
                    <input id="password-new" type={kind} autocomplete="new-password" value={(*password).clone()}
                           aria-describedby="password-rules"
                           oninput={let p = password.clone(); Callback::from(move |e: InputEvent| p.set(typed(&e)))} />
                    <button type="button" class="icon-button inline" id="password-toggle"
                            aria-label={if *shown { t("login.password.hide") } else { t("login.password.show") }}
                            aria-pressed={shown.to_string()}
                            onclick={let s = shown.clone(); Callback::from(move |_| s.set(!*s))}>
                        { icons::eye() }
                    </button>
                </div>
            </div>
            <div class={classes!("field", server_message.is_some().then_some("invalid"))}>
                <label for="password-repeat">{ t("password.repeat") }<span class="required" aria-hidden="true">{" *"}</span></label>
                <input id="password-repeat" type={kind} autocomplete="new-password" value={(*repeat).clone()}
                       oninput={let r = repeat.clone(); Callback::from(move |e: InputEvent| r.set(typed(&e)))} />
                if let Some(message) = server_message {
                    <span class="field-error" id="password-error">{ message }</span>
                }
            </div>
            <ul class="checklist" id="password-rules" aria-live="polite">
                { for PasswordRule::CHECKLIST.into_iter().map(|rule| {
                    let ok = holds(rule);
                    html! {
                        <li class={if ok { "ok" } else { "todo" }} data-rule={rule.key()}>
                            <span class="mark" aria-hidden="true">{ if ok { "✓" } else { "•" } }</span>
                            { session.t(rule.key()) }
                        </li>
                    }
                }) }
                if !PasswordRule::MaxLength.holds(&password, &repeat) {
                    <li class="todo" data-rule={PasswordRule::MaxLength.key()}>
                        <span class="mark" aria-hidden="true">{ "•" }</span>{ session.t(PasswordRule::MaxLength.key()) }
                    </li>
                }
            </ul>
            { error_banner(&props.error, "password-form-error") }
            <button type="submit" id="password-submit" class="button primary wide" disabled={props.busy || !all_hold}>
                { t(props.submit_key) }
            </button>
        </form>
    }
}
