//! «Настройки»: which server the cabinet works with (changing it restarts the app), the roots
//! signatures are checked against in local mode (a PEM bundle of НУЦ РК's certificates), the
//! NCALayer port and certificate authority, the language, where the session token and the data
//! are kept, and the log saved for support.

use homeportal_domain::api::ServerMode;
use homeportal_domain::commands::{
    ChangeServer, ImportTrustBundle, NoArgs, SaveSupportLog, Settings,
};
use homeportal_domain::settings::{ServerChoice, TokenPlace, TrustInfo};
use homeportal_domain::ErrorBody;
use yew::prelude::*;

use crate::components::lang_switch::LangSwitch;
use crate::components::ncalayer_ca::NcaLayerCaSetting;
use crate::components::ncalayer_port::NcaLayerPort;
use crate::components::update_panel::{UpdatePanel, UpdatePlace};
use crate::hooks::use_command;
use crate::pages::front_door::{error_banner, field_message, run, typed};
use crate::session::use_session;

/// The settings page.
#[function_component(SettingsPage)]
pub fn settings_page() -> Html {
    let session = use_session();
    let t = |key: &'static str| session.t(key).to_owned();
    let view = use_command::<Settings>(NoArgs {});
    let remote = use_state(|| None::<bool>);
    let url = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ErrorBody>);
    let imported = use_state(|| None::<TrustInfo>);
    let log_saved = use_state(|| None::<String>);
    let Some(settings) = (*view.data).clone() else {
        return html! {
            <section class="page"><h1 class="page-title">{ t("settings.title") }</h1>
                { error_banner(&view.error, "settings-error") }</section>
        };
    };
    let is_remote = remote.unwrap_or(settings.server_mode == ServerMode::Remote);
    let typed_url = (*url)
        .clone()
        .unwrap_or_else(|| settings.server_url.clone());
    let change = {
        let (session, busy, error, typed_url) = (
            session.clone(),
            busy.clone(),
            error.clone(),
            typed_url.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let choice = if is_remote {
                ServerChoice::Remote {
                    url: typed_url.clone(),
                }
            } else {
                ServerChoice::Local
            };
            run::<ChangeServer>(&session, choice, &busy, &error, |_| {});
        })
    };
    let import = {
        let (session, busy, error, imported) = (
            session.clone(),
            busy.clone(),
            error.clone(),
            imported.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let imported = imported.clone();
            run::<ImportTrustBundle>(&session, NoArgs {}, &busy, &error, move |info| {
                if info.is_some() {
                    imported.set(info);
                }
            });
        })
    };
    let save_log = {
        let (session, busy, error, log_saved) = (
            session.clone(),
            busy.clone(),
            error.clone(),
            log_saved.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let log_saved = log_saved.clone();
            run::<SaveSupportLog>(&session, NoArgs {}, &busy, &error, move |path| {
                if path.is_some() {
                    log_saved.set(path);
                }
            });
        })
    };
    let trust = (*imported).clone().unwrap_or(settings.trust.clone());
    let url_message = field_message(&error, "url");
    let radio = |id: &'static str, key: &'static str, value: bool| {
        let remote = remote.clone();
        html! {
            <label class="radio" for={id}>
                <input type="radio" name="settings-server" {id} checked={is_remote == value}
                       onchange={Callback::from(move |_| remote.set(Some(value)))} />
                <span>{ t(key) }</span>
            </label>
        }
    };
    html! {
        <section class="page" id="settings">
            <h1 class="page-title">{ t("settings.title") }</h1>
            <div class="cards">
                <div class="card">
                    <h2 class="card-title">{ t("settings.server") }</h2>
                    <p id="settings-server-now">{
                        match settings.server_mode {
                            ServerMode::Embedded => t("first_run.local"),
                            ServerMode::Remote => format!("{}: {}", t("first_run.remote"), settings.server_url),
                        }
                    }</p>
                    <form class="form" onsubmit={change} novalidate=true>
                        { radio("settings-remote", "first_run.remote", true) }
                        if is_remote {
                            <div class={classes!("field", url_message.is_some().then_some("invalid"))}>
                                <label for="settings-url">{ t("first_run.url") }</label>
                                <input id="settings-url" type="url" value={typed_url}
                                       oninput={let v = url.clone(); Callback::from(move |e: InputEvent| v.set(Some(typed(&e))))} />
                                if let Some(message) = url_message { <span class="field-error">{ message }</span> }
                            </div>
                        }
                        { radio("settings-local", "first_run.local", false) }
                        <p class="hint small">{ t("settings.server.restart") }</p>
                        <button type="submit" id="settings-server-save" class="button primary" disabled={*busy}>
                            { t("settings.server.save") }
                        </button>
                    </form>
                </div>
                <div class="card">
                    <h2 class="card-title">{ t("settings.trust") }</h2>
                    if trust.test_pki {
                        <p class="notice" id="settings-trust-test">{ t("app.test_mode") }</p>
                    }
                    <p id="settings-trust-count">{ format!("{} {}", t("settings.trust.count"), trust.certificates) }</p>
                    if trust.certificates == 0 {
                        <p class="alert error" id="settings-trust-none">{ t("settings.trust.none") }</p>
                    }
                    <p class="hint small">{ t("settings.trust.where") }</p>
                    <button type="button" id="settings-trust-import" class="button ghost" disabled={*busy} onclick={import}>
                        { t("settings.trust.import") }
                    </button>
                    if imported.is_some() {
                        <p class="notice" id="settings-trust-imported">{ t("settings.trust.imported") }</p>
                    }
                </div>
                <div class="card">
                    <h2 class="card-title">{ t("settings.session") }</h2>
                    <p id="settings-token-place">{
                        match settings.token_place {
                            TokenPlace::Keychain => t("settings.session.keychain"),
                            TokenPlace::LocalStore => t("settings.session.local_store"),
                        }
                    }</p>
                </div>
                <div class="card">
                    <h2 class="card-title">{ t("settings.ncalayer") }</h2>
                    <NcaLayerPort />
                    <NcaLayerCaSetting />
                </div>
                <div class="card">
                    <h2 class="card-title">{ t("lang.label") }</h2>
                    <LangSwitch />
                </div>
                <div class="card">
                    <h2 class="card-title">{ t("update.title") }</h2>
                    <UpdatePanel place={UpdatePlace::Settings} />
                </div>
                <div class="card">
                    <h2 class="card-title">{ t("settings.data") }</h2>
                    <p class="hint small" id="settings-data-dir">{ format!("{} {}", t("settings.data_dir"), settings.data_dir) }</p>
                    <p class="hint small" id="settings-log-dir">{ format!("{} {}", t("settings.log_dir"), settings.log_dir) }</p>
                    <button type="button" id="settings-save-log" class="button ghost" disabled={*busy} onclick={save_log}>
                        { t("settings.save_log") }
                    </button>
                    if let Some(path) = &*log_saved {
                        <p class="notice" id="settings-log-saved">{ format!("{} {}", t("settings.log_saved"), path) }</p>
                    }
                </div>
            </div>
            { error_banner(&error, "settings-error") }
        </section>
    }
}
