//! Sending one-time codes and checking what was typed, for every flow of the front door.

use homeportal_domain::access::password;
use homeportal_domain::access::Channel;
use homeportal_domain::ids::{Email, PhoneKz};
use homeportal_domain::{ErrorCode, RuleViolation};

use crate::error::AppError;
use crate::repo::codes::{self, CodeFor, Purpose};
use crate::state::{now, AppState};

use super::passwords;

/// Whom a code is for, owned so it can cross to the database thread.
#[derive(Debug, Clone)]
pub struct Addressee {
    /// What the code proves.
    pub purpose: Purpose,
    /// The registration, recovery, account or e-mail it belongs to.
    pub subject: String,
    /// Where it goes.
    pub channel: Channel,
}

impl Addressee {
    fn code_for(&self) -> CodeFor<'_> {
        CodeFor {
            purpose: self.purpose,
            subject: &self.subject,
            channel: self.channel,
        }
    }
}

/// When delivery happens: before answering (a failure is reported) or after (the answer takes
/// the same time whether or not anyone receives the code).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timing {
    /// Deliver, then answer.
    Answered,
    /// Answer at once; deliver in the background.
    Detached,
}

/// Issues a code for `to` and delivers it to `target` (`None`: issued for the cool-down's sake,
/// delivered nowhere). A delivery that fails forgets the code, so the user may ask again.
pub async fn send(
    state: &AppState,
    to: Addressee,
    target: Option<String>,
    timing: Timing,
) -> Result<(), AppError> {
    let stored_target = target.clone().unwrap_or_default();
    let (issued_to, cool_down) = (to.clone(), state.config.code_cool_down());
    let code = state
        .db
        .call(move |conn| {
            codes::issue(conn, issued_to.code_for(), &stored_target, now(), cool_down)
        })
        .await?;
    let Some(target) = target else {
        return Ok(());
    };
    let deliver = {
        let state = state.clone();
        async move {
            let sent = state.delivery.send_code(to.channel, &target, &code).await;
            if sent.is_err() {
                let forgotten = state
                    .db
                    .call(move |conn| codes::forget(conn, to.code_for()))
                    .await;
                if let Err(e) = forgotten {
                    tracing::warn!(error = %e, "an undelivered code was not forgotten");
                }
            }
            sent
        }
    };
    match timing {
        Timing::Answered => deliver.await,
        Timing::Detached => {
            tokio::spawn(deliver);
            Ok(())
        }
    }
}

/// Uses up the code of `to` if `typed` is it; the address or number it was sent to.
pub async fn redeem(state: &AppState, to: Addressee, typed: &str) -> Result<String, AppError> {
    let typed = typed.trim().to_owned();
    if typed.len() != 6 || !typed.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AppError::field(
            match to.channel {
                Channel::Email => "email_code",
                Channel::Sms => "sms_code",
            },
            RuleViolation::new("rule.code.format"),
        ));
    }
    state
        .db
        .call(move |conn| codes::redeem(conn, to.code_for(), &typed, now()))
        .await
}

/// [`redeem`] for a form with one code field, named `code`.
pub async fn redeem_code(state: &AppState, to: Addressee, typed: &str) -> Result<String, AppError> {
    redeem(state, to, typed).await.map_err(|e| match e {
        AppError::Validation(fields) => AppError::Validation(
            fields
                .into_iter()
                .map(|(_, rule)| ("code".to_owned(), rule))
                .collect(),
        ),
        other => other,
    })
}

/// Checks both codes of a flow. A code typed right earlier (its target unchanged) need not be
/// typed again, so a wrong SMS code does not cost the e-mail code.
pub async fn redeem_both(
    state: &AppState,
    purpose: Purpose,
    subject: &str,
    email: (&str, &str),
    sms: (&str, &str),
) -> Result<(), AppError> {
    for (channel, (target, typed)) in [(Channel::Email, email), (Channel::Sms, sms)] {
        let to = Addressee {
            purpose,
            subject: subject.to_owned(),
            channel,
        };
        let (check, wanted) = (to.clone(), target.to_owned());
        let done = state
            .db
            .read(move |conn| codes::redeemed_for(conn, check.code_for(), &wanted))
            .await?;
        if done {
            continue;
        }
        let reached = redeem(state, to, typed).await?;
        if reached != target {
            return Err(AppError::Code(ErrorCode::CodeExpired));
        }
    }
    Ok(())
}

/// The e-mail as typed, parsed, or its field error.
pub fn email_field(field: &str, typed: &str) -> Result<String, AppError> {
    Email::parse(typed)
        .map(|e| e.as_str().to_owned())
        .map_err(|rule| AppError::field(field, rule))
}

/// The phone as typed, parsed to +7…, or its field error.
pub fn phone_field(field: &str, typed: &str) -> Result<String, AppError> {
    PhoneKz::parse(typed)
        .map(|p| p.e164().to_owned())
        .map_err(|rule| AppError::field(field, rule))
}

/// The contact of `channel` as typed, parsed.
pub fn contact_field(channel: Channel, typed: &str) -> Result<String, AppError> {
    match channel {
        Channel::Email => email_field("value", typed),
        Channel::Sms => phone_field("value", typed),
    }
}

/// A new password under the policy, hashed off the runtime.
pub async fn new_password_hash(
    state: &AppState,
    password: &str,
    repeat: &str,
) -> Result<String, AppError> {
    password::check(password, repeat).map_err(|rule| AppError::field("password", rule))?;
    passwords::hash_off_the_runtime(&state.hashing, password.to_owned()).await
}
