//! The interface's state: language, app info and the logged-in organisation.

use std::rc::Rc;

use homeportal_domain::api::{AppInfo, Profile};
use homeportal_domain::{i18n, Lang};
use yew::prelude::*;

/// What every page may read.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// Interface language.
    pub lang: Lang,
    /// What the shell said at start.
    pub info: Option<AppInfo>,
    /// The logged-in organisation.
    pub profile: Option<Profile>,
}

impl Default for Session {
    fn default() -> Self {
        Session {
            lang: Lang::Ru,
            info: None,
            profile: None,
        }
    }
}

impl Session {
    /// The catalogue text of `key` in the current language.
    pub fn t<'k>(&self, key: &'k str) -> &'k str {
        i18n::text(self.lang, key)
    }
}

/// Changes to the session.
pub enum SessionAction {
    /// The shell answered `app_info`.
    Started(AppInfo),
    /// The user chose a language.
    SetLang(Lang),
    /// Login succeeded.
    LoggedIn(Profile),
    /// The profile changed (a confirmed contact).
    ProfileChanged(Profile),
    /// Logout (or the session ended).
    LoggedOut,
}

impl Reducible for Session {
    type Action = SessionAction;

    fn reduce(self: Rc<Self>, action: SessionAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            SessionAction::Started(info) => {
                next.lang = info.lang;
                next.profile = info.profile.clone();
                next.info = Some(info);
            }
            SessionAction::SetLang(lang) => next.lang = lang,
            SessionAction::LoggedIn(profile) | SessionAction::ProfileChanged(profile) => {
                next.profile = Some(profile)
            }
            SessionAction::LoggedOut => next.profile = None,
        }
        Rc::new(next)
    }
}

/// The session handle every component gets from context.
pub type SessionHandle = UseReducerHandle<Session>;

/// The session from context (the app always provides one).
#[hook]
pub fn use_session() -> SessionHandle {
    use_context::<SessionHandle>().expect("App provides the session context")
}
