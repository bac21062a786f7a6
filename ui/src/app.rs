//! The root component: asks the shell who we are, then shows the login page or the cabinet.

use homeportal_domain::api::AppInfo;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::layout::Layout;
use crate::ipc::{call, NoArgs};
use crate::pages::documents::DocumentsPage;
use crate::pages::login::LoginPage;
use crate::pages::placeholder::Placeholder;
use crate::pages::profile::ProfilePage;
use crate::route::Route;
use crate::session::{Session, SessionAction, SessionHandle};

/// The application.
#[function_component(App)]
pub fn app() -> Html {
    let session = use_reducer(Session::default);
    let start_error = use_state(|| None::<String>);
    {
        let session = session.clone();
        let start_error = start_error.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match call::<_, AppInfo>("app_info", &NoArgs {}, session.lang).await {
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
    } else if session.profile.is_none() {
        html! { <LoginPage /> }
    } else {
        html! { <Layout><Switch<Route> render={switch} /></Layout> }
    };
    html! {
        <ContextProvider<SessionHandle> context={session}>
            <HashRouter>{ body }</HashRouter>
        </ContextProvider<SessionHandle>>
    }
}

fn switch(route: Route) -> Html {
    match route {
        Route::Profile | Route::NotFound => html! { <ProfilePage /> },
        Route::Documents => html! { <DocumentsPage /> },
        Route::Guarantee => html! { <Placeholder title_key="menu.guarantee" /> },
        Route::Subsidy => html! { <Placeholder title_key="menu.subsidy" /> },
        Route::Correction => html! { <Placeholder title_key="menu.correction" /> },
        Route::Messages => html! { <Placeholder title_key="menu.messages" /> },
        Route::Surveys => html! { <Placeholder title_key="menu.surveys" /> },
        Route::Faq => html! { <Placeholder title_key="menu.faq" /> },
    }
}
