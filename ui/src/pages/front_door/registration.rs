//! «Регистрация» (R1), once per legal entity: the AUTH key through NCALayer fills the form from
//! the certificate; e-mail, phone, «Я не робот» and the licence signed with EDS send the codes;
//! «ПОДТВЕРЖДЕНИЕ»; the password twice, «Завершить регистрацию».

use homeportal_domain::access::{
    licence, Channel, CodesSent, RegistrationContacts, RegistrationStarted, ResendRequest, Step,
};
use homeportal_domain::commands::{
    CompleteRegistration, ConfirmRegistration, NoArgs, ResendRegistrationCode, StartRegistration,
    SubmitRegistrationContacts,
};
use homeportal_domain::ids::{Email, PhoneKz};
use homeportal_domain::ErrorBody;
use yew::prelude::*;

use super::codes::CodesForm;
use super::password::PasswordForm;
use super::{error_banner, field_message, run, typed, Screen};
use crate::session::{use_session, SessionAction};

/// Where a registration stands.
#[derive(Clone, PartialEq)]
enum Stage {
    /// Waiting for the AUTH key.
    Key,
    /// The form filled from the certificate.
    Form(RegistrationStarted),
    /// Codes sent.
    Codes(RegistrationStarted, CodesSent),
    /// Both codes typed.
    Password(RegistrationStarted),
}

/// Props of [`Registration`].
#[derive(Properties, PartialEq)]
pub struct RegistrationProps {
    /// Goes to another screen of the front door.
    pub go: Callback<Screen>,
}

/// The registration wizard.
#[function_component(Registration)]
pub fn registration(props: &RegistrationProps) -> Html {
    let session = use_session();
    let stage = use_state(|| Stage::Key);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ErrorBody>);
    let t = |key: &'static str| session.t(key).to_owned();
    let back = {
        let go = props.go.clone();
        html! {
            <button type="button" class="link back" id="register-back"
                    onclick={Callback::from(move |_| go.emit(Screen::Login))}>
                { format!("← {}", t("register.back")) }
            </button>
        }
    };
    let step_number = match &*stage {
        Stage::Key => 1,
        Stage::Form(_) => 2,
        Stage::Codes(..) => 3,
        Stage::Password(_) => 4,
    };
    let body = match (*stage).clone() {
        Stage::Key => {
            let pick = {
                let (session, stage, busy, error) =
                    (session.clone(), stage.clone(), busy.clone(), error.clone());
                Callback::from(move |_: MouseEvent| {
                    let stage = stage.clone();
                    run::<StartRegistration>(&session, NoArgs {}, &busy, &error, move |started| {
                        stage.set(Stage::Form(started))
                    });
                })
            };
            html! {
                <div class="register-key">
                    <p>{ t("register.key.intro") }</p>
                    <p class="hint">{ t("register.key.ncalayer") }</p>
                    { error_banner(&error, "register-error") }
                    <button type="button" id="register-pick-key" class="button primary wide"
                            disabled={*busy} onclick={pick}>
                        { if *busy { t("register.key.waiting") } else { t("register.key.pick") } }
                    </button>
                </div>
            }
        }
        Stage::Form(started) => html! {
            <ContactsForm started={started} busy={*busy} error={(*error).clone()} on_submit={{
                let (session, busy, error, stage) = (session.clone(), busy.clone(), error.clone(), stage.clone());
                Callback::from(move |(started, request): (RegistrationStarted, RegistrationContacts)| {
                    let stage = stage.clone();
                    run::<SubmitRegistrationContacts>(&session, request, &busy, &error, move |sent| {
                        stage.set(Stage::Codes(started, sent))
                    });
                })
            }} />
        },
        Stage::Codes(started, sent) => {
            let on_submit = {
                let (session, busy, error, stage, started) = (
                    session.clone(),
                    busy.clone(),
                    error.clone(),
                    stage.clone(),
                    started.clone(),
                );
                Callback::from(move |codes| {
                    let (stage, next) = (stage.clone(), started.clone());
                    let request = Step {
                        id: started.id.clone(),
                        body: codes,
                    };
                    run::<ConfirmRegistration>(&session, request, &busy, &error, move |_| {
                        stage.set(Stage::Password(next))
                    });
                })
            };
            let on_change = {
                let (session, busy, error, stage, started) = (
                    session.clone(),
                    busy.clone(),
                    error.clone(),
                    stage.clone(),
                    started.clone(),
                );
                Callback::from(move |(channel, value): (Channel, String)| {
                    let (stage, kept) = (stage.clone(), started.clone());
                    let request = Step {
                        id: started.id.clone(),
                        body: ResendRequest { channel, value },
                    };
                    run::<ResendRegistrationCode>(&session, request, &busy, &error, move |sent| {
                        stage.set(Stage::Codes(kept, sent))
                    });
                })
            };
            html! {
                <CodesForm email={sent.email.clone()} phone={display_phone(&sent.phone)} changeable=true
                           busy={*busy} error={(*error).clone()} {on_submit} {on_change} />
            }
        }
        Stage::Password(started) => {
            let on_submit = {
                let (session, busy, error) = (session.clone(), busy.clone(), error.clone());
                Callback::from(move |password| {
                    let request = Step {
                        id: started.id.clone(),
                        body: password,
                    };
                    let signed_in = session.clone();
                    run::<CompleteRegistration>(&session, request, &busy, &error, move |profile| {
                        signed_in.dispatch(SessionAction::LoggedIn(profile))
                    });
                })
            };
            html! {
                <>
                    <h2 class="login-title">{ t("register.password.title") }</h2>
                    <p class="hint">{ t("register.password.intro") }</p>
                    <PasswordForm submit_key="register.complete" busy={*busy} error={(*error).clone()} {on_submit} />
                </>
            }
        }
    };
    html! {
        <section class="registration" id="registration" data-step={step_number.to_string()}>
            { back }
            <h1 class="login-title">{ t("register.title") }</h1>
            <ol class="steps" aria-label={t("register.steps")}>
                { for ["register.step.key", "register.step.form", "register.step.codes", "register.step.password"]
                    .iter().enumerate().map(|(i, key)| {
                        let n = i + 1;
                        let class = classes!(
                            (n == step_number).then_some("current"),
                            (n < step_number).then_some("done")
                        );
                        html! { <li {class} aria-current={(n == step_number).then_some("step")}>{ t(key) }</li> }
                    }) }
            </ol>
            { body }
        </section>
    }
}

fn display_phone(e164: &str) -> String {
    PhoneKz::parse(e164).map_or_else(|_| e164.to_owned(), |p| p.display())
}

/// Props of [`ContactsForm`].
#[derive(Properties, PartialEq)]
struct ContactsFormProps {
    started: RegistrationStarted,
    busy: bool,
    error: Option<ErrorBody>,
    on_submit: Callback<(RegistrationStarted, RegistrationContacts)>,
}

/// The form filled from the certificate, and what the person adds.
#[function_component(ContactsForm)]
fn contacts_form(props: &ContactsFormProps) -> Html {
    let session = use_session();
    let t = |key: &'static str| session.t(key).to_owned();
    let email = use_state(String::new);
    let phone = use_state(String::new);
    let not_robot = use_state(|| false);
    let touched = use_state(|| (false, false));
    let submitted = use_state(|| false);
    let started = &props.started;
    let email_rule = (touched.0 || *submitted)
        .then(|| Email::parse(&email).err())
        .flatten()
        .map(|r| r.message(session.lang).to_owned())
        .or_else(|| field_message(&props.error, "email"));
    let phone_rule = (touched.1 || *submitted)
        .then(|| PhoneKz::parse(&phone).err())
        .flatten()
        .map(|r| r.message(session.lang).to_owned())
        .or_else(|| field_message(&props.error, "phone"));
    let robot_missing = *submitted && !*not_robot;
    let onsubmit = {
        let (email, phone, not_robot, submitted, on_submit, started) = (
            email.clone(),
            phone.clone(),
            not_robot.clone(),
            submitted.clone(),
            props.on_submit.clone(),
            started.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            submitted.set(true);
            if Email::parse(&email).is_err() || PhoneKz::parse(&phone).is_err() || !*not_robot {
                return;
            }
            let request = RegistrationContacts {
                id: started.id.clone(),
                bin: started.bin.as_string(),
                robot: started.robot.clone(),
                email: email.trim().to_owned(),
                phone: phone.trim().to_owned(),
            };
            on_submit.emit((started.clone(), request));
        })
    };
    let readonly = |id: &'static str, key: &'static str, value: String| {
        html! {
            <div class="field">
                <label for={id}>{ t(key) }</label>
                <input {id} type="text" value={value} readonly=true aria-readonly="true" class="readonly" />
            </div>
        }
    };
    html! {
        <form class="form" {onsubmit} novalidate=true>
            <p class="hint">{ t("register.form.intro") }</p>
            <div class="form-grid two">
                { readonly("register-bin", "profile.bin", started.bin.as_string()) }
                { readonly("register-org-name", "profile.org_name", started.org_name.clone()) }
                { readonly("register-iin", "profile.iin", started.iin.as_string()) }
                { readonly("register-last-name", "profile.last_name", started.last_name.clone()) }
                { readonly("register-first-name", "profile.first_name", started.first_name.clone()) }
                { readonly("register-middle-name", "profile.middle_name", started.middle_name.clone().unwrap_or_default()) }
                <div class={classes!("field", email_rule.is_some().then_some("invalid"))}>
                    <label for="register-email">{ t("register.email") }<span class="required" aria-hidden="true">{" *"}</span></label>
                    <input id="register-email" type="email" inputmode="email" autocomplete="email" value={(*email).clone()}
                           aria-invalid={email_rule.is_some().to_string()}
                           oninput={let v = email.clone(); Callback::from(move |e: InputEvent| v.set(typed(&e)))}
                           onblur={let s = touched.clone(); Callback::from(move |_| s.set((true, s.1)))} />
                    <span class="hint small">{ t("register.email.hint") }</span>
                    if let Some(message) = email_rule { <span class="field-error" id="register-email-error">{ message }</span> }
                </div>
                <div class={classes!("field", phone_rule.is_some().then_some("invalid"))}>
                    <label for="register-phone">{ t("register.phone") }<span class="required" aria-hidden="true">{" *"}</span></label>
                    <input id="register-phone" type="tel" inputmode="tel" autocomplete="tel" placeholder="+7 (7XX) XXX-XX-XX"
                           value={(*phone).clone()} aria-invalid={phone_rule.is_some().to_string()}
                           oninput={let v = phone.clone(); Callback::from(move |e: InputEvent| v.set(typed(&e)))}
                           onblur={let s = touched.clone(); Callback::from(move |_| s.set((s.0, true)))} />
                    <span class="hint small">{ t("register.phone.hint") }</span>
                    if let Some(message) = phone_rule { <span class="field-error" id="register-phone-error">{ message }</span> }
                </div>
            </div>
            <label class={classes!("checkbox", "robot", robot_missing.then_some("invalid"))} for="register-robot">
                <input id="register-robot" type="checkbox" checked={*not_robot}
                       onchange={let r = not_robot.clone(); Callback::from(move |_| r.set(!*r))} />
                <span>{ t("register.robot") }</span>
            </label>
            if robot_missing { <span class="field-error" id="register-robot-error">{ t("register.robot.required") }</span> }
            <div class="licence">
                <h2 class="card-title">{ t("register.licence") }</h2>
                <pre id="register-licence" class="licence-text" tabindex="0">{ licence::TEXT }</pre>
                <p class="hint">{ t("register.licence.sign_note") }</p>
            </div>
            { error_banner(&props.error, "register-error") }
            <button type="submit" id="register-sign" class="button primary wide" disabled={props.busy}>
                { if props.busy { t("register.signing") } else { t("register.sign") } }
            </button>
        </form>
    }
}
