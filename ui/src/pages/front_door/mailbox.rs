//! «Локальный режим: письма и SMS»: in local mode no e-mail or SMS leaves this computer; the
//! embedded server keeps them, and this panel shows them, so one person can finish a
//! registration alone. Hidden when the app works with КЖК's server.

use gloo_timers::callback::Interval;
use homeportal_domain::access::{Channel, LocalMessage};
use homeportal_domain::api::ServerMode;
use homeportal_domain::commands::{LocalMailbox as ReadMailbox, NoArgs};
use homeportal_domain::ErrorCode;
use yew::prelude::*;

use crate::ipc::invoke;
use crate::session::use_session;

/// How often the panel looks for new messages, milliseconds.
const POLL_MS: u32 = 1500;

/// The local mailbox panel.
#[function_component(LocalMailbox)]
pub fn local_mailbox() -> Html {
    let session = use_session();
    let messages = use_state(Vec::<LocalMessage>::new);
    // A local server configured to send e-mail and SMS keeps no mailbox: no panel then.
    let kept = use_state(|| true);
    let local = session
        .info
        .as_ref()
        .is_some_and(|info| info.server_mode == Some(ServerMode::Embedded));
    {
        let (messages, kept, lang) = (messages.clone(), kept.clone(), session.lang);
        let polled = local && *kept;
        use_effect_with(polled, move |polled| {
            let read = move || {
                let (messages, kept) = (messages.clone(), kept.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    match invoke::<ReadMailbox>(&NoArgs {}, lang).await {
                        Ok(found) if *messages != found => messages.set(found),
                        Ok(_) => {}
                        Err(e) if e.code == ErrorCode::NotFound => kept.set(false),
                        Err(_) => {}
                    }
                });
            };
            let poll = polled.then(|| {
                read();
                Interval::new(POLL_MS, read)
            });
            move || drop(poll)
        });
    }
    if !local || !*kept {
        return html! {};
    }
    let t = |key: &'static str| session.t(key).to_owned();
    html! {
        <aside class="mailbox card" id="local-mailbox" aria-live="polite">
            <h2 class="card-title">{ t("mailbox.title") }</h2>
            <p class="hint small">{ t("mailbox.intro") }</p>
            if messages.is_empty() {
                <p class="hint" id="mailbox-empty">{ t("mailbox.empty") }</p>
            }
            <ul class="mailbox-list">
                { for messages.iter().map(|m| {
                    let kind = match m.channel { Channel::Email => "email", Channel::Sms => "sms" };
                    html! {
                        <li class={classes!("message", kind)} data-channel={kind} data-to={m.to.clone()}>
                            <div class="message-head">
                                <span class="badge muted">{ if m.channel == Channel::Email { t("mailbox.email") } else { t("mailbox.sms") } }</span>
                                <span class="message-to">{ &m.to }</span>
                                <span class="message-at">{ local_time(&m.at) }</span>
                            </div>
                            <pre class="message-text">{ &m.text }</pre>
                        </li>
                    }
                }) }
            </ul>
        </aside>
    }
}

/// `HH:MM` in Astana time (UTC+5) of an RFC 3339 instant.
fn local_time(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at)
        .ok()
        .and_then(|t| chrono::FixedOffset::east_opt(5 * 3600).map(|zone| t.with_timezone(&zone)))
        .map(|t| t.format("%H:%M").to_string())
        .unwrap_or_default()
}
