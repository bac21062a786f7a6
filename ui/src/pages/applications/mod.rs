//! «Гарантирование» and «Субсидирование»: the list of applications and the form wizard.

mod conflict;
mod consents;
mod developer;
mod history;
mod list;
mod send;
mod sign_application;
mod wizard;

use homeportal_domain::api::ApplicationKind;

pub use list::ApplicationsPage;
pub use wizard::ApplicationWizard;

/// The catalogue key of the list's title (the menu item).
fn title_key(kind: ApplicationKind) -> &'static str {
    match kind {
        ApplicationKind::Guarantee => "menu.guarantee",
        ApplicationKind::Subsidy => "menu.subsidy",
        ApplicationKind::Correction => "menu.correction",
    }
}
