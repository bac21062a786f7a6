//! Upload fields for a set of document slots, with everything behind them: the slot's files,
//! uploads in progress (from the app's event feed), pick/pause/resume/cancel, download,
//! delete and «Подписать ЭЦП/QR».

use std::collections::BTreeMap;
use std::rc::Rc;

use homeportal_domain::api::{
    AttachDocumentRequest, DocumentIdRequest, DocumentInfo, DownloadRequest, StartUploadRequest,
    UploadEvent, UploadIdRequest, UploadKind, UploadState,
};
use homeportal_domain::commands::{
    AttachLibraryDocument, CancelUpload, DeleteDocument, DownloadDocument, ListDocuments,
    ListUploads, NoArgs, PauseUpload, PickFile, ResumeUpload, StartUpload,
};
use homeportal_domain::events::{AppEvent, DataKind};
use homeportal_domain::ErrorBody;
use yew::prelude::*;

use crate::components::sign_dialog::SignDialog;
use crate::components::upload_field::{UploadAction, UploadField};
use crate::hooks::{use_app_event, use_command};
use crate::ipc::invoke;
use crate::kit::{Alert, AlertKind, Button, ButtonKind, Modal};
use crate::session::use_session;
use homeportal_domain::format::size;

/// One slot to show.
#[derive(Clone, PartialEq)]
pub struct SlotItem {
    /// The key documents of this slot are stored under.
    pub key: AttrValue,
    /// Its label.
    pub label: AttrValue,
    /// Whether a file is required.
    pub required: bool,
}

/// Uploads by id, updated by the shell's events.
#[derive(Default, PartialEq)]
struct Uploads(BTreeMap<i64, UploadEvent>);

enum UploadsAction {
    Seen(Vec<UploadEvent>),
    Event(UploadEvent),
    Remove(i64),
}

impl Reducible for Uploads {
    type Action = UploadsAction;
    fn reduce(self: Rc<Self>, action: UploadsAction) -> Rc<Self> {
        let mut next = self.0.clone();
        match action {
            UploadsAction::Seen(events) => {
                for event in events {
                    next.entry(event.id).or_insert(event);
                }
            }
            UploadsAction::Event(event) if event.state == UploadState::Done => {
                next.remove(&event.id);
            }
            UploadsAction::Event(event) => {
                next.insert(event.id, event);
            }
            UploadsAction::Remove(id) => {
                next.remove(&id);
            }
        }
        Rc::new(Uploads(next))
    }
}

/// Props of [`DocumentSlots`].
#[derive(Properties, PartialEq)]
pub struct DocumentSlotsProps {
    /// What the documents are for (their size limit).
    pub kind: UploadKind,
    /// The slots, in order.
    pub slots: Vec<SlotItem>,
    /// Told the organisation's documents whenever they are (re)loaded.
    #[prop_or_default]
    pub on_documents: Callback<Vec<DocumentInfo>>,
    /// Offer «Взять из документов организации» (an application's fields).
    #[prop_or_default]
    pub library: bool,
}

/// The slots' upload fields.
#[function_component(DocumentSlots)]
pub fn document_slots(props: &DocumentSlotsProps) -> Html {
    let session = use_session();
    let lang = session.lang;
    let uploads = use_reducer(Uploads::default);
    let listed = use_command::<ListDocuments>(NoArgs {});
    let in_flight = use_command::<ListUploads>(NoArgs {});
    let error = use_state(|| None::<ErrorBody>);
    let saved = use_state(|| None::<String>);
    let signing = use_state(|| None::<(i64, String)>);
    let choosing = use_state(|| None::<AttrValue>);

    {
        let (uploads, reload) = (uploads.clone(), listed.reload.clone());
        use_app_event(move |event| match event {
            AppEvent::Upload(upload) => uploads.dispatch(UploadsAction::Event(upload)),
            AppEvent::DataChanged(DataKind::Documents) => reload.emit(()),
            AppEvent::DataChanged(_)
            | AppEvent::CloseRequested
            | AppEvent::CloseWithUploads { .. }
            | AppEvent::StatusChanged(_) => {}
        });
    }
    {
        let uploads = uploads.clone();
        use_effect_with((*in_flight.data).clone(), move |seen| {
            if let Some(seen) = seen {
                uploads.dispatch(UploadsAction::Seen(seen.clone()));
            }
        });
    }
    {
        let on_documents = props.on_documents.clone();
        use_effect_with((*listed.data).clone(), move |documents| {
            if let Some(documents) = documents {
                on_documents.emit(documents.clone());
            }
        });
    }

    let on_pick = {
        let (error, kind) = (error.clone(), props.kind);
        Callback::from(move |slot: AttrValue| {
            let error = error.clone();
            wasm_bindgen_futures::spawn_local(async move {
                error.set(None);
                let path = match invoke::<PickFile>(&NoArgs {}, lang).await {
                    Ok(Some(path)) => path,
                    Ok(None) => return,
                    Err(e) => return error.set(Some(e)),
                };
                let request = StartUploadRequest {
                    path,
                    kind,
                    slot: slot.to_string(),
                };
                if let Err(e) = invoke::<StartUpload>(&request, lang).await {
                    error.set(Some(e));
                }
            });
        })
    };

    let on_upload_action = {
        let (uploads, error) = (uploads.clone(), error.clone());
        Callback::from(move |(what, id): (UploadAction, i64)| {
            let (uploads, error) = (uploads.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let request = UploadIdRequest { id };
                let result = match what {
                    UploadAction::Pause => invoke::<PauseUpload>(&request, lang).await,
                    UploadAction::Resume => invoke::<ResumeUpload>(&request, lang).await,
                    UploadAction::Cancel => invoke::<CancelUpload>(&request, lang)
                        .await
                        .map(|()| uploads.dispatch(UploadsAction::Remove(id))),
                };
                if let Err(e) = result {
                    error.set(Some(e));
                }
            });
        })
    };

    // «Удалить» asks first: a document may be hundreds of megabytes uploaded over hours.
    let deleting = use_state(|| None::<DocumentInfo>);
    let on_delete = {
        let (deleting, listed_data) = (deleting.clone(), listed.data.clone());
        Callback::from(move |id: i64| {
            let found = (*listed_data)
                .as_ref()
                .and_then(|docs| docs.iter().find(|d| d.id == id).cloned());
            deleting.set(found);
        })
    };
    let confirm_delete = {
        let (deleting, error) = (deleting.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(document) = (*deleting).clone() else {
                return;
            };
            deleting.set(None);
            let error = error.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let request = DocumentIdRequest { id: document.id };
                if let Err(e) = invoke::<DeleteDocument>(&request, lang).await {
                    error.set(Some(e));
                }
            });
        })
    };
    let cancel_delete = {
        let deleting = deleting.clone();
        Callback::from(move |_: ()| deleting.set(None))
    };

    let on_download = {
        let (saved, error) = (saved.clone(), error.clone());
        Callback::from(move |(id, file_name): (i64, String)| {
            let (saved, error) = (saved.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let request = DownloadRequest { id, file_name };
                match invoke::<DownloadDocument>(&request, lang).await {
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
        let (signing, reload) = (signing.clone(), listed.reload.clone());
        Callback::from(move |signed: bool| {
            signing.set(None);
            if signed {
                reload.emit(());
            }
        })
    };

    let documents = (*listed.data).clone().unwrap_or_default();
    let fields = props.slots.iter().map(|item| {
        let slot_uploads: Vec<UploadEvent> = uploads
            .0
            .values()
            .filter(|u| u.slot == item.key.as_str())
            .cloned()
            .collect();
        let slot_documents: Vec<DocumentInfo> = documents
            .iter()
            .filter(|d| d.slot == item.key.as_str())
            .cloned()
            .collect();
        let choose = {
            let (choosing, key) = (choosing.clone(), item.key.clone());
            Callback::from(move |_: MouseEvent| choosing.set(Some(key.clone())))
        };
        html! {
            <>
                <UploadField slot={item.key.clone()} label={item.label.to_string()} required={item.required}
                    uploads={slot_uploads} documents={slot_documents}
                    on_pick={on_pick.clone()} on_upload_action={on_upload_action.clone()}
                    on_download={on_download.clone()} on_delete={on_delete.clone()}
                    on_sign={on_sign.clone()} />
                if props.library {
                    <Button kind={ButtonKind::Link} small=true id={format!("library-{}", item.key)} onclick={choose}>
                        { session.t("documents.from_library") }
                    </Button>
                }
            </>
        }
    });
    let library_documents: Vec<DocumentInfo> = documents
        .iter()
        .filter(|d| !d.slot.starts_with("app"))
        .cloned()
        .collect();
    let close_library = {
        let choosing = choosing.clone();
        Callback::from(move |_| choosing.set(None))
    };
    let pick_from_library = {
        let (choosing, error, reload) = (choosing.clone(), error.clone(), listed.reload.clone());
        Callback::from(move |document_id: i64| {
            let Some(slot) = (*choosing).clone() else {
                return;
            };
            let (choosing, error, reload) = (choosing.clone(), error.clone(), reload.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let request = AttachDocumentRequest {
                    document_id,
                    slot: slot.to_string(),
                };
                match invoke::<AttachLibraryDocument>(&request, lang).await {
                    Ok(_) => {
                        choosing.set(None);
                        reload.emit(());
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let shown_error = (*error).clone().or_else(|| (*listed.error).clone());

    html! {
        <>
            if let Some(e) = shown_error {
                <Alert id="documents-error" dismiss_label={session.t("action.close").to_owned()}
                       on_dismiss={let (error, reload) = (error.clone(), listed.reload.clone());
                                   Callback::from(move |_| { error.set(None); reload.emit(()); })}>
                    // The shell's words: they name the file and its size where that matters.
                    { e.message.clone() }
                </Alert>
            }
            if let Some(path) = &*saved {
                <Alert kind={AlertKind::Info} id="documents-saved" dismiss_label={session.t("action.close").to_owned()}
                       on_dismiss={let saved = saved.clone(); Callback::from(move |_| saved.set(None))}>
                    { format!("{} {path}", session.t("documents.saved")) }
                </Alert>
            }
            <div class="upload-fields">{ for fields }</div>
            if let Some((document_id, file_name)) = (*signing).clone() {
                <SignDialog {document_id} {file_name} on_close={on_sign_closed} />
            }
            if choosing.is_some() {
                <Modal id="library-dialog" title={session.t("documents.from_library").to_owned()} on_close={close_library.clone()}>
                    if library_documents.is_empty() {
                        <p id="library-empty">{ session.t("documents.library_empty") }</p>
                    } else {
                        <ul class="library-list">
                            { for library_documents.iter().map(|d| {
                                let pick = { let pick_from_library = pick_from_library.clone(); let id = d.id; Callback::from(move |_: MouseEvent| pick_from_library.emit(id)) };
                                html! {
                                    <li>
                                        <Button kind={ButtonKind::Link} id={format!("library-pick-{}", d.id)} onclick={pick}>
                                            { format!("{} · {}", d.file_name, size(d.size, lang)) }
                                        </Button>
                                    </li>
                                }
                            }) }
                        </ul>
                    }
                    <div class="modal-actions">
                        <button type="button" class="button ghost" id="library-cancel"
                                onclick={close_library.reform(|_: MouseEvent| ())}>{ session.t("action.cancel") }</button>
                    </div>
                </Modal>
            }
            if let Some(document) = (*deleting).clone() {
                <Modal id="delete-dialog" title={session.t("documents.delete.title").to_owned()}
                       on_close={cancel_delete.clone()}>
                    <p id="delete-question">{ format!("«{}» ({}). {}", document.file_name,
                        size(document.size, lang), session.t("documents.delete.question")) }</p>
                    <div class="modal-actions">
                        <button type="button" class="button ghost" id="delete-cancel"
                                onclick={cancel_delete.reform(|_: MouseEvent| ())}>{ session.t("action.cancel") }</button>
                        <button type="button" class="button primary danger" id="delete-confirm"
                                onclick={confirm_delete}>{ session.t("documents.delete") }</button>
                    </div>
                </Modal>
            }
        </>
    }
}
