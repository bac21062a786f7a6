//! The history of the profile's changes: when, who, which contact, from what to what.

use homeportal_domain::access::{Channel, ProfileChange};
use homeportal_domain::commands::{NoArgs, ProfileHistory as ReadHistory};
use yew::prelude::*;

use crate::hooks::use_command;
use crate::session::use_session;

/// Props of [`ProfileHistory`].
#[derive(Properties, PartialEq)]
pub struct ProfileHistoryProps {
    /// Changes when the history must be read again.
    pub generation: u32,
}

/// The table of changes.
#[function_component(ProfileHistory)]
pub fn profile_history(props: &ProfileHistoryProps) -> Html {
    let session = use_session();
    let t = |key: &'static str| session.t(key).to_owned();
    let history = use_command::<ReadHistory>(NoArgs {});
    {
        let reload = history.reload.clone();
        use_effect_with(props.generation, move |generation| {
            if *generation > 0 {
                reload.emit(());
            }
        });
    }
    let rows: Vec<ProfileChange> = (*history.data).clone().unwrap_or_default();
    html! {
        <div class="card wide" id="profile-history">
            <h2 class="card-title">{ t("profile.history") }</h2>
            if rows.is_empty() {
                <p class="hint" id="profile-history-empty">{ t("profile.history.empty") }</p>
            } else {
                <table class="table">
                    <thead><tr>
                        <th>{ t("profile.history.at") }</th>
                        <th>{ t("profile.history.field") }</th>
                        <th>{ t("profile.history.old") }</th>
                        <th>{ t("profile.history.new") }</th>
                        <th>{ t("profile.history.by") }</th>
                    </tr></thead>
                    <tbody>
                        { for rows.iter().map(|change| html! {
                            <tr>
                                <td>{ astana(&change.at) }</td>
                                <td>{ match change.channel { Channel::Email => t("profile.email"), Channel::Sms => t("profile.phone") } }</td>
                                <td>{ &change.old }</td>
                                <td>{ &change.new }</td>
                                <td>{ &change.by }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
        </div>
    }
}

/// `DD.MM.YYYY HH:MM` in Astana time (UTC+5).
fn astana(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at)
        .ok()
        .and_then(|t| chrono::FixedOffset::east_opt(5 * 3600).map(|zone| t.with_timezone(&zone)))
        .map(|t| t.format("%d.%m.%Y %H:%M").to_string())
        .unwrap_or_default()
}
