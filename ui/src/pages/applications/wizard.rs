//! An application's form (R5.2–R5.5): the route indicator of its stages, the open stage's tabs
//! with their «complete» marks, the tab rendered from the spec, and «Назад» / «Далее» /
//! «Сохранить черновик».

use std::collections::BTreeMap;

use homeportal_domain::api::{ApplicationKind, DocumentInfo, UploadKind};
use homeportal_domain::applications::{DraftIdRequest, SaveDraftRequest};
use homeportal_domain::commands::{OpenDraft, SaveDraft};
use homeportal_domain::forms::{AttachedFile, DocumentSlot, FormSpec};
use homeportal_domain::{i18n, ErrorBody, Lang};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::document_slots::{DocumentSlots, SlotItem};
use crate::forms::{tab_problems, FormAction, FormRenderer, FormState};
use crate::ipc::invoke;
use crate::kit::{Alert, AlertKind, Button, ButtonKind, RouteIndicator, StageItem, TabItem, Tabs};
use crate::route::{DraftRef, Route};
use crate::session::use_session;

use super::title_key;

/// Props of [`ApplicationWizard`].
#[derive(Properties, PartialEq)]
pub struct ApplicationWizardProps {
    /// Its kind.
    pub kind: ApplicationKind,
    /// New or saved.
    pub id: DraftRef,
    /// The open stage's id.
    pub stage: AttrValue,
    /// The open tab's id.
    pub tab: AttrValue,
}

/// The slot key the documents of draft `id` are stored under.
fn slot_key(id: i64, slot: &DocumentSlot) -> String {
    format!("app{id}-{}", slot.id)
}

/// The files of each slot of `spec` among the organisation's documents.
fn attached(
    spec: &FormSpec,
    id: i64,
    documents: &[DocumentInfo],
) -> BTreeMap<String, Vec<AttachedFile>> {
    spec.stages
        .iter()
        .flat_map(|s| s.tabs.iter())
        .flat_map(|t| t.documents.iter())
        .map(|slot| {
            let key = slot_key(id, slot);
            let files = documents
                .iter()
                .filter(|d| d.slot == key)
                .map(|d| AttachedFile {
                    file_name: d.file_name.clone(),
                    size: d.size,
                    sha256: d.sha256.clone(),
                    signed: !d.signatures.is_empty(),
                })
                .collect();
            (slot.id.to_owned(), files)
        })
        .collect()
}

/// The wizard.
#[function_component(ApplicationWizard)]
pub fn application_wizard(props: &ApplicationWizardProps) -> Html {
    let session = use_session();
    let lang = session.lang;
    let kind = props.kind;
    let spec = kind.form();
    let navigator = use_navigator();
    let state = use_reducer(|| FormState::new(spec));
    let loaded = use_state(|| None::<i64>);
    let error = use_state(|| None::<ErrorBody>);
    let saved_at = use_state(|| None::<String>);
    let draft_id = match props.id {
        DraftRef::Saved(id) => Some(id),
        DraftRef::New => None,
    };

    {
        let (state, loaded, error) = (state.clone(), loaded.clone(), error.clone());
        use_effect_with(props.id, move |id| {
            if let DraftRef::Saved(id) = *id {
                if *loaded != Some(id) {
                    wasm_bindgen_futures::spawn_local(async move {
                        match invoke::<OpenDraft>(&DraftIdRequest { id }, lang).await {
                            Ok(view) => {
                                state.dispatch(FormAction::Load(view.data));
                                loaded.set(Some(id));
                            }
                            Err(e) => error.set(Some(e)),
                        }
                    });
                }
            }
        });
    }

    let stage_index = spec
        .stages
        .iter()
        .position(|s| s.id == props.stage.as_str())
        .unwrap_or(0);
    let stage = &spec.stages[stage_index];
    let tab = stage
        .tabs
        .iter()
        .find(|t| t.id == props.tab.as_str())
        .unwrap_or(&stage.tabs[0]);
    let complete = |t| tab_problems(spec, t, &state.data).is_empty();

    let go = {
        let navigator = navigator.clone();
        move |id: DraftRef, stage_index: usize, tab_id: Option<&str>| {
            let stage = &spec.stages[stage_index];
            let tab = tab_id.unwrap_or(stage.tabs[0].id);
            if let Some(navigator) = &navigator {
                navigator.push(&Route::ApplicationForm {
                    kind,
                    id,
                    stage: stage.id.to_owned(),
                    tab: tab.to_owned(),
                });
            }
        }
    };
    let on_stage = {
        let go = go.clone();
        Callback::from(move |i: usize| go(props_id(draft_id), i, None))
    };
    let on_tab = {
        let go = go.clone();
        Callback::from(move |tab: AttrValue| {
            go(props_id(draft_id), stage_index, Some(tab.as_str()))
        })
    };
    let back = {
        let go = go.clone();
        Callback::from(move |_: MouseEvent| {
            go(props_id(draft_id), stage_index.saturating_sub(1), None)
        })
    };
    let next = {
        let go = go.clone();
        Callback::from(move |_: MouseEvent| go(props_id(draft_id), stage_index + 1, None))
    };
    let save = {
        let (state, loaded, error, saved_at) = (
            state.clone(),
            loaded.clone(),
            error.clone(),
            saved_at.clone(),
        );
        let (navigator, stage_id, tab_id) = (navigator.clone(), stage.id, tab.id);
        Callback::from(move |_: MouseEvent| {
            let request = SaveDraftRequest {
                id: draft_id,
                kind,
                data: state.data.clone(),
            };
            let (state, loaded, error, saved_at, navigator) = (
                state.clone(),
                loaded.clone(),
                error.clone(),
                saved_at.clone(),
                navigator.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match invoke::<SaveDraft>(&request, lang).await {
                    Ok(saved) => {
                        state.dispatch(FormAction::Saved);
                        error.set(None);
                        saved_at.set(Some(saved.saved_at));
                        loaded.set(Some(saved.id));
                        if draft_id.is_none() {
                            if let Some(navigator) = &navigator {
                                navigator.replace(&Route::ApplicationForm {
                                    kind,
                                    id: DraftRef::Saved(saved.id),
                                    stage: stage_id.to_owned(),
                                    tab: tab_id.to_owned(),
                                });
                            }
                        }
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let to_list = {
        let navigator = navigator.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(navigator) = &navigator {
                navigator.push(&Route::Applications { kind });
            }
        })
    };

    let documents = {
        let (session, state) = (session.clone(), state.clone());
        Callback::from(move |slots: &'static [DocumentSlot]| match draft_id {
            None => html! {
                <Alert kind={AlertKind::Info} id="documents-save-first">{ session.t("apps.save_first") }</Alert>
            },
            Some(id) => {
                let items: Vec<SlotItem> = slots
                    .iter()
                    .map(|slot| SlotItem {
                        key: AttrValue::from(slot_key(id, slot)),
                        label: AttrValue::from(session.t(slot.label).to_owned()),
                        required: slot.required,
                    })
                    .collect();
                let on_documents = {
                    let state = state.clone();
                    Callback::from(move |documents: Vec<DocumentInfo>| {
                        state.dispatch(FormAction::AttachDocuments(attached(spec, id, &documents)))
                    })
                };
                html! { <DocumentSlots kind={UploadKind::Application} slots={items} {on_documents} /> }
            }
        })
    };

    let stages: Vec<StageItem> = spec
        .stages
        .iter()
        .map(|s| StageItem {
            label: AttrValue::from(session.t(s.label).to_owned()),
            complete: s.tabs.iter().all(complete),
        })
        .collect();
    let tabs: Vec<TabItem> = stage
        .tabs
        .iter()
        .map(|t| TabItem {
            id: AttrValue::from(t.id),
            label: AttrValue::from(session.t(t.label).to_owned()),
            complete: complete(t),
        })
        .collect();
    let last = spec.stages.len() - 1;
    let status = if state.dirty {
        session.t("draft.unsaved").to_owned()
    } else if let Some(at) = &*saved_at {
        format!("{} {}", session.t("draft.saved_locally"), time_of(at, lang))
    } else {
        String::new()
    };

    html! {
        <section class="page wizard">
            <Button kind={ButtonKind::Link} id="back-to-list" onclick={to_list}>
                { "← " }{ session.t(title_key(kind)) }
            </Button>
            <h1 class="page-title">{ session.t(spec.label) }</h1>
            <RouteIndicator {stages} current={stage_index} onselect={on_stage} />
            <div class="card">
                <Tabs tabs={tabs} active={AttrValue::from(tab.id)} onselect={on_tab}
                    label={session.t(stage.label).to_owned()} />
                <p class="required-hint">{ session.t("form.required_hint") }</p>
                if let Some(e) = &*error {
                    <Alert id="form-error">{ e.message.clone() }</Alert>
                }
                <FormRenderer state={state.clone()} {tab} {documents} />
                <div class="wizard-actions">
                    if stage_index > 0 {
                        <Button kind={ButtonKind::Ghost} id="wizard-back" onclick={back}>{ session.t("action.back") }</Button>
                    }
                    if stage_index < last {
                        <Button kind={ButtonKind::Ghost} id="wizard-next" onclick={next}>{ session.t("action.next") }</Button>
                    }
                    <span class="draft-status" id="draft-status" role="status">{ status }</span>
                    <Button kind={ButtonKind::Primary} id="save-draft" onclick={save}>{ session.t("action.save_draft") }</Button>
                </div>
                <div class="wizard-send">
                    <p class="hint">{ session.t("apps.send_later") }</p>
                    <Button kind={ButtonKind::Ghost} disabled=true id="sign-application">{ session.t("action.sign_application") }</Button>
                    <Button kind={ButtonKind::Ghost} disabled=true id="send-to-moderation">{ session.t("action.send_to_moderation") }</Button>
                </div>
            </div>
        </section>
    }
}

fn props_id(draft_id: Option<i64>) -> DraftRef {
    draft_id.map_or(DraftRef::New, DraftRef::Saved)
}

/// The Astana time of day of an RFC 3339 time, as `lang` writes it.
fn time_of(rfc3339: &str, lang: Lang) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| {
            homeportal_domain::calendar::to_almaty(t.with_timezone(&chrono::Utc))
                .format(i18n::text(lang, "format.time"))
                .to_string()
        })
        .unwrap_or_default()
}
