//! The cabinet's frame (R4): a top bar, and a left menu hidden by default, opened by its icon.

use homeportal_domain::api::ApplicationKind;
use homeportal_domain::commands::{Logout, NoArgs};
use homeportal_domain::ErrorBody;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::icons;
use crate::components::lang_switch::LangSwitch;
use crate::components::pending_uploads::PendingUploads;
use crate::ipc::invoke;
use crate::route::Route;
use crate::session::{use_session, SessionAction};

/// Children are the current page.
#[derive(Properties, PartialEq)]
pub struct LayoutProps {
    /// The page.
    pub children: Html,
}

/// One menu entry.
struct Item {
    route: Route,
    key: &'static str,
    icon: fn() -> Html,
    nested: bool,
}

/// Entries above the «Заявки» group.
const BEFORE_APPLICATIONS: usize = 2;

const ITEMS: [Item; 10] = [
    Item {
        route: Route::Profile,
        key: "menu.profile",
        icon: icons::profile,
        nested: false,
    },
    Item {
        route: Route::Documents,
        key: "documents.title",
        icon: icons::document,
        nested: false,
    },
    Item {
        route: Route::Applications {
            kind: ApplicationKind::Guarantee,
        },
        key: "menu.guarantee",
        icon: icons::document,
        nested: true,
    },
    Item {
        route: Route::Applications {
            kind: ApplicationKind::Subsidy,
        },
        key: "menu.subsidy",
        icon: icons::document,
        nested: true,
    },
    Item {
        route: Route::Applications {
            kind: ApplicationKind::Correction,
        },
        key: "menu.correction",
        icon: icons::document,
        nested: true,
    },
    Item {
        route: Route::Invitations,
        key: "menu.invitations",
        icon: icons::mail,
        nested: false,
    },
    Item {
        route: Route::Messages,
        key: "menu.messages",
        icon: icons::mail,
        nested: false,
    },
    Item {
        route: Route::Surveys,
        key: "menu.surveys",
        icon: icons::survey,
        nested: false,
    },
    Item {
        route: Route::Faq,
        key: "menu.faq",
        icon: icons::help,
        nested: false,
    },
    Item {
        route: Route::Settings,
        key: "menu.settings",
        icon: icons::settings,
        nested: false,
    },
];

/// The frame around every page of the cabinet.
#[function_component(Layout)]
pub fn layout(props: &LayoutProps) -> Html {
    let session = use_session();
    let open = use_state(|| false);
    let current = use_route::<Route>();

    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let close = {
        let open = open.clone();
        Callback::from(move |_| open.set(false))
    };
    let on_key = {
        let open = open.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                open.set(false);
            }
        })
    };
    let logout = {
        let session = session.clone();
        Callback::from(move |_| {
            let session = session.clone();
            wasm_bindgen_futures::spawn_local(async move {
                // The shell forgets the session even when the server cannot be told.
                let _: Result<(), ErrorBody> = invoke::<Logout>(&NoArgs {}, session.lang).await;
                session.dispatch(SessionAction::LoggedOut);
            });
        })
    };

    let entry = |item: &Item| {
        let active = current.as_ref() == Some(&item.route);
        let close = close.clone();
        html! {
            <li class={classes!(item.nested.then_some("nested"))}>
                <Link<Route> to={item.route.clone()}
                    classes={classes!("nav-link", active.then_some("active"))}>
                    <span onclick={close.reform(|_: MouseEvent| ())} class="nav-inner">
                        { (item.icon)() }
                        <span>{ session.t(item.key) }</span>
                    </span>
                </Link<Route>>
            </li>
        }
    };

    let org = session
        .profile
        .as_ref()
        .map(|p| p.org_name.clone())
        .unwrap_or_default();
    let menu_label = if *open {
        session.t("menu.close")
    } else {
        session.t("menu.open")
    };

    html! {
        <div class={classes!("shell", (*open).then_some("menu-open"))} onkeydown={on_key}>
            <header class="topbar">
                <button type="button" id="menu-toggle" class="icon-button" onclick={toggle}
                        aria-label={menu_label} aria-expanded={open.to_string()} aria-controls="side-menu">
                    { if *open { icons::close() } else { icons::menu() } }
                </button>
                <div class="brand">
                    <span class="brand-title">{ session.t("app.title") }</span>
                    <span class="brand-sub">{ session.t("app.cabinet") }</span>
                </div>
                <div class="topbar-right">
                    <span class="org" id="topbar-org" title={org.clone()}>{ org }</span>
                    <LangSwitch />
                    <button type="button" id="logout" class="button ghost" onclick={logout}>
                        { icons::logout() }<span>{ session.t("action.logout") }</span>
                    </button>
                </div>
            </header>
            // Closed, the drawer is inert: out of the Tab order as well as out of sight.
            <nav id="side-menu" class="drawer" aria-hidden={(!*open).to_string()}
                 inert={(!*open).then_some(AttrValue::from(""))}>
                <ul>
                    { for ITEMS[..BEFORE_APPLICATIONS].iter().map(entry) }
                    <li class="group">
                        <span class="group-title">{ icons::document() }<span>{ session.t("menu.applications") }</span></span>
                    </li>
                    { for ITEMS[BEFORE_APPLICATIONS..].iter().map(entry) }
                </ul>
            </nav>
            if *open {
                <div class="scrim" onclick={close.reform(|_: MouseEvent| ())}></div>
            }
            <main class="content">
                <PendingUploads />
                { props.children.clone() }
            </main>
        </div>
    }
}
