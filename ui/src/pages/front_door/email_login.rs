//! «Электронная почта»: the e-mail given at registration, «Получить разовый код», the code,
//! «Войти».

use gloo_timers::callback::Interval;
use homeportal_domain::access::{EmailCodeRequest, EmailLoginRequest};
use homeportal_domain::commands::{LoginByEmail, RequestEmailCode};
use homeportal_domain::ids::Email;
use homeportal_domain::ErrorBody;
use yew::prelude::*;

use super::{error_banner, field_message, run, typed};
use crate::session::{use_session, SessionAction};

/// The e-mail tab of «Войти».
#[function_component(EmailLogin)]
pub fn email_login() -> Html {
    let session = use_session();
    let t = |key: &'static str| session.t(key).to_owned();
    let email = use_state(String::new);
    let code = use_state(String::new);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ErrorBody>);
    let sent_to = use_state(|| None::<String>);
    let wait = use_state(|| 0u32);
    {
        // The resend countdown ticks once a second while it runs.
        let wait = wait.clone();
        let running = *wait > 0;
        use_effect_with(running, move |running| {
            let ticker =
                running.then(|| Interval::new(1_000, move || wait.set((*wait).saturating_sub(1))));
            move || drop(ticker)
        });
    }
    let email_rule = field_message(&error, "email");
    let get_code = {
        let (session, email, busy, error, sent_to, wait) = (
            session.clone(),
            email.clone(),
            busy.clone(),
            error.clone(),
            sent_to.clone(),
            wait.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            if let Err(rule) = Email::parse(&email) {
                error.set(Some(ErrorBody::validation(
                    vec![homeportal_domain::FieldError {
                        field: "email".into(),
                        rule: rule.key.into(),
                        message: rule.message(session.lang).into(),
                    }],
                    session.lang,
                )));
                return;
            }
            let request = EmailCodeRequest {
                email: email.trim().to_owned(),
            };
            let (sent_to, wait, to) = (sent_to.clone(), wait.clone(), email.trim().to_owned());
            run::<RequestEmailCode>(&session, request, &busy, &error, move |sent| {
                sent_to.set(Some(to));
                wait.set(sent.resend_in_secs);
            });
        })
    };
    let onsubmit = {
        let (session, email, code, busy, error) = (
            session.clone(),
            email.clone(),
            code.clone(),
            busy.clone(),
            error.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let request = EmailLoginRequest {
                email: email.trim().to_owned(),
                code: code.trim().to_owned(),
            };
            let signed_in = session.clone();
            run::<LoginByEmail>(&session, request, &busy, &error, move |profile| {
                signed_in.dispatch(SessionAction::LoggedIn(profile))
            });
        })
    };
    let code_ready = code.trim().len() == 6;
    html! {
        <form class="form" {onsubmit} novalidate=true>
            <div class={classes!("field", email_rule.is_some().then_some("invalid"))}>
                <label for="login-email">{ t("login.tab.email") }<span class="required" aria-hidden="true">{" *"}</span></label>
                <input id="login-email" type="email" inputmode="email" autocomplete="email" value={(*email).clone()}
                       aria-invalid={email_rule.is_some().to_string()}
                       oninput={let v = email.clone(); Callback::from(move |e: InputEvent| v.set(typed(&e)))} />
                if let Some(message) = email_rule { <span class="field-error" id="login-email-error">{ message }</span> }
            </div>
            <div class="field">
                <label for="login-code">{ t("login.code") }</label>
                <div class="input-row">
                    <input id="login-code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="6"
                           value={(*code).clone()}
                           oninput={let v = code.clone(); Callback::from(move |e: InputEvent| v.set(typed(&e)))} />
                    <button type="button" id="login-get-code" class="button ghost" disabled={*busy || *wait > 0}
                            onclick={get_code}>
                        { if *wait > 0 { format!("{} ({})", t("login.get_code"), *wait) } else { t("login.get_code") } }
                    </button>
                </div>
                if let Some(to) = (*sent_to).clone() {
                    <span class="hint small" id="login-code-sent">{ format!("{} {to}", t("login.code_sent")) }</span>
                }
            </div>
            { error_banner(&error, "login-error") }
            <button type="submit" id="login-submit-email" class="button primary wide" disabled={*busy || !code_ready}>
                { t("login.submit") }
            </button>
        </form>
    }
}
