//! «ЭЦП/QR»: the AUTH key registered before, picked in NCALayer.

use homeportal_domain::commands::{LoginByEds, NoArgs};
use homeportal_domain::ErrorBody;
use yew::prelude::*;

use super::{error_banner, run};
use crate::session::{use_session, SessionAction};

/// The EDS tab of «Войти».
#[function_component(EdsLogin)]
pub fn eds_login() -> Html {
    let session = use_session();
    let t = |key: &'static str| session.t(key).to_owned();
    let busy = use_state(|| false);
    let error = use_state(|| None::<ErrorBody>);
    let by_ncalayer = {
        let (session, busy, error) = (session.clone(), busy.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            let signed_in = session.clone();
            run::<LoginByEds>(&session, NoArgs {}, &busy, &error, move |profile| {
                signed_in.dispatch(SessionAction::LoggedIn(profile))
            });
        })
    };
    html! {
        <div class="form">
            <p class="hint">{ t("login.eds.intro") }</p>
            { error_banner(&error, "login-error") }
            <button type="button" id="login-eds" class="button primary wide" disabled={*busy} onclick={by_ncalayer}>
                { if *busy { t("register.key.waiting") } else { t("login.eds.button") } }
            </button>
        </div>
    }
}
