//! «Войти» (R2): «Электронная почта» (a one-time code), «БИН/Пароль» and «ЭЦП/QR»; the page
//! opens on «Электронная почта», as the web portal does.

use homeportal_domain::api::{LoginRequest, Profile};
use homeportal_domain::commands::Login;
use homeportal_domain::ids::Bin;
use homeportal_domain::{i18n, ErrorBody, ErrorCode, RuleViolation};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::eds_login::EdsLogin;
use super::email_login::EmailLogin;
use super::Screen;
use crate::components::icons;
use crate::ipc::invoke;
use crate::session::{use_session, SessionAction};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Email,
    BinPassword,
    Eds,
}

fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

/// Props of [`LoginForm`].
#[derive(Properties, PartialEq)]
pub struct LoginFormProps {
    /// Goes to «Регистрация» or «Забыли пароль?».
    pub go: Callback<Screen>,
}

/// «Войти».
#[function_component(LoginForm)]
pub fn login_form(props: &LoginFormProps) -> Html {
    let session = use_session();
    let tab = use_state(|| Tab::Email);
    let bin = use_state(String::new);
    let password = use_state(String::new);
    let show_password = use_state(|| false);
    let bin_touched = use_state(|| false);
    let submitted = use_state(|| false);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ErrorBody>);
    let t = |key: &'static str| session.t(key).to_owned();

    // ФЛК as the user types: once twelve characters are in, on leaving the field, or on submit.
    let bin_rule: Option<RuleViolation> = if bin.trim().len() >= 12 || *bin_touched || *submitted {
        Bin::parse(&bin).err()
    } else {
        None
    };
    let password_rule =
        (*submitted && password.is_empty()).then_some(RuleViolation::new("rule.password.required"));
    let server_field = |name: &str| -> Option<String> {
        error.as_ref().and_then(|e| {
            e.fields
                .iter()
                .find(|f| f.field == name)
                .map(|f| i18n::text(session.lang, &f.rule).to_owned())
        })
    };
    let bin_message = bin_rule
        .map(|r| r.message(session.lang).to_owned())
        .or_else(|| server_field("bin"));
    let password_message = password_rule
        .map(|r| r.message(session.lang).to_owned())
        .or_else(|| server_field("password"));

    let on_submit = {
        let (bin, password, busy, error, submitted, session) = (
            bin.clone(),
            password.clone(),
            busy.clone(),
            error.clone(),
            submitted.clone(),
            session.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            submitted.set(true);
            if *busy || Bin::parse(&bin).is_err() || password.is_empty() {
                return;
            }
            busy.set(true);
            error.set(None);
            let request = LoginRequest {
                bin: bin.trim().to_owned(),
                password: (*password).clone(),
            };
            let (busy, error, session) = (busy.clone(), error.clone(), session.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result: Result<Profile, ErrorBody> =
                    invoke::<Login>(&request, session.lang).await;
                busy.set(false);
                match result {
                    Ok(profile) => session.dispatch(SessionAction::LoggedIn(profile)),
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };

    let tab_button = |which: Tab, id: &'static str, key: &'static str| {
        let tab_handle = tab.clone();
        let selected = *tab == which;
        html! {
            <button type="button" role="tab" {id} class={classes!("tab", selected.then_some("active"))}
                    aria-selected={selected.to_string()}
                    onclick={Callback::from(move |_| tab_handle.set(which))}>
                { t(key) }
            </button>
        }
    };
    let go_to = |screen: Screen| {
        let go = props.go.clone();
        Callback::from(move |_: MouseEvent| go.emit(screen))
    };

    let error_banner = error.as_ref().filter(|e| e.code != ErrorCode::Validation).map(|e| {
        html! { <div class="alert error" id="login-error" role="alert">{ e.code.message(session.lang) }</div> }
    });

    let bin_password_form = html! {
        <form class="form" onsubmit={on_submit} novalidate=true>
            <p class="required-hint">{ t("form.required_hint") }</p>
            <div class={classes!("field", bin_message.is_some().then_some("invalid"))}>
                <label for="login-bin">{ t("login.bin") }<span class="required" aria-hidden="true">{" *"}</span></label>
                <input id="login-bin" type="text" inputmode="numeric" autocomplete="username" maxlength="12"
                       placeholder={t("login.bin.placeholder")} value={(*bin).clone()} required=true
                       aria-invalid={bin_message.is_some().to_string()} aria-describedby="login-bin-error"
                       oninput={let bin = bin.clone(); Callback::from(move |e: InputEvent| bin.set(input_value(&e)))}
                       onblur={let touched = bin_touched.clone(); let bin = bin.clone();
                               Callback::from(move |_| if !bin.is_empty() { touched.set(true) })} />
                if let Some(message) = bin_message.clone() {
                    <span class="field-error" id="login-bin-error">{ message }</span>
                }
            </div>
            <div class={classes!("field", password_message.is_some().then_some("invalid"))}>
                <label for="login-password">{ t("login.password") }<span class="required" aria-hidden="true">{" *"}</span></label>
                <div class="input-with-button">
                    <input id="login-password" type={if *show_password { "text" } else { "password" }}
                           autocomplete="current-password" value={(*password).clone()} required=true
                           aria-invalid={password_message.is_some().to_string()}
                           oninput={let password = password.clone(); Callback::from(move |e: InputEvent| password.set(input_value(&e)))} />
                    <button type="button" class="icon-button inline" id="login-password-toggle"
                            aria-label={if *show_password { t("login.password.hide") } else { t("login.password.show") }}
                            aria-pressed={show_password.to_string()}
                            onclick={let s = show_password.clone(); Callback::from(move |_| s.set(!*s))}>
                        { icons::eye() }
                    </button>
                </div>
                if let Some(message) = password_message.clone() {
                    <span class="field-error" id="login-password-error">{ message }</span>
                }
            </div>
            { for error_banner }
            <button type="submit" id="login-submit" class="button primary wide" disabled={*busy}>
                { if *busy { t("login.in_progress") } else { t("login.submit") } }
            </button>
        </form>
    };

    let body = match *tab {
        Tab::BinPassword => bin_password_form,
        Tab::Email => html! { <EmailLogin /> },
        Tab::Eds => html! { <EdsLogin /> },
    };

    html! {
        <>
            <h1 class="login-title">{ t("login.title") }</h1>
            <div class="tabs" role="tablist">
                { tab_button(Tab::Email, "tab-email", "login.tab.email") }
                { tab_button(Tab::BinPassword, "tab-bin", "login.tab.bin") }
                { tab_button(Tab::Eds, "tab-eds", "login.tab.eds") }
            </div>
            { body }
            <div class="login-links">
                <button type="button" class="link" id="login-register" onclick={go_to(Screen::Register)}>{ t("login.register") }</button>
                <button type="button" class="link" id="login-forgot" onclick={go_to(Screen::Recover)}>{ t("login.forgot") }</button>
            </div>
        </>
    }
}
