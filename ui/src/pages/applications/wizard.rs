//! An application's form (R5.2–R5.5): the route indicator of its stages, the open stage's tabs
//! with their «complete» marks, the tab rendered from the spec, and «Назад» / «Далее» /
//! «Сохранить черновик». Typing is saved by itself 300 ms after it stops (and before the window
//! closes); the line under the form says where the draft stands with the server. A conflict
//! shows both values to choose from; the history shows what happened.

use std::collections::BTreeMap;

use gloo_timers::callback::Timeout;
use homeportal_domain::api::{ApplicationKind, DocumentInfo, UploadKind};
use homeportal_domain::applications::{
    ApplicationStatus, DraftIdRequest, DraftView, SaveDraftRequest,
};
use homeportal_domain::commands::{NoArgs, OpenDraft, ReadyToClose, SaveDraft};
use homeportal_domain::events::{AppEvent, DataKind};
use homeportal_domain::forms::merge::Conflict;
use homeportal_domain::forms::{AttachedFile, DocumentSlot, FormData, FormSpec, Party};
use homeportal_domain::ids::Bin;
use homeportal_domain::sync::{DraftSync, HistoryEvent};
use homeportal_domain::{i18n, ErrorBody, Lang};
use yew::prelude::*;
use yew_router::prelude::*;

use super::conflict::ConflictPanel;
use super::consents::ConsentsPanel;
use super::developer::DeveloperPanel;
use super::history::HistoryList;
use super::send::{focus_later, locate, SendPanel};
use crate::closing::use_holds_close;
use crate::components::document_slots::{DocumentSlots, SlotItem};
use crate::forms::{tab_problems, Access, FormAction, FormRenderer, FormState};
use crate::hooks::use_app_event;
use crate::ipc::invoke;
use crate::kit::{Alert, AlertKind, Button, ButtonKind, RouteIndicator, StageItem, TabItem, Tabs};
use crate::route::{DraftRef, Route};
use crate::session::{use_session, Session};

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

/// The files of each slot of `spec` this organisation fills, among its documents.
fn attached(
    spec: &FormSpec,
    id: i64,
    documents: &[DocumentInfo],
    access: Access,
) -> BTreeMap<String, Vec<AttachedFile>> {
    spec.stages
        .iter()
        .flat_map(|s| s.tabs.iter())
        .flat_map(|t| t.documents.iter())
        .filter(|slot| access.writes(slot.party))
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

/// The other party's document slots: what it attached, read-only.
fn read_only_slots<'a>(
    session: &Session,
    slots: impl IntoIterator<Item = &'a DocumentSlot>,
    data: &FormData,
) -> Html {
    html! {
        <div class="document-slots read-only-slots">
            { for slots.into_iter().map(|slot| {
                let files = data.documents.get(slot.id).map_or(&[][..], Vec::as_slice);
                html! {
                    <div class="slot" id={format!("slot-readonly-{}", slot.id)}>
                        <div class="slot-label">
                            { session.t(slot.label) }
                            if slot.required { <span class="required" aria-hidden="true">{ " *" }</span> }
                        </div>
                        if files.is_empty() {
                            <p class="muted">{ session.t("documents.other_party_empty") }</p>
                        } else {
                            <ul class="slot-files">
                                { for files.iter().map(|f| html! {
                                    <li>{ format!("{} · {}", f.file_name, homeportal_domain::format::size(f.size, session.lang)) }</li>
                                }) }
                            </ul>
                        }
                    </div>
                }
            }) }
        </div>
    }
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
    // The draft the form holds: opening a route of it again (after its first save) must not
    // load it over what is being typed.
    let loaded = use_mut_ref(|| None::<i64>);
    let error = use_state(|| None::<ErrorBody>);
    let saved_at = use_state(|| None::<String>);
    let sync = use_state(|| None::<DraftSync>);
    let conflicts = use_state(Vec::<Conflict>::new);
    let history = use_state(Vec::<HistoryEvent>::new);
    let parties = use_state(|| Parties {
        party: Party::Uk,
        status: ApplicationStatus::initial(kind),
        developer: None,
    });
    let draft_id = match props.id {
        DraftRef::Saved(id) => Some(id),
        DraftRef::New => None,
    };
    // What timers and event handlers read: the newest form, the draft's id once it has one, and
    // whether a save is under way (a second one waits for it).
    let latest = use_mut_ref(|| (*state).clone());
    *latest.borrow_mut() = (*state).clone();
    let current_id = use_mut_ref(|| draft_id);
    if draft_id.is_some() {
        *current_id.borrow_mut() = draft_id;
    }
    let gate = use_mut_ref(SaveGate::default);
    // Where the form is now: a first save that answers later keeps the user on this tab.
    let here = use_mut_ref(|| (props.stage.clone(), props.tab.clone()));
    *here.borrow_mut() = (props.stage.clone(), props.tab.clone());
    use_holds_close();

    let show = {
        let (state, sync, conflicts, history, saved_at, parties) = (
            state.clone(),
            sync.clone(),
            conflicts.clone(),
            history.clone(),
            saved_at.clone(),
            parties.clone(),
        );
        Callback::from(move |(view, fresh): (DraftView, bool)| {
            if fresh {
                state.dispatch(FormAction::Load(view.data, view.revision));
            } else {
                state.dispatch(FormAction::Refreshed(view.data, view.revision));
            }
            sync.set(Some(view.sync));
            parties.set(Parties {
                party: view.party,
                status: view.status,
                developer: view.developer,
            });
            conflicts.set(view.conflicts);
            history.set(view.history);
            saved_at.set(Some(view.saved_at));
        })
    };

    // Reads the stored copy again (the sync engine or another window changed it).
    let reload = {
        let (current_id, show, error) = (current_id.clone(), show.clone(), error.clone());
        Callback::from(move |_: ()| {
            let Some(id) = *current_id.borrow() else {
                return;
            };
            let (show, error) = (show.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match invoke::<OpenDraft>(&DraftIdRequest { id }, lang).await {
                    Ok(view) => show.emit((view, false)),
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };

    {
        let (loaded, error, show) = (loaded.clone(), error.clone(), show.clone());
        use_effect_with(props.id, move |id| {
            let failed = loaded.clone();
            if let DraftRef::Saved(id) = *id {
                if *loaded.borrow() != Some(id) {
                    *loaded.borrow_mut() = Some(id);
                    wasm_bindgen_futures::spawn_local(async move {
                        match invoke::<OpenDraft>(&DraftIdRequest { id }, lang).await {
                            Ok(view) => show.emit((view, true)),
                            Err(e) => {
                                *failed.borrow_mut() = None;
                                error.set(Some(e));
                            }
                        }
                    });
                }
            }
        });
    }

    let save_now = {
        let (state, latest, current_id, gate) = (
            state.clone(),
            latest.clone(),
            current_id.clone(),
            gate.clone(),
        );
        let (error, saved_at, sync, navigator) = (
            error.clone(),
            saved_at.clone(),
            sync.clone(),
            navigator.clone(),
        );
        let (here, loaded, reload) = (here.clone(), loaded.clone(), reload.clone());
        Callback::from(move |_: ()| {
            let form = latest.borrow().clone();
            let id = *current_id.borrow();
            if gate.borrow().in_flight || (id.is_some() && !form.is_dirty()) {
                return;
            }
            gate.borrow_mut().in_flight = true;
            let request = SaveDraftRequest {
                id,
                kind,
                changes: form.unsaved(),
            };
            let (state, current_id, gate, error, saved_at, sync, navigator) = (
                state.clone(),
                current_id.clone(),
                gate.clone(),
                error.clone(),
                saved_at.clone(),
                sync.clone(),
                navigator.clone(),
            );
            let (here, loaded, reload) = (here.clone(), loaded.clone(), reload.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let answer = invoke::<SaveDraft>(&request, lang).await;
                let finished = std::mem::take(&mut *gate.borrow_mut());
                match answer {
                    Ok(saved) => {
                        error.set(None);
                        saved_at.set(Some(saved.saved_at));
                        sync.set(Some(saved.sync));
                        *current_id.borrow_mut() = Some(saved.id);
                        *loaded.borrow_mut() = Some(saved.id);
                        state.dispatch(FormAction::Saved {
                            sent: form.data,
                            store: saved.data,
                            revision: saved.revision,
                        });
                        if id.is_none() {
                            let (stage_id, tab_id) = here.borrow().clone();
                            if let Some(navigator) = &navigator {
                                navigator.replace(&Route::ApplicationForm {
                                    kind,
                                    id: DraftRef::Saved(saved.id),
                                    stage: stage_id.to_string(),
                                    tab: tab_id.to_string(),
                                });
                            }
                        }
                    }
                    Err(e) => error.set(Some(e)),
                }
                if finished.reload_after {
                    reload.emit(());
                }
                if finished.close_after {
                    let _ = invoke::<ReadyToClose>(&NoArgs {}, lang).await;
                }
            });
        })
    };

    // Typing is saved 300 ms after it stops; a save under way is followed by another.
    {
        let (save_now, timer) = (save_now.clone(), use_mut_ref(|| None::<Timeout>));
        let dirty = state.is_dirty();
        use_effect_with((state.data.clone(), state.saved.clone()), move |_| {
            *timer.borrow_mut() =
                dirty.then(|| Timeout::new(AUTOSAVE_MS, move || save_now.emit(())));
        });
    }

    {
        let (latest, gate, save_now, reload) = (
            latest.clone(),
            gate.clone(),
            save_now.clone(),
            reload.clone(),
        );
        use_app_event(move |event| match event {
            AppEvent::CloseRequested => {
                let dirty = latest.borrow().is_dirty();
                if gate.borrow().in_flight || dirty {
                    gate.borrow_mut().close_after = true;
                    if !gate.borrow().in_flight {
                        save_now.emit(());
                    }
                } else {
                    wasm_bindgen_futures::spawn_local(async move {
                        let _ = invoke::<ReadyToClose>(&NoArgs {}, lang).await;
                    });
                }
            }
            AppEvent::DataChanged(DataKind::Applications) => {
                if gate.borrow().in_flight {
                    gate.borrow_mut().reload_after = true;
                } else {
                    reload.emit(());
                }
            }
            _ => {}
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
        let save_now = save_now.clone();
        Callback::from(move |_: MouseEvent| save_now.emit(()))
    };
    let to_list = {
        let navigator = navigator.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(navigator) = &navigator {
                navigator.push(&Route::Applications { kind });
            }
        })
    };

    let access = Access {
        party: parties.party,
        editable: parties.status.is_editable(),
    };
    let documents = {
        let (session, state) = (session.clone(), state.clone());
        Callback::from(move |slots: &'static [DocumentSlot]| match draft_id {
            _ if slots.iter().all(|s| !access.writes(s.party)) => {
                read_only_slots(&session, slots, &state.data)
            }
            None => html! {
                <Alert kind={AlertKind::Info} id="documents-save-first">{ session.t("apps.save_first") }</Alert>
            },
            Some(id) => {
                let items: Vec<SlotItem> = slots
                    .iter()
                    .filter(|slot| access.writes(slot.party))
                    .map(|slot| SlotItem {
                        key: AttrValue::from(slot_key(id, slot)),
                        label: AttrValue::from(session.t(slot.label).to_owned()),
                        required: slot.required,
                    })
                    .collect();
                let on_documents = {
                    let state = state.clone();
                    Callback::from(move |documents: Vec<DocumentInfo>| {
                        state.dispatch(FormAction::AttachDocuments(attached(
                            spec, id, &documents, access,
                        )))
                    })
                };
                let others: Vec<&'static DocumentSlot> =
                    slots.iter().filter(|s| !access.writes(s.party)).collect();
                html! {
                    <>
                        <DocumentSlots kind={UploadKind::Application} slots={items} {on_documents} library=true />
                        if !others.is_empty() {
                            { read_only_slots(&session, others.iter().copied(), &state.data) }
                        }
                    </>
                }
            }
        })
    };

    let stages: Vec<StageItem> = spec
        .stages
        .iter()
        .map(|s| StageItem {
            label: AttrValue::from(session.t(s.label).to_owned()),
            complete: s.tabs.iter().all(complete),
            parties: [
                (Party::Uk, "party.uk"),
                (Party::Developer, "party.developer"),
            ]
            .into_iter()
            .filter(|(party, _)| s.has_part_of(*party))
            .map(|(party, key)| {
                (
                    AttrValue::from(session.t(key).to_owned()),
                    s.is_complete(&state.data, Some(party)),
                )
            })
            .collect(),
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
    let status = if state.is_dirty() {
        session.t("draft.unsaved").to_owned()
    } else {
        sync_words(&session, (*sync).as_ref(), (*saved_at).as_deref())
    };
    let resolved = {
        let show = show.clone();
        Callback::from(move |view: DraftView| show.emit((view, true)))
    };
    let in_conflict = !conflicts.is_empty();
    let on_locate = {
        let go = go.clone();
        Callback::from(move |path: String| {
            if let Some((stage, tab)) = locate(spec, &path) {
                go(props_id(draft_id), stage, Some(tab));
                focus_later(&path);
            }
        })
    };
    let on_view = {
        let show = show.clone();
        Callback::from(move |view: DraftView| show.emit((view, false)))
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
                if let (true, Some(id)) = (in_conflict, draft_id) {
                    <ConflictPanel {id} {kind} conflicts={(*conflicts).clone()} onresolved={resolved} />
                } else {
                    // Above the fields: a message appearing under a field as it is left must not
                    // move these buttons from under the pointer.
                    if tab.id == "developer" && parties.party == Party::Uk {
                        <DeveloperPanel state={state.clone()} {draft_id} joined={parties.developer}
                            editable={access.editable} />
                    }
                    if let (true, Some(draft_id)) = (tab.id == "consents" && access.writes(Party::Uk), draft_id) {
                        <ConsentsPanel state={state.clone()} {draft_id} />
                    }
                    <FormRenderer state={state.clone()} {tab} {documents} {access} />
                }
                <div class="wizard-actions">
                    if stage_index > 0 {
                        <Button kind={ButtonKind::Ghost} id="wizard-back" onclick={back}>{ session.t("action.back") }</Button>
                    }
                    if stage_index < last {
                        <Button kind={ButtonKind::Ghost} id="wizard-next" onclick={next}>{ session.t("action.next") }</Button>
                    }
                    <span class="draft-status" id="draft-status" role="status">{ status }</span>
                    <Button kind={ButtonKind::Primary} id="save-draft" disabled={in_conflict} onclick={save}>{ session.t("action.save_draft") }</Button>
                </div>
                <SendPanel {kind} {draft_id} status={parties.status} party={parties.party}
                    problems={spec.check(&state.data)} {on_locate} {on_view} />
                if !history.is_empty() {
                    <HistoryList {kind} events={(*history).clone()} />
                }
            </div>
        </section>
    }
}

/// Who this organisation is in the application and where the application stands.
#[derive(Debug, Clone, PartialEq)]
struct Parties {
    party: Party,
    status: ApplicationStatus,
    developer: Option<Bin>,
}

/// How long typing must pause before it is saved.
const AUTOSAVE_MS: u32 = 300;

/// A save under way, whether the window waits for it to close, and whether the store changed
/// meanwhile (the copy is read again after the save answers, so an older answer never covers it).
#[derive(Default)]
struct SaveGate {
    in_flight: bool,
    close_after: bool,
    reload_after: bool,
}

/// The line under the form: where the draft stands with the server.
fn sync_words(session: &Session, sync: Option<&DraftSync>, saved_at: Option<&str>) -> String {
    match sync {
        None => String::new(),
        Some(DraftSync::SavedLocally) => format!(
            "{} {}",
            session.t("sync.saved_locally"),
            saved_at
                .map(|at| time_of(at, session.lang))
                .unwrap_or_default()
        ),
        Some(DraftSync::Failed(error)) => format!("{}{}", session.t("sync.failed"), error.message),
        Some(other) => session.t(other.label_key()).to_owned(),
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
