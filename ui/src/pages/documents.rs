//! «Документы организации»: corporate documents uploaded once (устав, решение учредителей, …),
//! one upload field per document type, each listing its files.

use std::collections::BTreeMap;
use std::rc::Rc;

use homeportal_domain::api::{
    DocumentIdRequest, DocumentInfo, DownloadRequest, StartUploadRequest, UploadEvent,
    UploadIdRequest, UploadKind, UploadState,
};
use homeportal_domain::ErrorBody;
use serde::Serialize;
use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::components::sign_dialog::SignDialog;
use crate::components::upload_field::UploadField;
use crate::ipc::{call, call_with, channel, NoArgs};
use crate::session::use_session;

/// Document types of the library, in order, and whether every application asks for them.
const SLOTS: [(&str, bool); 5] = [
    ("charter", true),
    ("founders_decision", true),
    ("registration_certificate", true),
    ("financials", true),
    ("other", false),
];

/// Uploads by id, updated by the shell's events.
#[derive(Default, PartialEq)]
struct Uploads(BTreeMap<i64, UploadEvent>);

enum UploadsAction {
    Event(UploadEvent),
    Remove(i64),
}

impl Reducible for Uploads {
    type Action = UploadsAction;
    fn reduce(self: Rc<Self>, action: UploadsAction) -> Rc<Self> {
        let mut next = self.0.clone();
        match action {
            UploadsAction::Event(event) => {
                // The «checking the file» placeholder (id 0) gives way to the recorded upload.
                if event.id != 0 {
                    next.retain(|id, e| *id != 0 || e.file_name != event.file_name);
                }
                if event.state == UploadState::Done {
                    next.remove(&event.id);
                } else {
                    next.insert(event.id, event);
                }
            }
            UploadsAction::Remove(id) => {
                next.remove(&id);
            }
        }
        Rc::new(Uploads(next))
    }
}

#[derive(Serialize)]
struct Args<T> {
    request: T,
}

/// The page.
#[function_component(DocumentsPage)]
pub fn documents_page() -> Html {
    let session = use_session();
    let lang = session.lang;
    let uploads = use_reducer(Uploads::default);
    let documents = use_state(Vec::<DocumentInfo>::new);
    let error = use_state(|| None::<ErrorBody>);
    let saved = use_state(|| None::<String>);
    let signing = use_state(|| None::<(i64, String)>);

    let reload = {
        let (documents, error) = (documents.clone(), error.clone());
        Callback::from(move |_: ()| {
            let (documents, error) = (documents.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<_, Vec<DocumentInfo>>("list_documents", &NoArgs {}, lang).await {
                    Ok(list) => documents.set(list),
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };

    {
        let (uploads, reload) = (uploads.clone(), reload.clone());
        use_effect_with((), move |_| {
            reload.emit(());
            let on_event = move |event: UploadEvent| {
                if event.state == UploadState::Done {
                    reload.emit(());
                }
                uploads.dispatch(UploadsAction::Event(event));
            };
            if let Ok(feed) = channel(on_event) {
                let args = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&args, &JsValue::from_str("onEvent"), &feed);
                wasm_bindgen_futures::spawn_local(async move {
                    let _: Result<(), ErrorBody> =
                        call_with("watch_uploads", args.into(), lang).await;
                });
            }
        });
    }

    let on_pick = {
        let error = error.clone();
        Callback::from(move |slot: &'static str| {
            let error = error.clone();
            wasm_bindgen_futures::spawn_local(async move {
                error.set(None);
                let path = match call::<_, Option<String>>("pick_file", &NoArgs {}, lang).await {
                    Ok(Some(path)) => path,
                    Ok(None) => return,
                    Err(e) => return error.set(Some(e)),
                };
                let request = StartUploadRequest {
                    path,
                    kind: UploadKind::Library,
                    slot: slot.to_owned(),
                };
                if let Err(e) = call::<_, ()>("start_upload", &Args { request }, lang).await {
                    error.set(Some(e));
                }
            });
        })
    };

    let on_upload_action = {
        let (uploads, error) = (uploads.clone(), error.clone());
        Callback::from(move |(cmd, id): (&'static str, i64)| {
            let (uploads, error) = (uploads.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<_, ()>(
                    cmd,
                    &Args {
                        request: UploadIdRequest { id },
                    },
                    lang,
                )
                .await
                {
                    Ok(()) if cmd == "cancel_upload" => uploads.dispatch(UploadsAction::Remove(id)),
                    Ok(()) => {}
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };

    let on_delete = {
        let (reload, error) = (reload.clone(), error.clone());
        Callback::from(move |id: i64| {
            let (reload, error) = (reload.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<_, ()>(
                    "delete_document",
                    &Args {
                        request: DocumentIdRequest { id },
                    },
                    lang,
                )
                .await
                {
                    Ok(()) => reload.emit(()),
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };

    let on_download = {
        let (saved, error) = (saved.clone(), error.clone());
        Callback::from(move |(id, file_name): (i64, String)| {
            let (saved, error) = (saved.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let request = DownloadRequest { id, file_name };
                match call::<_, Option<String>>("download_document", &Args { request }, lang).await
                {
                    Ok(path) => saved.set(path),
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };

    let on_sign = {
        let signing = signing.clone();
        Callback::from(move |target: (i64, String)| signing.set(Some(target)))
    };
    let on_sign_closed = {
        let (signing, reload) = (signing.clone(), reload.clone());
        Callback::from(move |signed: bool| {
            signing.set(None);
            if signed {
                reload.emit(());
            }
        })
    };

    let fields = SLOTS.iter().map(|&(slot, required)| {
        let slot_uploads: Vec<UploadEvent> = uploads
            .0
            .values()
            .filter(|u| u.slot == slot)
            .cloned()
            .collect();
        let slot_documents: Vec<DocumentInfo> = documents
            .iter()
            .filter(|d| d.slot == slot)
            .cloned()
            .collect();
        html! {
            <UploadField {slot} label={session.t(&format!("library.{slot}")).to_owned()} {required}
                uploads={slot_uploads} documents={slot_documents}
                on_pick={on_pick.clone()} on_upload_action={on_upload_action.clone()}
                on_download={on_download.clone()} on_delete={on_delete.clone()}
                on_sign={on_sign.clone()} />
        }
    });

    html! {
        <section class="page">
            <h1 class="page-title">{ session.t("documents.title") }</h1>
            <div class="card">
                <p class="hint top">{ session.t("documents.intro") }{ " " }{ session.t("upload.limit") }</p>
                if let Some(e) = &*error {
                    <div class="alert error" role="alert" id="documents-error">{ e.code.message(lang) }</div>
                }
                if let Some(path) = &*saved {
                    <div class="notice" id="documents-saved">{ format!("{} {path}", session.t("documents.saved")) }</div>
                }
                <div class="upload-fields">{ for fields }</div>
            </div>
            if let Some((document_id, file_name)) = (*signing).clone() {
                <SignDialog {document_id} {file_name} on_close={on_sign_closed} />
            }
        </section>
    }
}
