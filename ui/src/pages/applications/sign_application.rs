//! «Подписать заявку» (R5.8): a choice of EDS through NCALayer or eGov QR — the code with the
//! five steps, «Получить новый QR-код через 09:59», and the phone's signature noticed by itself.

use gloo_timers::callback::Interval;
use homeportal_domain::access::points_at_loopback;
use homeportal_domain::applications::{DraftIdRequest, DraftView};
use homeportal_domain::commands::{
    OpenDraft, QrSubmissionStatus, SignApplication, StartQrSubmission,
};
use homeportal_domain::guarantee::SubmissionQrRequest;
use homeportal_domain::signing::{QrState, QrView};
use homeportal_domain::ErrorBody;
use yew::prelude::*;

use crate::components::sign_dialog::countdown;
use crate::ipc::invoke;
use crate::kit::Modal;
use crate::pages::front_door::run;
use crate::session::use_session;

/// Seconds between two questions to the server about the code.
const POLL_EVERY: u32 = 2;

/// Props of [`SignApplicationDialog`].
#[derive(Properties, PartialEq)]
pub struct SignApplicationDialogProps {
    /// The draft.
    pub draft_id: i64,
    /// Signed and sent: the draft as it now is.
    pub on_signed: Callback<DraftView>,
    /// Closed without signing.
    pub on_close: Callback<()>,
}

/// The dialog.
#[function_component(SignApplicationDialog)]
pub fn sign_application_dialog(props: &SignApplicationDialogProps) -> Html {
    let session = use_session();
    let busy = use_state(|| false);
    let error = use_state(|| None::<ErrorBody>);
    let qr = use_state(|| None::<QrView>);
    let left = use_state(|| 0u64);
    let refused = use_state(|| None::<ErrorBody>);
    let ticks = use_mut_ref(|| 0u32);
    let draft_id = props.draft_id;

    let by_eds = {
        let (session, busy, error, on_signed) = (
            session.clone(),
            busy.clone(),
            error.clone(),
            props.on_signed.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let on_signed = on_signed.clone();
            run::<SignApplication>(
                &session,
                DraftIdRequest { id: draft_id },
                &busy,
                &error,
                move |view| on_signed.emit(view),
            );
        })
    };
    let show_qr = {
        let (session, busy, error, qr, left, refused) = (
            session.clone(),
            busy.clone(),
            error.clone(),
            qr.clone(),
            left.clone(),
            refused.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let (qr, left, refused) = (qr.clone(), left.clone(), refused.clone());
            run::<StartQrSubmission>(
                &session,
                DraftIdRequest { id: draft_id },
                &busy,
                &error,
                move |view| {
                    left.set(view.expires_in);
                    refused.set(None);
                    qr.set(Some(view));
                },
            );
        })
    };
    {
        // While a code is shown: the countdown every second, a question every two.
        let (session, qr, left, refused, error, ticks, on_signed) = (
            session.clone(),
            qr.clone(),
            left.clone(),
            refused.clone(),
            error.clone(),
            ticks.clone(),
            props.on_signed.clone(),
        );
        let live = (*qr).clone().filter(|_| *left > 0);
        use_effect_with(live.as_ref().map(|v| v.session_id.clone()), move |shown| {
            let timer = shown.is_some().then(|| {
                Interval::new(1_000, move || {
                    left.set((*left).saturating_sub(1));
                    *ticks.borrow_mut() += 1;
                    if *ticks.borrow() % POLL_EVERY != 0 {
                        return;
                    }
                    let Some(view) = (*qr).clone() else { return };
                    let request = SubmissionQrRequest {
                        draft_id,
                        session_id: view.session_id.clone(),
                    };
                    let (lang, qr, left, refused, error, on_signed) = (
                        session.lang,
                        qr.clone(),
                        left.clone(),
                        refused.clone(),
                        error.clone(),
                        on_signed.clone(),
                    );
                    wasm_bindgen_futures::spawn_local(async move {
                        match invoke::<QrSubmissionStatus>(&request, lang).await {
                            Ok(status) if status.state == QrState::Signed => {
                                qr.set(None);
                                match invoke::<OpenDraft>(&DraftIdRequest { id: draft_id }, lang)
                                    .await
                                {
                                    Ok(view) => on_signed.emit(view),
                                    Err(e) => error.set(Some(e)),
                                }
                            }
                            Ok(status) => {
                                if status.state == QrState::Expired {
                                    left.set(0);
                                }
                                refused.set(status.error);
                            }
                            Err(e) => error.set(Some(e)),
                        }
                    });
                })
            });
            move || drop(timer)
        });
    }

    let body = match (*qr).clone() {
        None => html! {
            <>
                <p class="hint">{ session.t("sign.choose") }</p>
                <div class="sign-choice">
                    <button type="button" id="sign-application-eds" class="button primary" disabled={*busy} onclick={by_eds}>{ session.t("sign.via_eds") }</button>
                    <button type="button" id="sign-application-qr" class="button primary" disabled={*busy} onclick={show_qr.clone()}>{ session.t("sign.via_qr") }</button>
                </div>
                if *busy {
                    <p class="notice" id="sign-waiting">{ session.t("sign.waiting_ncalayer") }</p>
                }
                <p class="hint">{ session.t("sign.ncalayer_hint") }</p>
            </>
        },
        Some(view) => {
            let expired = *left == 0;
            html! {
                <>
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
                            <img id="application-qr-image" src={view.image.clone()} data-qr={view.qr_text.clone()}
                                 class={classes!(expired.then_some("expired"))} alt="QR" width="220" height="220" />
                        </div>
                    </div>
                    if points_at_loopback(&view.qr_text) {
                        <p class="alert error" id="qr-loopback">{ session.t("qr.loopback") }</p>
                    }
                    if let Some(e) = &*refused {
                        <p class="alert error" id="qr-refused">{ e.message.clone() }</p>
                    }
                    if expired {
                        <p class="hint" id="qr-expired">{ session.t("sign.qr_expired") }</p>
                        <button type="button" id="qr-renew" class="button ghost wide" onclick={show_qr}>{ session.t("sign.qr_new") }</button>
                    } else {
                        <p class="hint qr-countdown" id="qr-countdown">{ format!("{} {}", session.t("sign.qr_new_in"), countdown(*left)) }</p>
                    }
                </>
            }
        }
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <Modal id="sign-application-dialog" title={session.t("action.sign_application").to_owned()}
               on_close={props.on_close.clone()}>
            { body }
            if let Some(e) = &*error {
                <p class="alert error" role="alert" id="sign-application-error">{ e.message.clone() }</p>
            }
            <div class="modal-actions">
                <button type="button" id="sign-application-close" class="button ghost" onclick={close}>{ session.t("sign.cancel") }</button>
            </div>
        </Modal>
    }
}
