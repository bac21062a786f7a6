//! After a start of the app, a line says that uploads cut short last time go on by themselves
//! (and another that paused ones wait for «Продолжить»), and where to follow them; it can be
//! dismissed.

use homeportal_domain::api::UploadState;
use homeportal_domain::commands::{ListUploads, NoArgs};
use yew::prelude::*;
use yew_router::prelude::Link;

use crate::ipc::invoke;
use crate::kit::{Alert, AlertKind};
use crate::route::Route;
use crate::session::use_session;

/// Unfinished uploads found at start: those that go on by themselves, and those the person paused.
#[derive(Clone, Copy, Default, PartialEq)]
struct Unfinished {
    resuming: usize,
    paused: usize,
}

/// The notice of unfinished uploads.
#[function_component(PendingUploads)]
pub fn pending_uploads() -> Html {
    let session = use_session();
    let lang = session.lang;
    let unfinished = use_state(Unfinished::default);
    {
        let unfinished = unfinished.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(uploads) = invoke::<ListUploads>(&NoArgs {}, lang).await {
                    let mut found = Unfinished::default();
                    for upload in &uploads {
                        match upload.state {
                            UploadState::Done => {}
                            UploadState::Paused => found.paused += 1,
                            _ => found.resuming += 1,
                        }
                    }
                    unfinished.set(found);
                }
            });
        });
    }
    if *unfinished == Unfinished::default() {
        return html! {};
    }
    let dismiss = {
        let unfinished = unfinished.clone();
        Callback::from(move |()| unfinished.set(Unfinished::default()))
    };
    let line = |key: &str, count: usize| {
        (count > 0).then(|| html! { <p>{ format!("{} {count}.", session.t(key)) }</p> })
    };
    html! {
        <Alert id="uploads-pending" kind={AlertKind::Info} on_dismiss={dismiss} dismiss_label={session.t("action.close").to_owned()}>
            { for line("uploads.pending", unfinished.resuming) }
            { for line("uploads.pending.paused", unfinished.paused) }
            <Link<Route> to={Route::Documents}>{ session.t("uploads.pending.where") }</Link<Route>>
        </Alert>
    }
}
