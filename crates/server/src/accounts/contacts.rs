//! Changing the profile's e-mail or phone (R3): a code goes to the new value, and the change
//! takes effect — verified, and written to the profile's history — only when it is typed.

use axum::extract::State;
use axum::Json;
use homeportal_domain::access::{Channel, CodeSent, ContactChange, ContactConfirm, ProfileChange};
use homeportal_domain::api::Profile;
use homeportal_domain::RuleViolation;

use super::one_time::{self, Addressee, Timing};
use crate::error::AppError;
use crate::extract::{ApiJson, AuthSession};
use crate::repo::codes::Purpose;
use crate::repo::{accounts, profile_changes};
use crate::state::{now, AppState};

fn addressee(account_id: i64, channel: Channel) -> Addressee {
    Addressee {
        purpose: Purpose::ContactChange,
        subject: account_id.to_string(),
        channel,
    }
}

/// `POST /api/v1/profile/contact`: a code to the new e-mail or phone.
pub async fn change(
    State(state): State<AppState>,
    session: AuthSession,
    ApiJson(request): ApiJson<ContactChange>,
) -> Result<Json<CodeSent>, AppError> {
    let value = one_time::contact_field(request.channel, &request.value)?;
    if request.channel == Channel::Email {
        let (lookup, account_id) = (value.clone(), session.account_id);
        let taken = state
            .db
            .read(move |conn| accounts::email_taken(conn, &lookup, Some(account_id)))
            .await?;
        if taken {
            return Err(AppError::field(
                "value",
                RuleViolation::new("rule.email.taken"),
            ));
        }
    }
    let to = addressee(session.account_id, request.channel);
    one_time::send(&state, to, Some(value), Timing::Answered).await?;
    Ok(Json(CodeSent {
        resend_in_secs: state.config.code_resend_secs,
    }))
}

/// `POST /api/v1/profile/contact/confirm`: the code; the new value is kept, verified.
pub async fn confirm(
    State(state): State<AppState>,
    session: AuthSession,
    ApiJson(request): ApiJson<ContactConfirm>,
) -> Result<Json<Profile>, AppError> {
    let account_id = session.account_id;
    let new = one_time::redeem_code(
        &state,
        addressee(account_id, request.channel),
        &request.code,
    )
    .await?;
    let channel = request.channel;
    let profile = state
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            let before = accounts::profile(&tx, account_id)?;
            let old = match channel {
                Channel::Email => before.email.clone(),
                Channel::Sms => before.phone.clone(),
            };
            let by = format!("{} {}", before.last_name, before.first_name);
            accounts::set_contact(&tx, account_id, channel, &new)?;
            profile_changes::record(&tx, account_id, &by, channel, &old, &new, now())?;
            let after = accounts::profile(&tx, account_id)?;
            tx.commit()?;
            Ok(after)
        })
        .await?;
    Ok(Json(profile))
}

/// `GET /api/v1/profile/history`: the contacts' changes, newest first.
pub async fn history(
    State(state): State<AppState>,
    session: AuthSession,
) -> Result<Json<Vec<ProfileChange>>, AppError> {
    let account_id = session.account_id;
    Ok(Json(
        state
            .db
            .read(move |conn| profile_changes::list(conn, account_id))
            .await?,
    ))
}
