//! «Документы организации»: corporate documents uploaded once (устав, решение учредителей, …),
//! one upload field per slot of the domain's library.

use homeportal_domain::api::UploadKind;
use homeportal_domain::forms::library::LIBRARY;
use yew::prelude::*;

use crate::components::document_slots::{DocumentSlots, SlotItem};
use crate::session::use_session;

/// The page.
#[function_component(DocumentsPage)]
pub fn documents_page() -> Html {
    let session = use_session();
    let slots: Vec<SlotItem> = LIBRARY
        .iter()
        .map(|slot| SlotItem {
            key: AttrValue::from(slot.id),
            label: AttrValue::from(session.t(slot.label).to_owned()),
            required: slot.required,
        })
        .collect();
    html! {
        <section class="page">
            <h1 class="page-title">{ session.t("documents.title") }</h1>
            <div class="card">
                <p class="hint top">{ session.t("documents.intro") }{ " " }{ session.t("upload.limit") }</p>
                <DocumentSlots kind={UploadKind::Library} {slots} />
            </div>
        </section>
    }
}
