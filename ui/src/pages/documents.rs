//! «Документы организации»: corporate documents uploaded once (устав, решение учредителей, …),
//! with the upload field every document slot uses: «Загрузить», progress with speed and ETA,
//! pause/resume/cancel, errors in plain words; and the list with type, size, date and SHA-256.

use std::collections::BTreeMap;
use std::rc::Rc;

use homeportal_domain::api::{
    DocumentIdRequest, DocumentInfo, StartUploadRequest, UploadEvent, UploadIdRequest, UploadKind,
    UploadState,
};
use homeportal_domain::calendar::to_almaty;
use homeportal_domain::{ErrorBody, Lang};
use serde::Serialize;
use wasm_bindgen::JsValue;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::ipc::{call, call_with, channel, NoArgs};
use crate::session::use_session;

/// Document types of the library, in the order the select shows them.
const SLOTS: [&str; 5] = [
    "charter",
    "founders_decision",
    "registration_certificate",
    "financials",
    "other",
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
                // The hashing placeholder (id 0) gives way to the recorded upload.
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
struct StartArgs {
    request: StartUploadRequest,
}

#[derive(Serialize)]
struct UploadArgs {
    request: UploadIdRequest,
}

#[derive(Serialize)]
struct DocumentArgs {
    request: DocumentIdRequest,
}

/// `1,5 МБ`, `820 КБ`: sizes as people read them.
fn size(bytes: u64, lang: Lang) -> String {
    let (units, sep) = match lang {
        Lang::En => (["B", "KB", "MB", "GB"], '.'),
        _ => (["Б", "КБ", "МБ", "ГБ"], ','),
    };
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < 3 {
        value /= 1024.0;
        unit += 1;
    }
    let text = if unit == 0 {
        format!("{bytes}")
    } else {
        format!("{value:.1}").replace('.', &sep.to_string())
    };
    format!("{text} {}", units[unit])
}

fn when(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| {
            to_almaty(t.with_timezone(&chrono::Utc))
                .format("%d.%m.%Y %H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

fn duration(secs: u64) -> String {
    match secs {
        0..=59 => format!("{secs} с"),
        60..=3599 => format!("{} мин {} с", secs / 60, secs % 60),
        _ => format!("{} ч {} мин", secs / 3600, secs % 3600 / 60),
    }
}

/// The page.
#[function_component(DocumentsPage)]
pub fn documents_page() -> Html {
    let session = use_session();
    let lang = session.lang;
    let t = |key: &str| session.t(key).to_owned();
    let uploads = use_reducer(Uploads::default);
    let documents = use_state(Vec::<DocumentInfo>::new);
    let slot = use_state(|| SLOTS[0].to_owned());
    let error = use_state(|| None::<ErrorBody>);

    let reload = {
        let documents = documents.clone();
        let error = error.clone();
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
        let uploads = uploads.clone();
        let reload = reload.clone();
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

    let pick = {
        let (slot, error) = (slot.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            let (slot, error) = (slot.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                error.set(None);
                let picked: Result<Option<String>, ErrorBody> =
                    call("pick_file", &NoArgs {}, lang).await;
                let path = match picked {
                    Ok(Some(path)) => path,
                    Ok(None) => return,
                    Err(e) => return error.set(Some(e)),
                };
                let request = StartUploadRequest {
                    path,
                    kind: UploadKind::Library,
                    slot: (*slot).clone(),
                };
                if let Err(e) = call::<_, ()>("start_upload", &StartArgs { request }, lang).await {
                    error.set(Some(e));
                }
            });
        })
    };

    let upload_action = |cmd: &'static str, id: i64| {
        let (uploads, error) = (uploads.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            let (uploads, error) = (uploads.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let args = UploadArgs {
                    request: UploadIdRequest { id },
                };
                match call::<_, ()>(cmd, &args, lang).await {
                    Ok(()) if cmd == "cancel_upload" => uploads.dispatch(UploadsAction::Remove(id)),
                    Ok(()) => {}
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };

    let delete = |id: i64| {
        let (reload, error) = (reload.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            let (reload, error) = (reload.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let args = DocumentArgs {
                    request: DocumentIdRequest { id },
                };
                match call::<_, ()>("delete_document", &args, lang).await {
                    Ok(()) => reload.emit(()),
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };

    let on_slot = {
        let slot = slot.clone();
        Callback::from(move |e: Event| {
            slot.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };

    let upload_rows = uploads.0.values().map(|u| {
        let percent = (u.sent * 100).checked_div(u.total).unwrap_or(0);
        let state_key = match u.state {
            UploadState::Hashing => "upload.state.hashing",
            UploadState::Uploading => "upload.state.uploading",
            UploadState::Paused => "upload.state.paused",
            UploadState::Waiting => "upload.state.waiting",
            UploadState::Done => "upload.state.done",
            UploadState::Failed => "upload.state.failed",
        };
        let speed = (u.state == UploadState::Uploading && u.bytes_per_sec > 0)
            .then(|| format!("{}/{}", size(u.bytes_per_sec, lang), session.t("upload.per_second")));
        let eta = u.eta_secs.filter(|_| u.state == UploadState::Uploading).map(|s| format!("{} {}", session.t("upload.eta"), duration(s)));
        let running = matches!(u.state, UploadState::Uploading | UploadState::Waiting);
        let resumable = matches!(u.state, UploadState::Paused | UploadState::Failed);
        html! {
            <li class={classes!("upload", (u.state == UploadState::Failed).then_some("failed"))} id={format!("upload-{}", u.id)}>
                <div class="upload-head">
                    <span class="upload-name">{ &u.file_name }</span>
                    <span class="upload-state">{ session.t(state_key) }</span>
                </div>
                <div class="bar" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow={percent.to_string()}>
                    <div class="bar-fill" style={format!("width: {percent}%")}></div>
                </div>
                <div class="upload-meta">
                    <span class="upload-percent">{ format!("{percent}% · {} / {}", size(u.sent, lang), size(u.total, lang)) }</span>
                    { for speed.map(|s| html! { <span>{ s }</span> }) }
                    { for eta.map(|s| html! { <span>{ s }</span> }) }
                </div>
                if let Some(e) = &u.error {
                    <div class="field-error">{ e.code.message(lang) }</div>
                }
                if u.id != 0 {
                    <div class="upload-actions">
                        if running {
                            <button type="button" class="button ghost small" onclick={upload_action("pause_upload", u.id)}>{ session.t("upload.pause") }</button>
                        }
                        if resumable {
                            <button type="button" class="button ghost small" onclick={upload_action("resume_upload", u.id)}>{ session.t("upload.resume") }</button>
                        }
                        <button type="button" class="button ghost small danger" onclick={upload_action("cancel_upload", u.id)}>{ session.t("upload.cancel") }</button>
                    </div>
                }
            </li>
        }
    });

    let document_rows = documents.iter().map(|d| {
        let slot_label = session.t(&format!("library.{}", d.slot)).to_owned();
        html! {
            <tr>
                <td>{ slot_label }</td>
                <td class="file-name">{ &d.file_name }</td>
                <td class="num">{ size(d.size, lang) }</td>
                <td>{ when(&d.created_at) }</td>
                <td class="sha" title={d.sha256.clone()}>{ format!("{}…", &d.sha256[..d.sha256.len().min(16)]) }</td>
                <td><button type="button" class="link danger" onclick={delete(d.id)}>{ session.t("documents.delete") }</button></td>
            </tr>
        }
    });

    html! {
        <section class="page">
            <h1 class="page-title">{ t("documents.title") }</h1>
            <div class="card upload-card">
                <div class="upload-controls">
                    <div class="field">
                        <label for="document-slot">{ t("documents.type") }<span class="required" aria-hidden="true">{" *"}</span></label>
                        <select id="document-slot" onchange={on_slot}>
                            { for SLOTS.iter().map(|s| html! {
                                <option value={*s} selected={*slot == *s}>{ session.t(&format!("library.{s}")).to_owned() }</option>
                            }) }
                        </select>
                    </div>
                    <button type="button" id="upload-button" class="button primary" onclick={pick}>{ t("upload.choose") }</button>
                </div>
                <p class="hint">{ t("upload.limit") }</p>
                if let Some(e) = &*error {
                    <div class="alert error" role="alert" id="documents-error">{ e.code.message(lang) }</div>
                }
                <ul class="uploads" id="uploads">{ for upload_rows }</ul>
            </div>
            <div class="card">
                if documents.is_empty() {
                    <p class="hint" id="documents-empty">{ t("documents.empty") }</p>
                } else {
                    <table class="table" id="documents-table">
                        <thead><tr>
                            <th>{ t("documents.type") }</th><th>{ t("documents.file") }</th><th>{ t("documents.size") }</th>
                            <th>{ t("documents.date") }</th><th>{ "SHA-256" }</th><th></th>
                        </tr></thead>
                        <tbody>{ for document_rows }</tbody>
                    </table>
                }
            </div>
        </section>
    }
}
