//! The front door (R1–R2): «Войти» with its four ways, «Регистрация» and «Забыли пароль?», in
//! one card, with the local mailbox beside it when the cabinet runs in local mode.

mod codes;
mod eds_login;
mod email_login;
mod login;
mod mailbox;
mod password;
mod recovery;
mod registration;

use homeportal_domain::commands::Command;
use homeportal_domain::{ErrorBody, ErrorCode};
use yew::prelude::*;

use crate::components::lang_switch::LangSwitch;
use crate::ipc::invoke;
use crate::session::{use_session, SessionHandle};
pub use mailbox::LocalMailbox;

/// Which screen of the front door is shown.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Screen {
    /// «Войти».
    Login,
    /// «Регистрация».
    Register,
    /// «Забыли пароль?».
    Recover,
}

/// The front door: whichever screen the person is on, in the login card.
#[function_component(FrontDoor)]
pub fn front_door() -> Html {
    let session = use_session();
    let screen = use_state(|| Screen::Login);
    let go = {
        let screen = screen.clone();
        Callback::from(move |next: Screen| screen.set(next))
    };
    let body = match *screen {
        Screen::Login => html! { <login::LoginForm go={go.clone()} /> },
        Screen::Register => html! { <registration::Registration go={go.clone()} /> },
        Screen::Recover => html! { <recovery::Recovery go={go.clone()} /> },
    };
    let wide = *screen != Screen::Login;
    html! {
        <div class="login-screen">
            <div class="login-top"><LangSwitch /></div>
            <div class="front-door">
                <div class={classes!("login-card", "card", wide.then_some("wide"))}>
                    <div class="login-brand">
                        <img src="icon.png" alt="" width="48" height="48" />
                        <div>
                            <div class="brand-title">{ session.t("app.title") }</div>
                            <div class="brand-sub">{ session.t("app.cabinet") }</div>
                        </div>
                    </div>
                    { body }
                </div>
                <LocalMailbox />
            </div>
            <p class="login-footer">{ session.t("app.org") }</p>
        </div>
    }
}

/// Runs command `C`: `busy` while it runs, its error kept in `error`, `done` with its answer.
pub fn run<C>(
    session: &SessionHandle,
    request: C::Request,
    busy: &UseStateHandle<bool>,
    error: &UseStateHandle<Option<ErrorBody>>,
    done: impl FnOnce(C::Response) + 'static,
) where
    C: Command + 'static,
    C::Request: 'static,
{
    if **busy {
        return;
    }
    busy.set(true);
    error.set(None);
    let (busy, error, lang) = (busy.clone(), error.clone(), session.lang);
    wasm_bindgen_futures::spawn_local(async move {
        let answer = invoke::<C>(&request, lang).await;
        busy.set(false);
        match answer {
            Ok(answer) => done(answer),
            Err(e) => error.set(Some(e)),
        }
    });
}

/// The message of `error` for `field`, if the server or the shell named it.
pub fn field_message(error: &Option<ErrorBody>, field: &str) -> Option<String> {
    error.as_ref().and_then(|e| {
        e.fields
            .iter()
            .find(|f| f.field == field)
            .map(|f| f.message.clone())
    })
}

/// An error banner for anything but field errors (those stand under their fields).
pub fn error_banner(error: &Option<ErrorBody>, id: &'static str) -> Html {
    match error {
        Some(e) if e.code != ErrorCode::Validation => {
            html! { <div class="alert error" {id} role="alert">{ &e.message }</div> }
        }
        _ => html! {},
    }
}

/// The value of the input an event came from.
pub fn typed(e: &InputEvent) -> String {
    e.target_unchecked_into::<web_sys::HtmlInputElement>()
        .value()
}
