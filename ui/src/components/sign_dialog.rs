//! «Подписать ЭЦП/QR»: choose EDS (NCALayer on this computer) or QR (eGov Business), sign, and
//! see who signed. The QR window shows the five steps, the code drawn by the shell, and the
//! countdown «Получить новый QR-код через 09:59»; it asks the server every two seconds.

use gloo_timers::callback::Interval;
use homeportal_domain::access::points_at_loopback;
use homeportal_domain::api::DocumentIdRequest;
use homeportal_domain::commands::{
    NoArgs, OpenNcaLayerDownload, QrSigningStatus, SignWithNcaLayer, StartQrSigning,
};
use homeportal_domain::signing::{QrSessionRequest, QrState, QrView, SignatureInfo};
use homeportal_domain::ErrorBody;
use yew::prelude::*;

use crate::components::ncalayer_port::NcaLayerPort;
use crate::ipc::invoke;
use crate::kit::Modal;
use crate::session::use_session;

/// Where the dialog stands.
#[derive(Clone, PartialEq)]
enum Step {
    Choose,
    Eds {
        busy: bool,
    },
    Qr {
        view: Option<QrView>,
        left: u64,
        note: Option<String>,
    },
    Done(SignatureInfo),
}

/// What changes the dialog's step.
enum Change {
    To(Step),
    /// One second passed.
    Tick,
    /// The code ran out.
    Expire,
    /// A line under the code.
    Note(String),
}

impl Reducible for StepState {
    type Action = Change;
    fn reduce(self: std::rc::Rc<Self>, change: Change) -> std::rc::Rc<Self> {
        let next = match (change, &self.0) {
            (Change::To(step), _) => step,
            (Change::Tick, Step::Qr { view, left, note }) => Step::Qr {
                view: view.clone(),
                left: left.saturating_sub(1),
                note: note.clone(),
            },
            (Change::Expire, Step::Qr { view, .. }) => Step::Qr {
                view: view.clone(),
                left: 0,
                note: None,
            },
            (Change::Note(text), Step::Qr { view, left, .. }) => Step::Qr {
                view: view.clone(),
                left: *left,
                note: Some(text),
            },
            _ => return self,
        };
        std::rc::Rc::new(StepState(next))
    }
}

/// The step, behind a reducer so timers see the current one.
#[derive(PartialEq)]
struct StepState(Step);

/// Properties of [`SignDialog`].
#[derive(Properties, PartialEq)]
pub struct SignDialogProps {
    /// The document to sign.
    pub document_id: i64,
    /// Its file name, shown in the title.
    pub file_name: String,
    /// Closed without (or after) signing; true when a signature was made.
    pub on_close: Callback<bool>,
}

/// `MM:SS` of a number of seconds.
pub fn countdown(seconds: u64) -> String {
    format!("{:02}:{:02}", seconds / 60, seconds % 60)
}

/// A readable role.
pub fn role_key(role: &str) -> &'static str {
    match role {
        "head" => "sign.role.head",
        "signing_right" => "sign.role.signing_right",
        _ => "sign.role.employee",
    }
}

/// The dialog.
#[function_component(SignDialog)]
pub fn sign_dialog(props: &SignDialogProps) -> Html {
    let session = use_session();
    let lang = session.lang;
    let step = use_reducer(|| StepState(Step::Choose));
    let error = use_state(|| None::<ErrorBody>);
    let document_id = props.document_id;

    let start_qr = {
        let (step, error) = (step.clone(), error.clone());
        Callback::from(move |_: ()| {
            let (step, error) = (step.clone(), error.clone());
            error.set(None);
            step.dispatch(Change::To(Step::Qr {
                view: None,
                left: 0,
                note: None,
            }));
            wasm_bindgen_futures::spawn_local(async move {
                let request = DocumentIdRequest { id: document_id };
                match invoke::<StartQrSigning>(&request, lang).await {
                    Ok(view) => {
                        let left = view.expires_in;
                        step.dispatch(Change::To(Step::Qr {
                            view: Some(view),
                            left,
                            note: None,
                        }));
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };

    // While a QR code is shown: count down every second, ask the server every two.
    {
        let (step_handle, error) = (step.clone(), error.clone());
        let session_id = match &step.0 {
            Step::Qr {
                view: Some(view), ..
            } => Some(view.session_id.clone()),
            _ => None,
        };
        use_effect_with(session_id, move |session_id| {
            let ticker = session_id.clone().map(|session_id| {
                let mut tick: u32 = 0;
                Interval::new(1_000, move || {
                    tick += 1;
                    step_handle.dispatch(Change::Tick);
                    if tick.is_multiple_of(2) {
                        poll(
                            step_handle.clone(),
                            error.clone(),
                            session_id.clone(),
                            false,
                            lang,
                        );
                    }
                })
            });
            move || drop(ticker)
        });
    }

    let dismiss = {
        let (on_close, step) = (props.on_close.clone(), step.clone());
        Callback::from(move |_: ()| on_close.emit(matches!(&step.0, Step::Done(_))))
    };
    let close = dismiss.reform(|_: MouseEvent| ());
    let back = {
        let (step, error) = (step.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            error.set(None);
            step.dispatch(Change::To(Step::Choose));
        })
    };
    let to_eds = {
        let (step, error) = (step.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            error.set(None);
            step.dispatch(Change::To(Step::Eds { busy: false }));
        })
    };
    let to_qr = {
        let start_qr = start_qr.clone();
        Callback::from(move |_: MouseEvent| start_qr.emit(()))
    };
    let sign_eds = {
        let (step, error) = (step.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            let (step, error) = (step.clone(), error.clone());
            error.set(None);
            step.dispatch(Change::To(Step::Eds { busy: true }));
            wasm_bindgen_futures::spawn_local(async move {
                let request = DocumentIdRequest { id: document_id };
                match invoke::<SignWithNcaLayer>(&request, lang).await {
                    Ok(signature) => step.dispatch(Change::To(Step::Done(signature))),
                    Err(e) => {
                        error.set(Some(e));
                        step.dispatch(Change::To(Step::Eds { busy: false }));
                    }
                }
            });
        })
    };
    let download = Callback::from(move |_: MouseEvent| {
        wasm_bindgen_futures::spawn_local(async move {
            let _: Result<(), ErrorBody> = invoke::<OpenNcaLayerDownload>(&NoArgs {}, lang).await;
        });
    });
    let send = {
        let (step, error) = (step.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            if let Step::Qr {
                view: Some(view), ..
            } = &step.0
            {
                poll(
                    step.clone(),
                    error.clone(),
                    view.session_id.clone(),
                    true,
                    lang,
                );
            }
        })
    };
    let renew = {
        let start_qr = start_qr.clone();
        Callback::from(move |_: MouseEvent| start_qr.emit(()))
    };

    // «NCALayer не запущен» names the download site; the note above links to it.
    let error_view = error.as_ref().map(|e| {
        html! { <div class="alert error" role="alert" id="sign-error">{ &e.message }</div> }
    });

    let body = match &step.0 {
        Step::Choose => html! {
            <>
                <p class="hint">{ session.t("sign.choose") }</p>
                <div class="sign-choice">
                    <button type="button" id="sign-eds" class="button primary" onclick={to_eds}>{ session.t("sign.via_eds") }</button>
                    <button type="button" id="sign-qr" class="button primary" onclick={to_qr}>{ session.t("sign.via_qr") }</button>
                </div>
            </>
        },
        Step::Eds { busy } => html! {
            <>
                <button type="button" class="link back" onclick={back.clone()}>{ session.t("sign.back") }</button>
                <p class="hint">
                    { session.t("sign.ncalayer_note") }{ " " }
                    <button type="button" class="link" onclick={download.clone()}>{ session.t("sign.ncalayer_site") }</button>
                </p>
                <p class="hint">{ session.t("sign.ncalayer_hint") }</p>
                { for error_view.clone() }
                if *busy {
                    <p class="notice" id="sign-waiting">{ session.t("sign.waiting_ncalayer") }</p>
                }
                <button type="button" id="sign-eds-go" class="button primary wide" disabled={*busy} onclick={sign_eds}>{ session.t("sign.sign") }</button>
                <NcaLayerPort />
            </>
        },
        Step::Qr { view, left, note } => {
            let expired = view.is_some() && *left == 0;
            html! {
                <>
                    <button type="button" class="link back" onclick={back.clone()}>{ session.t("sign.back") }</button>
                    <div class="qr-layout">
                        <div>
                            <p class="qr-title">{ session.t("sign.qr_title") }</p>
                            <ol class="qr-steps">
                                <li>{ session.t("sign.qr_step1") }</li>
                                <li>{ session.t("sign.qr_step2") }</li>
                                <li>{ session.t("sign.qr_step3") }</li>
                                <li>{ session.t("sign.qr_step4") }</li>
                                <li>{ session.t("sign.qr_step5") }</li>
                            </ol>
                        </div>
                        <div class="qr-code">
                            if let Some(view) = view {
                                <img id="qr-image" src={view.image.clone()} data-qr={view.qr_text.clone()}
                                     class={classes!(expired.then_some("expired"))} alt="QR" width="220" height="220" />
                            } else {
                                <div class="qr-placeholder"></div>
                            }
                        </div>
                    </div>
                    if view.as_ref().is_some_and(|v| points_at_loopback(&v.qr_text)) {
                        <p class="alert error" id="qr-loopback">{ session.t("qr.loopback") }</p>
                    }
                    { for error_view.clone() }
                    if let Some(note) = note {
                        <p class="notice" id="qr-note">{ note }</p>
                    }
                    if expired {
                        <p class="hint" id="qr-expired">{ session.t("sign.qr_expired") }</p>
                        <button type="button" id="qr-renew" class="button ghost wide" onclick={renew}>{ session.t("sign.qr_new") }</button>
                    } else if view.is_some() {
                        <p class="hint qr-countdown" id="qr-countdown">{ format!("{} {}", session.t("sign.qr_new_in"), countdown(*left)) }</p>
                        <button type="button" id="qr-send" class="button primary wide" onclick={send}>{ session.t("sign.send") }</button>
                    }
                </>
            }
        }
        Step::Done(signature) => html! {
            <div class="sign-done" id="sign-done">
                <p class="badge ok">{ session.t("sign.done") }</p>
                <p><strong>{ &signature.signer_name }</strong>{ format!(", {}", session.t(role_key(&signature.role))) }</p>
                <p class="hint">{ format!("{} {} · {} {}", session.t("field.iin"), signature.signer_iin, session.t("field.bin"), signature.signer_bin) }</p>
            </div>
        },
    };

    let finished = matches!(&step.0, Step::Done(_));
    html! {
        <Modal id="sign-dialog" title={session.t("sign.button").to_owned()}
            subtitle={props.file_name.clone()} on_close={dismiss}>
            { body }
            <div class="modal-actions">
                <button type="button" id="sign-close" class="button ghost" onclick={close}>
                    { session.t(if finished { "sign.close" } else { "sign.cancel" }) }
                </button>
            </div>
        </Modal>
    }
}

/// Asks how the QR session stands; `asked` when the user pressed «Отправить».
fn poll(
    step: UseReducerHandle<StepState>,
    error: UseStateHandle<Option<ErrorBody>>,
    session_id: String,
    asked: bool,
    lang: homeportal_domain::Lang,
) {
    wasm_bindgen_futures::spawn_local(async move {
        let request = QrSessionRequest { session_id };
        match invoke::<QrSigningStatus>(&request, lang).await {
            Ok(status) => match (status.state, status.signature) {
                (QrState::Signed, Some(signature)) => {
                    step.dispatch(Change::To(Step::Done(signature)))
                }
                (QrState::Rejected, _) => error.set(status.error),
                (QrState::Expired, _) => step.dispatch(Change::Expire),
                _ if asked => step.dispatch(Change::Note(
                    homeportal_domain::i18n::text(lang, "sign.qr_not_yet").to_owned(),
                )),
                _ => {}
            },
            Err(e) => error.set(Some(e)),
        }
    });
}
