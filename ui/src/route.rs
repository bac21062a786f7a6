//! The cabinet's pages (R4 menu).

use yew_router::prelude::*;

/// Every page of the cabinet.
#[derive(Clone, Copy, Routable, PartialEq, Eq, Debug)]
pub enum Route {
    /// 1 Профиль — the landing page after login.
    #[at("/")]
    Profile,
    /// «Документы организации», reached from the profile.
    #[at("/documents")]
    Documents,
    /// 2.1 Гарантирование.
    #[at("/applications/guarantee")]
    Guarantee,
    /// 2.2 Субсидирование.
    #[at("/applications/subsidy")]
    Subsidy,
    /// 2.3 Корректировка.
    #[at("/applications/correction")]
    Correction,
    /// 3 Сообщения.
    #[at("/messages")]
    Messages,
    /// 4 Опросы.
    #[at("/surveys")]
    Surveys,
    /// 5 FAQ.
    #[at("/faq")]
    Faq,
    /// Anything else goes to the profile.
    #[not_found]
    #[at("/404")]
    NotFound,
}
