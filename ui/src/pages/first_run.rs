//! The first run: «Сервер АО «КЖК»» (its address, checked before it is kept) or «Локальный
//! режим» (the server inside the app). The choice can be changed later in «Настройки».

use homeportal_domain::commands::ChooseServer;
use homeportal_domain::settings::ServerChoice;
use homeportal_domain::ErrorBody;
use yew::prelude::*;

use crate::components::lang_switch::LangSwitch;
use crate::pages::front_door::{error_banner, field_message, run, typed};
use crate::session::{use_session, SessionAction};

/// Which way is ticked.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Way {
    Remote,
    Local,
}

/// The first-run screen.
#[function_component(FirstRun)]
pub fn first_run() -> Html {
    let session = use_session();
    let t = |key: &'static str| session.t(key).to_owned();
    let way = use_state(|| Way::Local);
    let url = use_state(String::new);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ErrorBody>);
    let onsubmit = {
        let (session, way, url, busy, error) = (
            session.clone(),
            way.clone(),
            url.clone(),
            busy.clone(),
            error.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let choice = match *way {
                Way::Local => ServerChoice::Local,
                Way::Remote => ServerChoice::Remote {
                    url: (*url).clone(),
                },
            };
            let started = session.clone();
            run::<ChooseServer>(&session, choice, &busy, &error, move |info| {
                started.dispatch(SessionAction::Started(info))
            });
        })
    };
    let option = |which: Way, id: &'static str, title: &'static str, text: &'static str| {
        let way_handle = way.clone();
        let chosen = *way == which;
        html! {
            <label class={classes!("choice", chosen.then_some("chosen"))} for={id}>
                <input type="radio" name="server" {id} checked={chosen}
                       onchange={Callback::from(move |_| way_handle.set(which))} />
                <span class="choice-body">
                    <span class="choice-title">{ t(title) }</span>
                    <span class="hint">{ t(text) }</span>
                </span>
            </label>
        }
    };
    let url_message = field_message(&error, "url");
    html! {
        <div class="login-screen">
            <div class="login-top"><LangSwitch /></div>
            <div class="login-card card wide" id="first-run">
                <div class="login-brand">
                    <img src="icon.png" alt="" width="48" height="48" />
                    <div>
                        <div class="brand-title">{ t("app.title") }</div>
                        <div class="brand-sub">{ t("app.cabinet") }</div>
                    </div>
                </div>
                <h1 class="login-title">{ t("first_run.title") }</h1>
                <p class="hint">{ t("first_run.intro") }</p>
                <form class="form" {onsubmit} novalidate=true>
                    { option(Way::Remote, "first-run-remote", "first_run.remote", "first_run.remote.text") }
                    if *way == Way::Remote {
                        <div class={classes!("field", url_message.is_some().then_some("invalid"))}>
                            <label for="first-run-url">{ t("first_run.url") }<span class="required" aria-hidden="true">{" *"}</span></label>
                            <input id="first-run-url" type="url" inputmode="url" placeholder="https://cabinet.khc.kz"
                                   value={(*url).clone()} aria-invalid={url_message.is_some().to_string()}
                                   oninput={let v = url.clone(); Callback::from(move |e: InputEvent| v.set(typed(&e)))} />
                            if let Some(message) = url_message { <span class="field-error" id="first-run-url-error">{ message }</span> }
                        </div>
                    }
                    { option(Way::Local, "first-run-local", "first_run.local", "first_run.local.text") }
                    { error_banner(&error, "first-run-error") }
                    <button type="submit" id="first-run-continue" class="button primary wide" disabled={*busy}>
                        { if *busy { t("first_run.checking") } else { t("first_run.continue") } }
                    </button>
                    <p class="hint small">{ t("first_run.later") }</p>
                </form>
            </div>
            <p class="login-footer">{ t("app.org") }</p>
        </div>
    }
}
