//! «ЭЦП/QR»: the AUTH key registered before, picked in NCALayer; or a QR code scanned with
//! eGov Business, which signs in by itself once the phone has signed.

use gloo_timers::callback::Interval;
use homeportal_domain::access::{QrLoginPoll, QrLoginView, Step};
use homeportal_domain::commands::{LoginByEds, NoArgs, QrLoginStatus, StartQrLogin};
use homeportal_domain::signing::QrState;
use homeportal_domain::ErrorBody;
use yew::prelude::*;

use super::{error_banner, run};
use crate::components::sign_dialog::countdown;
use crate::ipc::invoke;
use crate::session::{use_session, SessionAction};

/// Seconds between two questions to the server about the code.
const POLL_EVERY: u32 = 2;

/// The EDS/QR tab of «Войти».
#[function_component(EdsLogin)]
pub fn eds_login() -> Html {
    let session = use_session();
    let t = |key: &'static str| session.t(key).to_owned();
    let busy = use_state(|| false);
    let error = use_state(|| None::<ErrorBody>);
    let qr = use_state(|| None::<QrLoginView>);
    let left = use_state(|| 0u64);
    let refused = use_state(|| None::<ErrorBody>);
    let ticks = use_mut_ref(|| 0u32);
    let by_ncalayer = {
        let (session, busy, error) = (session.clone(), busy.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            let signed_in = session.clone();
            run::<LoginByEds>(&session, NoArgs {}, &busy, &error, move |profile| {
                signed_in.dispatch(SessionAction::LoggedIn(profile))
            });
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
            run::<StartQrLogin>(&session, NoArgs {}, &busy, &error, move |view| {
                left.set(view.expires_in);
                refused.set(None);
                qr.set(Some(view));
            });
        })
    };
    {
        // While a code is shown: the countdown every second, a question every two.
        let (session, qr, left, refused, error, ticks) = (
            session.clone(),
            qr.clone(),
            left.clone(),
            refused.clone(),
            error.clone(),
            ticks.clone(),
        );
        let live = (*qr).clone().filter(|_| *left > 0);
        use_effect_with(live.as_ref().map(|v| v.id.clone()), move |shown| {
            let timer = shown.is_some().then(|| {
                Interval::new(1_000, move || {
                    left.set((*left).saturating_sub(1));
                    *ticks.borrow_mut() += 1;
                    if *ticks.borrow() % POLL_EVERY != 0 {
                        return;
                    }
                    let Some(view) = (*qr).clone() else {
                        return;
                    };
                    let request = Step {
                        id: view.id.clone(),
                        body: QrLoginPoll {
                            poll: view.poll.clone(),
                        },
                    };
                    let (session, left, refused, error) = (
                        session.clone(),
                        left.clone(),
                        refused.clone(),
                        error.clone(),
                    );
                    wasm_bindgen_futures::spawn_local(async move {
                        match invoke::<QrLoginStatus>(&request, session.lang).await {
                            Ok(progress) => {
                                if let Some(profile) = progress.profile {
                                    session.dispatch(SessionAction::LoggedIn(profile));
                                    return;
                                }
                                if progress.state == QrState::Expired {
                                    left.set(0);
                                }
                                refused.set(progress.error);
                            }
                            Err(e) => error.set(Some(e)),
                        }
                    });
                })
            });
            move || drop(timer)
        });
    }
    let qr_view = match (*qr).clone() {
        None => html! {
            <button type="button" id="login-qr" class="button ghost wide" disabled={*busy} onclick={show_qr.clone()}>
                { t("login.qr.show") }
            </button>
        },
        Some(view) => {
            let expired = *left == 0;
            html! {
                <div class="qr-login" id="login-qr-panel">
                    <ol class="qr-steps">
                        <li>{ t("sign.qr_step1") }</li>
                        <li>{ t("sign.qr_step2") }</li>
                        <li>{ t("sign.qr_step3") }</li>
                        <li>{ t("login.qr.step4") }</li>
                    </ol>
                    <div class="qr-code">
                        <img id="login-qr-image" src={view.image.clone()} data-qr={view.qr_text.clone()}
                             class={classes!(expired.then_some("expired"))} alt="QR" width="200" height="200" />
                    </div>
                    if view.loopback {
                        <p class="alert error" id="qr-loopback">{ t("qr.loopback") }</p>
                    }
                    if let Some(refusal) = (*refused).clone() {
                        <p class="alert error" id="login-qr-refused">{ refusal.message }</p>
                    }
                    if expired {
                        <p class="hint" id="login-qr-expired">{ t("sign.qr_expired") }</p>
                        <button type="button" id="login-qr-renew" class="button ghost wide" onclick={show_qr}>
                            { t("sign.qr_new") }
                        </button>
                    } else {
                        <p class="hint qr-countdown" id="login-qr-countdown">
                            { format!("{} {}", t("login.qr.valid_for"), countdown(*left)) }
                        </p>
                    }
                </div>
            }
        }
    };
    html! {
        <div class="form">
            <p class="hint">{ t("login.eds.intro") }</p>
            <button type="button" id="login-eds" class="button primary wide" disabled={*busy} onclick={by_ncalayer}>
                { if *busy { t("register.key.waiting") } else { t("login.eds.button") } }
            </button>
            <div class="or"><span>{ t("recovery.or") }</span></div>
            <p class="hint">{ t("login.qr.intro") }</p>
            { qr_view }
            { error_banner(&error, "login-error") }
        </div>
    }
}
