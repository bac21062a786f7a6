//! NCALayer's certificate authority in «Настройки»: the PEM this computer's NCALayer secures its
//! connection with, for an installation whose certificate the system does not trust.

use homeportal_domain::commands::{
    Command, ForgetNcaLayerCa, ImportNcaLayerCa, NcaLayerCa, NoArgs,
};
use homeportal_domain::ErrorBody;
use yew::prelude::*;

use crate::hooks::use_command;
use crate::pages::front_door::{error_banner, field_message, run};
use crate::session::{use_session, SessionHandle};

/// The CA block of the NCALayer card.
#[function_component(NcaLayerCaSetting)]
pub fn ncalayer_ca_setting() -> Html {
    let session = use_session();
    let t = |key: &'static str| session.t(key).to_owned();
    let loaded = use_command::<NcaLayerCa>(NoArgs {});
    let changed = use_state(|| None::<u32>);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ErrorBody>);
    let certificates = (*changed).or(*loaded.data).unwrap_or(0);
    let action = Action {
        session: session.clone(),
        busy: busy.clone(),
        error: error.clone(),
        changed: changed.clone(),
    };
    // A closed dialog leaves the count as it was; «Сбросить» leaves none.
    let import = action.runs::<ImportNcaLayerCa>(|count| count);
    let forget = action.runs::<ForgetNcaLayerCa>(|()| Some(0));
    let refused = field_message(&error, "trust");
    html! {
        <div class="ncalayer-ca">
            <h3 class="card-subtitle">{ t("settings.ncalayer_ca") }</h3>
            <p id="settings-ncalayer-ca">{
                if certificates == 0 {
                    t("settings.ncalayer_ca.system")
                } else {
                    format!("{} {certificates}", t("settings.trust.count"))
                }
            }</p>
            <p class="hint small">{ t("settings.ncalayer_ca.why") }</p>
            <div class="actions-row">
                <button type="button" id="settings-ncalayer-ca-import" class="button ghost" disabled={*busy} onclick={import}>
                    { t("settings.trust.import") }
                </button>
                if certificates > 0 {
                    <button type="button" id="settings-ncalayer-ca-forget" class="button ghost" disabled={*busy} onclick={forget}>
                        { t("settings.ncalayer_ca.forget") }
                    </button>
                }
            </div>
            <div aria-live="polite">
                if let Some(message) = refused {
                    <p class="field-error" id="settings-ncalayer-ca-error">{ message }</p>
                }
                { error_banner(&error, "settings-ncalayer-ca-failed") }
            </div>
        </div>
    }
}

/// What a button of the block needs to run its command and show the count it leaves.
#[derive(Clone)]
struct Action {
    session: SessionHandle,
    busy: UseStateHandle<bool>,
    error: UseStateHandle<Option<ErrorBody>>,
    changed: UseStateHandle<Option<u32>>,
}

impl Action {
    /// The click that runs command `C`; `kept` reads the certificates now kept from its answer
    /// (None: nothing changed).
    fn runs<C>(&self, kept: fn(C::Response) -> Option<u32>) -> Callback<MouseEvent>
    where
        C: Command<Request = NoArgs> + 'static,
    {
        let action = self.clone();
        Callback::from(move |_: MouseEvent| {
            let changed = action.changed.clone();
            run::<C>(
                &action.session,
                NoArgs {},
                &action.busy,
                &action.error,
                move |answer| {
                    if let Some(count) = kept(answer) {
                        changed.set(Some(count));
                    }
                },
            );
        })
    }
}
