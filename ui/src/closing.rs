//! Closing the window: a form that is open holds the close until its typing is saved; with no
//! form open the close goes ahead at once.

use std::cell::Cell;

use homeportal_domain::commands::{NoArgs, ReadyToClose};
use homeportal_domain::Lang;
use yew::prelude::*;

use crate::ipc::invoke;

thread_local! {
    static FORMS_OPEN: Cell<u32> = const { Cell::new(0) };
}

/// While the calling form is mounted, a close waits for it to answer `ready_to_close`.
#[hook]
pub fn use_holds_close() {
    use_effect_with((), |_| {
        FORMS_OPEN.with(|n| n.set(n.get() + 1));
        || FORMS_OPEN.with(|n| n.set(n.get().saturating_sub(1)))
    });
}

/// Answers a close request when no form holds it.
pub fn close_if_no_form_open() {
    if FORMS_OPEN.with(Cell::get) == 0 {
        wasm_bindgen_futures::spawn_local(async {
            let _ = invoke::<ReadyToClose>(&NoArgs {}, Lang::default()).await;
        });
    }
}
