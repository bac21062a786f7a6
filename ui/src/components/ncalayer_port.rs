//! «Настройки NCALayer»: the port NCALayer listens on, kept on this computer, for the rare
//! installation that moved it from 13579.

use homeportal_domain::commands::{NcaLayerPort as GetPort, NoArgs, SetNcaLayerPort};
use homeportal_domain::signing::NcaLayerPortRequest;
use homeportal_domain::ErrorBody;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::ipc::invoke;
use crate::session::use_session;

/// The folded settings block of the EDS step.
#[function_component(NcaLayerPort)]
pub fn ncalayer_port() -> Html {
    let session = use_session();
    let lang = session.lang;
    let port = use_state(String::new);
    let saved = use_state(|| false);
    let error = use_state(|| None::<String>);
    {
        let port = port.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(current) = invoke::<GetPort>(&NoArgs {}, lang).await {
                    port.set(current.to_string());
                }
            });
        });
    }
    let on_input = {
        let (port, saved, error) = (port.clone(), saved.clone(), error.clone());
        Callback::from(move |e: InputEvent| {
            port.set(e.target_unchecked_into::<HtmlInputElement>().value());
            saved.set(false);
            error.set(None);
        })
    };
    let on_save = {
        let (port, saved, error) = (port.clone(), saved.clone(), error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (port, saved, error) = (port.clone(), saved.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let request = NcaLayerPortRequest {
                    port: (*port).clone(),
                };
                match invoke::<SetNcaLayerPort>(&request, lang).await {
                    Ok(kept) => {
                        port.set(kept.to_string());
                        error.set(None);
                        saved.set(true);
                    }
                    Err(ErrorBody {
                        fields, message, ..
                    }) => {
                        let text = fields.first().map(|f| f.message.clone()).unwrap_or(message);
                        error.set(Some(text));
                    }
                }
            });
        })
    };
    html! {
        <details class="ncalayer-settings">
            <summary>{ session.t("sign.settings") }</summary>
            <form class="port-form" onsubmit={on_save}>
                <div class={classes!("field", error.is_some().then_some("invalid"))}>
                    <label for="ncalayer-port">{ session.t("sign.port") }</label>
                    <input id="ncalayer-port" type="text" inputmode="numeric" maxlength="5"
                        value={(*port).clone()} oninput={on_input} />
                </div>
                <button type="submit" class="button ghost small" id="ncalayer-port-save">{ session.t("sign.save") }</button>
                if *saved {
                    <span class="badge ok">{ session.t("sign.saved") }</span>
                }
            </form>
            if let Some(text) = &*error {
                <p class="field-error" id="ncalayer-port-error">{ text }</p>
            }
        </details>
    }
}
