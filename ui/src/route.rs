//! The cabinet's pages (R4 menu), with parameters where a page shows one thing of many.

use homeportal_domain::api::ApplicationKind;
use yew_router::prelude::*;

/// Which draft a form shows: a new one, or one saved on this computer.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DraftRef {
    /// Not saved yet.
    New,
    /// Saved, with its local id.
    Saved(i64),
}

impl std::fmt::Display for DraftRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DraftRef::New => f.write_str("new"),
            DraftRef::Saved(id) => write!(f, "{id}"),
        }
    }
}

impl std::str::FromStr for DraftRef {
    type Err = std::num::ParseIntError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if text == "new" {
            Ok(DraftRef::New)
        } else {
            text.parse().map(DraftRef::Saved)
        }
    }
}

/// Every page of the cabinet.
#[derive(Clone, Routable, PartialEq, Debug)]
pub enum Route {
    /// 1 Профиль — the landing page after login.
    #[at("/")]
    Profile,
    /// «Документы организации», reached from the profile.
    #[at("/documents")]
    Documents,
    /// 2.1–2.3: the applications of one kind.
    #[at("/applications/:kind")]
    Applications {
        /// Гарантирование, Субсидирование or Корректировка.
        kind: ApplicationKind,
    },
    /// One application's form, at a stage and tab.
    #[at("/applications/:kind/:id/:stage/:tab")]
    ApplicationForm {
        /// Its kind.
        kind: ApplicationKind,
        /// New or saved.
        id: DraftRef,
        /// The stage's id in the form spec.
        stage: String,
        /// The tab's id in the form spec.
        tab: String,
    },
    /// «Приглашения»: the developer confirms a УК's invitation.
    #[at("/invitations")]
    Invitations,
    /// 3 Сообщения.
    #[at("/messages")]
    Messages,
    /// 4 Опросы.
    #[at("/surveys")]
    Surveys,
    /// 5 FAQ.
    #[at("/faq")]
    Faq,
    /// «Настройки»: the server, the roots of local mode, where the session is kept.
    #[at("/settings")]
    Settings,
    /// Anything else goes to the profile.
    #[not_found]
    #[at("/404")]
    NotFound,
}

impl Route {
    /// The first tab of the first stage of a new application of `kind`.
    pub fn new_application(kind: ApplicationKind) -> Route {
        Route::form_start(kind, DraftRef::New)
    }

    /// The first tab of the first stage of application `id`.
    pub fn form_start(kind: ApplicationKind, id: DraftRef) -> Route {
        let spec = kind.form();
        let stage = spec.stages.first();
        Route::ApplicationForm {
            kind,
            id,
            stage: stage.map(|s| s.id.to_owned()).unwrap_or_default(),
            tab: stage
                .and_then(|s| s.tabs.first())
                .map(|t| t.id.to_owned())
                .unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_with_parameters_round_trip() {
        let route = Route::ApplicationForm {
            kind: ApplicationKind::Guarantee,
            id: DraftRef::Saved(7),
            stage: "consents".into(),
            tab: "consents".into(),
        };
        let path = route.to_path();
        assert_eq!(path, "/applications/guarantee/7/consents/consents");
        assert_eq!(Route::recognize(&path), Some(route));
        assert_eq!(
            Route::recognize("/applications/subsidy"),
            Some(Route::Applications {
                kind: ApplicationKind::Subsidy
            })
        );
        assert_eq!(
            Route::new_application(ApplicationKind::Guarantee).to_path(),
            "/applications/guarantee/new/corporate_info/uk"
        );
    }
}
