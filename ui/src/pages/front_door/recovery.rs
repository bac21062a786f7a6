//! «Забыли пароль?» (R2.4): proof by codes to the registered e-mail and phone (БИН, both
//! contacts as registered) or by the organisation's EDS; then a new password under the policy.
//! Every session of the cabinet ends.

use homeportal_domain::access::{RecoveryRequest, RecoveryStarted, Step};
use homeportal_domain::commands::{
    CompleteRecovery, ConfirmRecovery, NoArgs, StartRecovery, StartRecoveryByEds,
};
use homeportal_domain::ErrorBody;
use yew::prelude::*;

use super::codes::CodesForm;
use super::password::PasswordForm;
use super::{error_banner, field_message, run, typed, Screen};
use crate::session::use_session;

/// Where a recovery stands.
#[derive(Clone, PartialEq)]
enum Stage {
    /// Choosing the proof.
    Proof,
    /// Codes sent to the registered contacts.
    Codes(RecoveryStarted),
    /// Proven: the new password.
    Password(RecoveryStarted),
    /// Done.
    Done,
}

/// Props of [`Recovery`].
#[derive(Properties, PartialEq)]
pub struct RecoveryProps {
    /// Goes to another screen of the front door.
    pub go: Callback<Screen>,
}

/// The recovery wizard.
#[function_component(Recovery)]
pub fn recovery(props: &RecoveryProps) -> Html {
    let session = use_session();
    let stage = use_state(|| Stage::Proof);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ErrorBody>);
    let bin = use_state(String::new);
    let email = use_state(String::new);
    let phone = use_state(String::new);
    let t = |key: &'static str| session.t(key).to_owned();
    let to_login = {
        let go = props.go.clone();
        Callback::from(move |_: MouseEvent| go.emit(Screen::Login))
    };
    let proven = {
        let stage = stage.clone();
        move |started: RecoveryStarted| {
            if started.proven {
                stage.set(Stage::Password(started))
            } else {
                stage.set(Stage::Codes(started))
            }
        }
    };
    let body = match (*stage).clone() {
        Stage::Proof => {
            let by_codes = {
                let (session, busy, error) = (session.clone(), busy.clone(), error.clone());
                let (bin, email, phone, proven) =
                    (bin.clone(), email.clone(), phone.clone(), proven.clone());
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    let request = RecoveryRequest {
                        bin: bin.trim().to_owned(),
                        email: email.trim().to_owned(),
                        phone: phone.trim().to_owned(),
                    };
                    run::<StartRecovery>(&session, request, &busy, &error, proven.clone());
                })
            };
            let by_eds = {
                let (session, busy, error, proven) =
                    (session.clone(), busy.clone(), error.clone(), proven.clone());
                Callback::from(move |_: MouseEvent| {
                    run::<StartRecoveryByEds>(&session, NoArgs {}, &busy, &error, proven.clone());
                })
            };
            let input = |id: &'static str,
                         key: &'static str,
                         kind: &'static str,
                         state: &UseStateHandle<String>,
                         field: &'static str| {
                let message = field_message(&error, field);
                let state = state.clone();
                html! {
                    <div class={classes!("field", message.is_some().then_some("invalid"))}>
                        <label for={id}>{ t(key) }<span class="required" aria-hidden="true">{" *"}</span></label>
                        <input {id} type={kind} value={(*state).clone()} aria-invalid={message.is_some().to_string()}
                               oninput={Callback::from(move |e: InputEvent| state.set(typed(&e)))} />
                        if let Some(message) = message { <span class="field-error">{ message }</span> }
                    </div>
                }
            };
            html! {
                <>
                    <p class="hint">{ t("recovery.intro") }</p>
                    <form class="form" onsubmit={by_codes} novalidate=true>
                        <h2 class="card-title">{ t("recovery.by_codes") }</h2>
                        { input("recovery-bin", "login.bin", "text", &bin, "bin") }
                        { input("recovery-email", "register.email", "email", &email, "email") }
                        { input("recovery-phone", "register.phone", "tel", &phone, "phone") }
                        <button type="submit" id="recovery-send-codes" class="button primary wide" disabled={*busy}>
                            { t("recovery.send_codes") }
                        </button>
                    </form>
                    <div class="or"><span>{ t("recovery.or") }</span></div>
                    <h2 class="card-title">{ t("recovery.by_eds") }</h2>
                    <p class="hint">{ t("recovery.by_eds.hint") }</p>
                    <button type="button" id="recovery-eds" class="button ghost wide" disabled={*busy} onclick={by_eds}>
                        { t("recovery.eds") }
                    </button>
                    { error_banner(&error, "recovery-error") }
                </>
            }
        }
        Stage::Codes(started) => {
            let on_submit = {
                let (session, busy, error, stage) =
                    (session.clone(), busy.clone(), error.clone(), stage.clone());
                Callback::from(move |codes| {
                    let (stage, next) = (stage.clone(), started.clone());
                    let request = Step {
                        id: started.id.clone(),
                        body: codes,
                    };
                    run::<ConfirmRecovery>(&session, request, &busy, &error, move |_| {
                        stage.set(Stage::Password(next))
                    });
                })
            };
            html! {
                <CodesForm email={(*email).clone()} phone={(*phone).clone()} busy={*busy}
                           error={(*error).clone()} {on_submit} />
            }
        }
        Stage::Password(started) => {
            let on_submit = {
                let (session, busy, error, stage) =
                    (session.clone(), busy.clone(), error.clone(), stage.clone());
                Callback::from(move |password| {
                    let stage = stage.clone();
                    let request = Step {
                        id: started.id.clone(),
                        body: password,
                    };
                    run::<CompleteRecovery>(&session, request, &busy, &error, move |_| {
                        stage.set(Stage::Done)
                    });
                })
            };
            html! {
                <>
                    <h2 class="login-title">{ t("recovery.password.title") }</h2>
                    <PasswordForm submit_key="recovery.save" busy={*busy} error={(*error).clone()} {on_submit} />
                </>
            }
        }
        Stage::Done => html! {
            <>
                <div class="notice" id="recovery-done" role="status">{ t("recovery.done") }</div>
                <button type="button" id="recovery-to-login" class="button primary wide" onclick={to_login.clone()}>
                    { t("login.submit") }
                </button>
            </>
        },
    };
    html! {
        <section class="recovery" id="recovery">
            <button type="button" class="link back" id="recovery-back" onclick={to_login}>
                { format!("← {}", t("register.back")) }
            </button>
            <h1 class="login-title">{ t("recovery.title") }</h1>
            { body }
        </section>
    }
}
