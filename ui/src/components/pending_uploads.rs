//! After a start of the app, a line says that uploads cut short last time go on by themselves,
//! and where to follow them; it can be dismissed.

use homeportal_domain::api::UploadState;
use homeportal_domain::commands::{ListUploads, NoArgs};
use yew::prelude::*;
use yew_router::prelude::Link;

use crate::ipc::invoke;
use crate::kit::{Alert, AlertKind};
use crate::route::Route;
use crate::session::use_session;

/// The notice of unfinished uploads.
#[function_component(PendingUploads)]
pub fn pending_uploads() -> Html {
    let session = use_session();
    let lang = session.lang;
    let pending = use_state(|| 0usize);
    {
        let pending = pending.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(uploads) = invoke::<ListUploads>(&NoArgs {}, lang).await {
                    pending.set(
                        uploads
                            .iter()
                            .filter(|u| u.state != UploadState::Done)
                            .count(),
                    );
                }
            });
        });
    }
    if *pending == 0 {
        return html! {};
    }
    let dismiss = {
        let pending = pending.clone();
        Callback::from(move |()| pending.set(0))
    };
    html! {
        <Alert id="uploads-pending" kind={AlertKind::Info} on_dismiss={dismiss} dismiss_label={session.t("action.close").to_owned()}>
            { format!("{} {}. ", session.t("uploads.pending"), *pending) }
            <Link<Route> to={Route::Documents}>{ session.t("uploads.pending.where") }</Link<Route>>
        </Alert>
    }
}
