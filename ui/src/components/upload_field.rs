//! The upload field every document slot uses: label with the required star and the «uploaded»
//! mark, «Загрузить», uploads in progress (bar, speed, ETA, pause/resume/cancel, errors in
//! plain words) and the slot's files (size, date, SHA-256, download, delete).

use homeportal_domain::api::{DocumentInfo, UploadEvent, UploadState};
use homeportal_domain::calendar::to_almaty;
use homeportal_domain::{i18n, Lang};
use yew::prelude::*;

use crate::components::icons;
use crate::components::sign_dialog::role_key;
use crate::kit::{Badge, BadgeTone, ProgressBar};
use crate::session::use_session;

/// What the user asked of an upload in progress.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum UploadAction {
    /// Pause after the current chunk.
    Pause,
    /// Go on.
    Resume,
    /// Stop and forget.
    Cancel,
}

/// What the field shows and whom it tells about clicks.
#[derive(Properties, PartialEq)]
pub struct UploadFieldProps {
    /// The slot's key (`charter`, …), also naming the field's elements.
    pub slot: AttrValue,
    /// Label text.
    pub label: String,
    /// Whether a file is required here.
    pub required: bool,
    /// Uploads of this slot.
    pub uploads: Vec<UploadEvent>,
    /// Files already stored in this slot.
    pub documents: Vec<DocumentInfo>,
    /// «Загрузить» pressed.
    pub on_pick: Callback<AttrValue>,
    /// Pause, resume or cancel an upload: (what, upload id).
    pub on_upload_action: Callback<(UploadAction, i64)>,
    /// Download: (document id, file name).
    pub on_download: Callback<(i64, String)>,
    /// Delete a document.
    pub on_delete: Callback<i64>,
    /// «Подписать ЭЦП/QR» on a file: (document id, file name).
    pub on_sign: Callback<(i64, String)>,
}

use homeportal_domain::format::size;

fn when(rfc3339: &str, lang: Lang) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| {
            to_almaty(t.with_timezone(&chrono::Utc))
                .format(i18n::text(lang, "format.date_time"))
                .to_string()
        })
        .unwrap_or_default()
}

fn duration(secs: u64, lang: Lang) -> String {
    let (s, m, h) = (
        i18n::text(lang, "unit.second"),
        i18n::text(lang, "unit.minute"),
        i18n::text(lang, "unit.hour"),
    );
    match secs {
        0..=59 => format!("{secs} {s}"),
        60..=3599 => format!("{} {m} {} {s}", secs / 60, secs % 60),
        _ => format!("{} {h} {} {m}", secs / 3600, secs % 3600 / 60),
    }
}

fn state_key(state: UploadState) -> &'static str {
    match state {
        UploadState::Hashing => "upload.state.hashing",
        UploadState::Uploading => "upload.state.uploading",
        UploadState::Paused => "upload.state.paused",
        UploadState::Waiting => "upload.state.waiting",
        UploadState::Done => "upload.state.done",
        UploadState::Failed => "upload.state.failed",
    }
}

/// The field.
#[function_component(UploadField)]
pub fn upload_field(props: &UploadFieldProps) -> Html {
    let session = use_session();
    let lang = session.lang;
    let slot = props.slot.clone();
    let uploaded = !props.documents.is_empty();

    let upload_rows = props.uploads.iter().map(|u| {
        let percent = (u.sent * 100).checked_div(u.total).unwrap_or(0);
        let speed = (u.state == UploadState::Uploading && u.bytes_per_sec > 0)
            .then(|| format!("{}/{}", size(u.bytes_per_sec, lang), session.t("upload.per_second")));
        let eta = u
            .eta_secs
            .filter(|_| u.state == UploadState::Uploading)
            .map(|s| format!("{} {}", session.t("upload.eta"), duration(s, lang)));
        let running = matches!(u.state, UploadState::Uploading | UploadState::Waiting);
        let resumable = matches!(u.state, UploadState::Paused | UploadState::Failed);
        let action = |what: UploadAction| {
            let (callback, id) = (props.on_upload_action.clone(), u.id);
            Callback::from(move |_: MouseEvent| callback.emit((what, id)))
        };
        html! {
            <li class={classes!("upload", (u.state == UploadState::Failed).then_some("failed"))} id={format!("upload-{}", u.id)}>
                <div class="upload-head">
                    <span class="upload-name">{ &u.file_name }</span>
                    <span class="upload-state">{ session.t(state_key(u.state)) }</span>
                </div>
                <ProgressBar {percent} label={u.file_name.clone()} />
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
                            <button type="button" class="button ghost small upload-pause" onclick={action(UploadAction::Pause)}>{ session.t("upload.pause") }</button>
                        }
                        if resumable {
                            <button type="button" class="button ghost small upload-resume" onclick={action(UploadAction::Resume)}>{ session.t("upload.resume") }</button>
                        }
                        <button type="button" class="button ghost small danger" onclick={action(UploadAction::Cancel)}>{ session.t("upload.cancel") }</button>
                    </div>
                }
            </li>
        }
    });

    let file_rows = props.documents.iter().map(|d| {
        let download = {
            let (callback, id, name) = (props.on_download.clone(), d.id, d.file_name.clone());
            Callback::from(move |_: MouseEvent| callback.emit((id, name.clone())))
        };
        let delete = {
            let (callback, id) = (props.on_delete.clone(), d.id);
            Callback::from(move |_: MouseEvent| callback.emit(id))
        };
        let sign = {
            let (callback, id, name) = (props.on_sign.clone(), d.id, d.file_name.clone());
            Callback::from(move |_: MouseEvent| callback.emit((id, name.clone())))
        };
        let signed_by = d.signatures.last().map(|s| {
            format!("{}, {}", s.signer_name, session.t(role_key(&s.role)))
        });
        html! {
            <tr>
                <td class="file-name">{ &d.file_name }</td>
                <td class="num">{ size(d.size, lang) }</td>
                <td>{ when(&d.created_at, lang) }</td>
                <td class="sha" title={d.sha256.clone()}>{ format!("{}…", &d.sha256[..d.sha256.len().min(16)]) }</td>
                <td class="signature" id={format!("signature-{}", d.id)}>
                    if let Some(who) = signed_by {
                        <span class="badge ok" title={who.clone()}>{ session.t("documents.signed") }</span>
                        <span class="signer">{ who }</span>
                    } else {
                        <span class="badge muted">{ session.t("documents.not_signed") }</span>
                    }
                </td>
                <td class="actions">
                    <button type="button" class="link" onclick={download}>{ session.t("documents.download") }</button>
                    <button type="button" class="link sign" id={format!("sign-{}", d.id)} onclick={sign}>{ session.t("sign.button") }</button>
                    <button type="button" class="link danger" id={format!("delete-{}", d.id)} onclick={delete}>{ session.t("documents.delete") }</button>
                </td>
            </tr>
        }
    });

    let pick = {
        let (callback, slot) = (props.on_pick.clone(), slot.clone());
        Callback::from(move |_: MouseEvent| callback.emit(slot.clone()))
    };

    html! {
        <div class="upload-field" id={format!("slot-{slot}")}>
            <div class="upload-field-head">
                <span class="upload-label">
                    { &props.label }
                    if props.required { <span class="required" aria-hidden="true">{" *"}</span> }
                </span>
                if props.required && uploaded {
                    <Badge tone={BadgeTone::Ok} class="uploaded-mark">{ icons::check() }{ session.t("upload.state.done") }</Badge>
                }
                <button type="button" id={format!("upload-{slot}")} class="button ghost small upload-pick" onclick={pick}>
                    { icons::document() }{ session.t("upload.choose") }
                </button>
            </div>
            if !props.uploads.is_empty() {
                <ul class="uploads">{ for upload_rows }</ul>
            }
            if uploaded {
                <table class="table files">
                    <thead><tr>
                        <th>{ session.t("documents.file") }</th><th>{ session.t("documents.size") }</th>
                        <th>{ session.t("documents.date") }</th><th>{ session.t("documents.sha256") }</th>
                        <th>{ session.t("documents.signature") }</th><th></th>
                    </tr></thead>
                    <tbody>{ for file_rows }</tbody>
                </table>
            } else if props.uploads.is_empty() {
                <p class="hint files-empty">{ session.t("documents.none_yet") }</p>
            }
        </div>
    }
}
