//! «Обновления»: the running version, a newer one with what is new, and «Установить и
//! перезапустить», which asks first while files upload or edits are on their way. At start the
//! same panel checks once by itself and shows only an offer or a failure; in «Настройки» it
//! shows every outcome.

use std::cell::Cell;

use homeportal_domain::commands::{CheckUpdate, InstallUpdate, NoArgs};
use homeportal_domain::updates::{InstallOutcome, InstallUpdateRequest, UpdateCheck};
use homeportal_domain::{ErrorBody, ErrorCode};
use yew::prelude::*;

use crate::ipc::invoke;
use crate::kit::{Alert, Button, ButtonKind};
use crate::session::use_session;

thread_local! {
    /// The start-up check runs once per start of the app, not once per page.
    static CHECKED_AT_START: Cell<bool> = const { Cell::new(false) };
}

/// Where the panel is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum UpdatePlace {
    /// Above every page, checking once at start.
    Banner,
    /// The card in «Настройки», checking when asked.
    Settings,
}

/// Props of [`UpdatePanel`].
#[derive(Properties, PartialEq)]
pub struct UpdatePanelProps {
    /// Banner or settings card.
    pub place: UpdatePlace,
}

/// What the panel shows.
#[derive(Clone, PartialEq)]
enum Stage {
    Idle,
    Checking,
    Checked(UpdateCheck),
    /// Work is under way; the person decides.
    Asking {
        uploads: u32,
        unsent_drafts: u32,
    },
    Installing,
    /// A step failed: the check (`false`) or the install (`true`).
    Failed(ErrorBody, bool),
    Dismissed,
}

/// The update panel.
#[function_component(UpdatePanel)]
pub fn update_panel(props: &UpdatePanelProps) -> Html {
    let session = use_session();
    let lang = session.lang;
    let t = |key: &'static str| session.t(key).to_owned();
    let stage = use_state(|| Stage::Idle);
    let check = {
        let stage = stage.clone();
        Callback::from(move |()| {
            let stage = stage.clone();
            stage.set(Stage::Checking);
            wasm_bindgen_futures::spawn_local(async move {
                stage.set(match invoke::<CheckUpdate>(&NoArgs {}, lang).await {
                    Ok(found) => Stage::Checked(found),
                    Err(error) => Stage::Failed(error, false),
                });
            });
        })
    };
    {
        let (check, place) = (check.clone(), props.place);
        use_effect_with((), move |_| {
            if place == UpdatePlace::Banner && !CHECKED_AT_START.with(|c| c.replace(true)) {
                check.emit(());
            }
        });
    }
    let install = {
        let stage = stage.clone();
        Callback::from(move |even_if_busy: bool| {
            let stage = stage.clone();
            stage.set(Stage::Installing);
            wasm_bindgen_futures::spawn_local(async move {
                let request = InstallUpdateRequest { even_if_busy };
                stage.set(match invoke::<InstallUpdate>(&request, lang).await {
                    Ok(InstallOutcome::Busy {
                        uploads,
                        unsent_drafts,
                    }) => Stage::Asking {
                        uploads,
                        unsent_drafts,
                    },
                    Ok(InstallOutcome::Restarting) => Stage::Installing,
                    Err(error) => Stage::Failed(error, true),
                });
            });
        })
    };
    let dismiss = {
        let stage = stage.clone();
        Callback::from(move |()| stage.set(Stage::Dismissed))
    };
    let banner = props.place == UpdatePlace::Banner;
    let body = match &*stage {
        Stage::Idle | Stage::Dismissed => html! {},
        Stage::Checking if banner => html! {},
        Stage::Checking => {
            html! { <p class="hint" id="update-checking" aria-busy="true">{ t("update.checking") }</p> }
        }
        Stage::Checked(found) => match &found.available {
            None if banner => html! {},
            None => html! {
                <p id="update-none">{ format!("{} {}. {}", t("update.current"), found.current, t("update.latest")) }</p>
            },
            Some(offer) => html! {
                <div class="update-offer" id="update-offer" role="status">
                    <p id="update-version">{ format!("{} {} ({} {})", t("update.available"), offer.version, t("update.current"), found.current) }</p>
                    if !offer.notes.is_empty() {
                        <p class="hint" id="update-notes">{ format!("{} {}", t("update.whats_new"), offer.notes) }</p>
                    }
                    <div class="actions">
                        <Button id="update-install" onclick={install.reform(|_| false)}>{ t("update.install") }</Button>
                        if banner {
                            <Button kind={ButtonKind::Ghost} id="update-later" onclick={dismiss.reform(|_| ())}>{ t("update.later") }</Button>
                        }
                    </div>
                </div>
            },
        },
        Stage::Asking {
            uploads,
            unsent_drafts,
        } => html! {
            <div class="update-offer" id="update-busy" role="alertdialog" aria-label={t("update.busy.title")}>
                <p>{ t("update.busy.title") }</p>
                if *uploads > 0 {
                    <p>{ format!("{} {}", t("update.busy.uploads"), uploads) }</p>
                }
                if *unsent_drafts > 0 {
                    <p>{ format!("{} {}", t("update.busy.drafts"), unsent_drafts) }</p>
                }
                <p class="hint">{ t("update.busy.resume") }</p>
                <div class="actions">
                    <Button id="update-install-anyway" danger=true onclick={install.reform(|_| true)}>{ t("update.busy.restart") }</Button>
                    <Button kind={ButtonKind::Ghost} id="update-wait" onclick={dismiss.reform(|_| ())}>{ t("update.busy.wait") }</Button>
                </div>
            </div>
        },
        Stage::Installing => {
            html! { <p class="notice" id="update-installing" role="status" aria-busy="true">{ t("update.installing") }</p> }
        }
        Stage::Failed(error, _) if banner && error.code == ErrorCode::UpdateSourceMissing => {
            html! {}
        }
        Stage::Failed(error, installing) => {
            let step = if *installing {
                "update.failed"
            } else {
                "update.check_failed"
            };
            html! {
                <Alert id="update-error" on_dismiss={dismiss.clone()} dismiss_label={t("action.close")}>
                    // By its code, so the words follow a language switch.
                    { format!("{} {}", t(step), error.code.message(lang)) }
                </Alert>
            }
        }
    };
    if banner {
        // Empty when there is nothing to say, so it takes no room.
        return html! { <div class="update-banner" aria-live="polite">{ body }</div> };
    }
    html! {
        <div class="update-settings">
            { body }
            <Button kind={ButtonKind::Ghost} id="update-check" disabled={matches!(*stage, Stage::Checking | Stage::Installing)}
                    onclick={check.reform(|_| ())}>{ t("update.check") }</Button>
        </div>
    }
}
