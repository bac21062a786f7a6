//! «Проверить заявку», «Отправить на модерацию», «Подписать заявку» and a new version after
//! remarks. The two sending buttons are active only when the whole-application check passes for
//! both parties; until then «Проверить заявку» lists every problem with a link to its field.

use gloo_timers::callback::Timeout;
use homeportal_domain::api::ApplicationKind;
use homeportal_domain::applications::{ApplicationStatus, DraftIdRequest, DraftView};
use homeportal_domain::commands::{Command, NewVersion, SendToModeration};
use homeportal_domain::forms::{FormSpec, Party, Problem};
use homeportal_domain::status::guarantee::GuaranteeStatus;
use homeportal_domain::ErrorBody;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::sign_application::SignApplicationDialog;
use crate::forms::dom_id;
use crate::ipc::invoke;
use crate::kit::{Alert, AlertKind, Button, ButtonKind};
use crate::session::use_session;

/// Where a problem's field lives: the stage's index and the tab's id.
pub fn locate(spec: &FormSpec, path: &str) -> Option<(usize, &'static str)> {
    let head = path.split(['.', '[']).next()?;
    spec.stages.iter().enumerate().find_map(|(i, stage)| {
        stage
            .tabs
            .iter()
            .find(|tab| match path.strip_prefix("documents.") {
                Some(slot) => tab.documents.iter().any(|d| d.id == slot),
                None => tab.groups.iter().any(|g| g.id == head),
            })
            .map(|tab| (i, tab.id))
    })
}

/// Focuses the input of `path` once the page has drawn it.
pub fn focus_later(path: &str) {
    let id = dom_id(path);
    Timeout::new(80, move || {
        let element = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(element) = element {
            let _ = element.focus();
        }
    })
    .forget();
}

/// Props of [`SendPanel`].
#[derive(Properties, PartialEq)]
pub struct SendPanelProps {
    /// Its kind (whose form names the tabs).
    pub kind: ApplicationKind,
    /// The saved draft (none before its first save).
    pub draft_id: Option<i64>,
    /// Where it stands.
    pub status: ApplicationStatus,
    /// This organisation's party.
    pub party: Party,
    /// Every problem of the whole-application check (both parties).
    pub problems: Vec<Problem>,
    /// Go to a problem's field.
    pub on_locate: Callback<String>,
    /// The draft as a step left it.
    pub on_view: Callback<DraftView>,
}

/// The sending part of the wizard.
#[function_component(SendPanel)]
pub fn send_panel(props: &SendPanelProps) -> Html {
    let session = use_session();
    let checking = use_state(|| false);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ErrorBody>);
    let done = use_state(|| None::<&'static str>);
    let signing = use_state(|| false);
    if props.party != Party::Uk {
        return html! {
            <div class="wizard-send">
                <p class="hint" id="developer-part-hint">{ session.t("send.developer_hint") }</p>
            </div>
        };
    }
    let ApplicationStatus::Guarantee(status) = props.status else {
        return Html::default();
    };
    let spec = props.kind.form();
    let complete = props.problems.is_empty();
    let can_moderate = complete && status == GuaranteeStatus::Draft;
    let can_sign = complete
        && matches!(
            status,
            GuaranteeStatus::Draft
                | GuaranteeStatus::ModerationPassed
                | GuaranteeStatus::NeedsRevision
        );

    fn step<C>(
        session: &crate::session::SessionHandle,
        id: Option<i64>,
        busy: &UseStateHandle<bool>,
        error: &UseStateHandle<Option<ErrorBody>>,
        done: &UseStateHandle<Option<&'static str>>,
        message: &'static str,
        on_view: &Callback<DraftView>,
    ) -> Callback<MouseEvent>
    where
        C: Command<Request = DraftIdRequest, Response = DraftView> + 'static,
    {
        let (lang, busy, error, done, on_view) = (
            session.lang,
            busy.clone(),
            error.clone(),
            done.clone(),
            on_view.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let Some(id) = id else { return };
            if *busy {
                return;
            }
            busy.set(true);
            error.set(None);
            done.set(None);
            let (busy, error, done, on_view) =
                (busy.clone(), error.clone(), done.clone(), on_view.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let answer = invoke::<C>(&DraftIdRequest { id }, lang).await;
                busy.set(false);
                match answer {
                    Ok(view) => {
                        done.set(Some(message));
                        on_view.emit(view);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    }

    let moderate = step::<SendToModeration>(
        &session,
        props.draft_id,
        &busy,
        &error,
        &done,
        "send.moderation_done",
        &props.on_view,
    );
    let sign = {
        let signing = signing.clone();
        Callback::from(move |_: MouseEvent| signing.set(true))
    };
    let on_signed = {
        let (signing, done, on_view) = (signing.clone(), done.clone(), props.on_view.clone());
        Callback::from(move |view: DraftView| {
            signing.set(false);
            done.set(Some("send.signed_done"));
            on_view.emit(view);
        })
    };
    let close_signing = {
        let signing = signing.clone();
        Callback::from(move |_| signing.set(false))
    };
    let new_version = step::<NewVersion>(
        &session,
        props.draft_id,
        &busy,
        &error,
        &done,
        "send.new_version_done",
        &props.on_view,
    );
    let toggle = {
        let checking = checking.clone();
        Callback::from(move |_: MouseEvent| checking.set(!*checking))
    };
    let problem_item = |problem: &Problem| {
        let path = problem.path.clone();
        let on_locate = props.on_locate.clone();
        let go = Callback::from(move |_: MouseEvent| on_locate.emit(path.clone()));
        let place = locate(spec, &problem.path)
            .map(|(stage, tab)| {
                let tab_label = spec.stages[stage]
                    .tabs
                    .iter()
                    .find(|t| t.id == tab)
                    .map_or("", |t| session.t(t.label));
                format!("{} {} · {}", session.t("send.stage"), stage + 1, tab_label)
            })
            .unwrap_or_default();
        html! {
            <li>
                <Button kind={ButtonKind::Link} small=true onclick={go}>{ place }</Button>
                { " — " }{ session.t(&problem.rule) }
                <span class="muted">{ format!(" ({})", problem.path) }</span>
            </li>
        }
    };

    html! {
        <div class="wizard-send" id="send-panel">
            if status == GuaranteeStatus::Remarks {
                <Alert kind={AlertKind::Info} id="remarks-notice">{ session.t("send.remarks_notice") }</Alert>
                <Button kind={ButtonKind::Primary} id="new-version" disabled={*busy} onclick={new_version}>{ session.t("action.new_version") }</Button>
            }
            if !status.is_editable() && status != GuaranteeStatus::Remarks && status != GuaranteeStatus::ModerationPassed {
                <p class="hint" id="sent-hint">{ session.t("send.sent_hint") }</p>
            } else {
                <div class="send-buttons">
                    <Button kind={ButtonKind::Ghost} id="check-application" onclick={toggle}>{ session.t("action.check_application") }</Button>
                    <Button kind={ButtonKind::Primary} id="sign-application" disabled={!can_sign || *busy || props.draft_id.is_none()} onclick={sign}>{ session.t("action.sign_application") }</Button>
                    <Button kind={ButtonKind::Primary} id="send-to-moderation" disabled={!can_moderate || *busy || props.draft_id.is_none()} onclick={moderate}>{ session.t("action.send_to_moderation") }</Button>
                </div>
                if !complete {
                    <p class="hint" id="send-blocked">{ session.t("send.blocked") }</p>
                }
            }
            if *checking {
                <div class="check-panel" id="check-panel" role="region" aria-label={session.t("action.check_application").to_owned()}>
                    if complete {
                        <p id="check-ok">{ session.t("send.check_ok") }</p>
                    } else {
                        <p>{ format!("{}: {}", session.t("send.problems"), props.problems.len()) }</p>
                        <ul class="problem-list" id="problem-list">{ for props.problems.iter().map(problem_item) }</ul>
                    }
                </div>
            }
            if let Some(e) = &*error {
                <Alert id="send-error">{ e.message.clone() }</Alert>
            }
            if let Some(key) = *done {
                <Alert kind={AlertKind::Info} id="send-done">{ session.t(key) }</Alert>
            }
            if let (true, Some(draft_id)) = (*signing, props.draft_id) {
                <SignApplicationDialog {draft_id} {on_signed} on_close={close_signing} />
            }
        </div>
    }
}
