//! The question before closing while files upload: «Закрыть» (they resume at the next start)
//! or «Не закрывать».

use homeportal_domain::commands::{ConfirmClose, NoArgs};
use homeportal_domain::events::AppEvent;
use homeportal_domain::ErrorBody;
use yew::prelude::*;

use crate::hooks::use_app_event;
use crate::ipc::invoke;
use crate::kit::{Button, ButtonKind, Modal};
use crate::session::use_session;

/// The dialog, shown when the shell asks.
#[function_component(CloseQuestion)]
pub fn close_question() -> Html {
    let session = use_session();
    let lang = session.lang;
    let asked = use_state(|| None::<u32>);
    {
        let asked = asked.clone();
        use_app_event(move |event| {
            if let AppEvent::CloseWithUploads { uploads } = event {
                asked.set(Some(uploads));
            }
        });
    }
    let Some(uploads) = *asked else {
        return html! {};
    };
    let stay = {
        let asked = asked.clone();
        Callback::from(move |()| asked.set(None))
    };
    let close = Callback::from(move |_: MouseEvent| {
        wasm_bindgen_futures::spawn_local(async move {
            let _: Result<(), ErrorBody> = invoke::<ConfirmClose>(&NoArgs {}, lang).await;
        });
    });
    html! {
        <Modal id="close-question" title={session.t("close.title").to_owned()} on_close={stay.clone()}>
            <p id="close-uploads">{ format!("{} {}", session.t("close.uploads"), uploads) }</p>
            <p class="hint">{ session.t("close.resume") }</p>
            <div class="actions">
                <Button id="close-stay" onclick={stay.reform(|_| ())}>{ session.t("close.stay") }</Button>
                <Button id="close-anyway" kind={ButtonKind::Ghost} onclick={close}>{ session.t("close.anyway") }</Button>
            </div>
        </Modal>
    }
}
