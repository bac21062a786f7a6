//! The root component: asks the shell who we are, then shows the login page or the cabinet.

use homeportal_domain::api::ApplicationKind;
use homeportal_domain::commands::{AppInfo, NoArgs};
use homeportal_domain::events::AppEvent;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::closing;
use crate::components::close_question::CloseQuestion;
use crate::components::layout::Layout;
use crate::components::update_panel::{UpdatePanel, UpdatePlace};
use crate::hooks::EventHub;
use crate::ipc::{invoke, listen_app_events};
use crate::pages::applications::{ApplicationWizard, ApplicationsPage};
use crate::pages::documents::DocumentsPage;
use crate::pages::first_run::FirstRun;
use crate::pages::front_door::FrontDoor;
use crate::pages::invitations::InvitationsPage;
use crate::pages::placeholder::Placeholder;
use crate::pages::profile::ProfilePage;
use crate::pages::settings::SettingsPage;
use crate::route::Route;
use crate::session::{Session, SessionAction, SessionHandle};

/// The application.
#[function_component(App)]
pub fn app() -> Html {
    let session = use_reducer(Session::default);
    let start_error = use_state(|| None::<String>);
    let events = use_memo((), |_| {
        let hub = EventHub::default();
        let feed = hub.clone();
        listen_app_events(move |event| {
            if event == AppEvent::CloseRequested {
                closing::close_if_no_form_open();
            }
            feed.dispatch(event)
        });
        hub
    });
    {
        let session = session.clone();
        let start_error = start_error.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match invoke::<AppInfo>(&NoArgs {}, session.lang).await {
                    Ok(info) => session.dispatch(SessionAction::Started(info)),
                    Err(error) => start_error.set(Some(error.message)),
                }
            });
        });
    }
    let body = if let Some(message) = (*start_error).clone() {
        html! { <div class="startup-error" role="alert">{ message }</div> }
    } else if session.info.is_none() {
        html! { <div class="startup" aria-busy="true">{ session.t("app.loading") }</div> }
    } else if session
        .info
        .as_ref()
        .is_some_and(|info| info.server_mode.is_none())
    {
        html! { <FirstRun /> }
    } else if session.profile.is_none() {
        html! { <FrontDoor /> }
    } else {
        html! { <Layout><Switch<Route> render={switch} /></Layout> }
    };
    // Updates are looked for once a server is chosen (its address may be their source).
    let connected = session
        .info
        .as_ref()
        .is_some_and(|info| info.server_mode.is_some());
    let test_banner = session
        .info
        .as_ref()
        .is_some_and(|info| info.test_mode)
        .then(|| session.t("app.test_mode").to_owned());
    html! {
        <ContextProvider<SessionHandle> context={session}>
            <ContextProvider<EventHub> context={(*events).clone()}>
                <HashRouter>
                    <div class={classes!(test_banner.is_some().then_some("test-mode"))}>
                        if let Some(banner) = test_banner {
                            <div class="test-banner" id="test-banner" role="status">{ banner }</div>
                        }
                        if connected {
                            <UpdatePanel place={UpdatePlace::Banner} />
                            <CloseQuestion />
                        }
                        { body }
                    </div>
                </HashRouter>
            </ContextProvider<EventHub>>
        </ContextProvider<SessionHandle>>
    }
}

fn switch(route: Route) -> Html {
    match route {
        Route::Profile | Route::NotFound => html! { <ProfilePage /> },
        Route::Documents => html! { <DocumentsPage /> },
        Route::Applications {
            kind: ApplicationKind::Correction,
        }
        | Route::ApplicationForm {
            kind: ApplicationKind::Correction,
            ..
        } => html! { <Placeholder title_key="menu.correction" /> },
        Route::Applications { kind } => html! { <ApplicationsPage {kind} /> },
        Route::ApplicationForm {
            kind,
            id,
            stage,
            tab,
        } => html! { <ApplicationWizard {kind} {id} stage={stage} tab={tab} /> },
        Route::Invitations => html! { <InvitationsPage /> },
        Route::Messages => html! { <Placeholder title_key="menu.messages" /> },
        Route::Surveys => html! { <Placeholder title_key="menu.surveys" /> },
        Route::Faq => html! { <Placeholder title_key="menu.faq" /> },
        Route::Settings => html! { <SettingsPage /> },
    }
}
