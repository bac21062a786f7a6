//! RU / ҚАЗ / EN switch; the choice is kept by the shell.

use homeportal_domain::api::SetLanguageRequest;
use homeportal_domain::commands::SetLanguage;
use homeportal_domain::{ErrorBody, Lang};
use yew::prelude::*;

use crate::ipc::invoke;
use crate::session::{use_session, SessionAction};

/// The catalogue key of a language's name on the switch.
fn lang_key(lang: Lang) -> &'static str {
    match lang {
        Lang::Ru => "lang.ru",
        Lang::Kk => "lang.kk",
        Lang::En => "lang.en",
    }
}

/// The language switch.
#[function_component(LangSwitch)]
pub fn lang_switch() -> Html {
    let session = use_session();
    let buttons = Lang::ALL.iter().map(|&lang| {
        let active = session.lang == lang;
        let label = session.t(lang_key(lang)).to_owned();
        let session = session.clone();
        let onclick = Callback::from(move |_| {
            session.dispatch(SessionAction::SetLang(lang));
            wasm_bindgen_futures::spawn_local(async move {
                // The switch already took effect; a failure to keep it is not worth a dialog.
                let _: Result<(), ErrorBody> =
                    invoke::<SetLanguage>(&SetLanguageRequest { lang }, lang).await;
            });
        });
        html! {
            <button type="button" class={classes!("lang", active.then_some("active"))}
                    id={format!("lang-{}", lang.code())} aria-pressed={active.to_string()} {onclick}>
                { label }
            </button>
        }
    });
    html! {
        <div class="lang-switch" role="group" aria-label={session.t("lang.label").to_owned()}>
            { for buttons }
        </div>
    }
}
