//! A start that fails says so in the person's language, in a window of the system (the app's own
//! cannot open), on the standard error stream and in the log, with the details for support.

use homeportal_domain::{i18n, Lang};

/// The system's language (`LC_ALL`, `LC_MESSAGES`, `LANG`), else Russian.
fn system_lang() -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())
        .map(|value| {
            if value.starts_with("kk") {
                Lang::Kk
            } else if value.starts_with("en") {
                Lang::En
            } else {
                Lang::Ru
            }
        })
        .unwrap_or(Lang::Ru)
}

/// Tells the person the app could not start, with `details` for support.
pub fn report(details: &str) {
    let lang = system_lang();
    let title = i18n::text(lang, "startup.failed.title");
    let text = format!("{}\n\n{details}", i18n::text(lang, "startup.failed"));
    tracing::error!(%details, "the app could not start");
    eprintln!("{title}: {text}");
    let _ = rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title(title)
        .set_description(text)
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
}
