//! Sending the outbox: oldest mutation first, each under its key so a replay after a lost
//! answer is answered, not applied again. A 412 rebases the draft; a network failure stops the
//! round (everything stays queued); a refusal keeps the edits here and says why.

use homeportal_domain::events::{AppEvent, DataKind};
use homeportal_domain::sync::{CreateApplication, MutationKey, ServerApplication};
use homeportal_domain::ErrorCode;

use super::rebase;
use crate::error::{ClientError, Result};
use crate::store::drafts::{self, DraftRecord};
use crate::store::outbox::{self, Mutation, Pending};
use crate::{Api, Desktop};

/// What the server said to one mutation.
enum Outcome {
    Applied(ServerApplication),
    Gone,
    Failed(ClientError),
}

/// Sends queued mutations of `scope` until none is left; stops at the first network failure.
pub async fn push(desktop: &Desktop, api: &Api, scope: &str, device: &str) -> Result<()> {
    let store = desktop.store();
    loop {
        let next = store.transaction(|tx| {
            let Some(next) = outbox::first(tx, scope)? else {
                return Ok(None);
            };
            let draft = drafts::get(tx, scope, next.draft_id)?;
            if draft.is_none() {
                outbox::remove(tx, next.mutation_id)?;
            } else {
                outbox::mark_sent(tx, next.mutation_id)?;
            }
            Ok(Some((next, draft)))
        })?;
        let Some((next, draft)) = next else {
            return Ok(());
        };
        let Some(draft) = draft else { continue };
        let key = MutationKey {
            device: device.to_owned(),
            mutation: next.mutation_id,
        };
        let outcome = match send(api, &key, &next, &draft).await {
            Ok(Some(application)) => Outcome::Applied(application),
            Ok(None) => Outcome::Gone,
            Err(error) if error.is_transient() || error.code() == ErrorCode::Unauthorized => {
                return Err(error)
            }
            Err(error) => Outcome::Failed(error),
        };
        let lang = desktop.lang();
        let now = desktop.now();
        store.transaction(|tx| settle(tx, scope, &next, outcome, lang, now))?;
        desktop
            .events()
            .publish(AppEvent::DataChanged(DataKind::Applications));
    }
}

/// Sends one mutation: the server's document, or `None` when there is nothing to send it to.
async fn send(
    api: &Api,
    key: &MutationKey,
    next: &Pending,
    draft: &DraftRecord,
) -> Result<Option<ServerApplication>> {
    let target = draft.server_id.zip(draft.base.as_ref().map(|b| b.version));
    match (&next.mutation, target) {
        (Mutation::Create { kind, data }, _) => {
            let request = CreateApplication {
                kind: *kind,
                data: data.clone(),
            };
            api.create_application(key, &request).await.map(Some)
        }
        (Mutation::Update(update), Some((id, version))) => api
            .update_application(id, version, key, update)
            .await
            .map(Some),
        (Mutation::Delete, Some((id, version))) => {
            api.delete_application(id, version, key).await.map(Some)
        }
        (Mutation::Update(_) | Mutation::Delete, None) => Ok(None),
    }
}

/// Records what the server said, in one transaction.
fn settle(
    tx: &rusqlite::Connection,
    scope: &str,
    next: &Pending,
    outcome: Outcome,
    lang: homeportal_domain::Lang,
    now: i64,
) -> Result<()> {
    let Some(draft) = drafts::get(tx, scope, next.draft_id)? else {
        return outbox::remove(tx, next.mutation_id);
    };
    let deleting = matches!(next.mutation, Mutation::Delete);
    match outcome {
        Outcome::Applied(application) if deleting || application.deleted => {
            outbox::clear_draft(tx, draft.id)?;
            drafts::remove(tx, draft.id)
        }
        Outcome::Applied(application) => {
            outbox::remove(tx, next.mutation_id)?;
            drafts::set_base(tx, draft.id, &application)
        }
        Outcome::Gone if deleting => {
            outbox::clear_draft(tx, draft.id)?;
            drafts::remove(tx, draft.id)
        }
        Outcome::Gone => recreate(tx, scope, &draft, now),
        Outcome::Failed(ClientError::Stale(current)) if deleting => {
            // Changed elsewhere after this computer last saw it: not deleted; shown again with
            // the new content and the reason, so nobody's edits vanish unseen.
            outbox::clear_draft(tx, draft.id)?;
            drafts::set_deleted(tx, draft.id, false)?;
            drafts::set_base(tx, draft.id, &current)?;
            drafts::set_data(tx, draft.id, &current.data, now)?;
            let error = ClientError::Stale(current.clone()).to_body(lang);
            drafts::set_sync_error(tx, draft.id, Some(&error))
        }
        Outcome::Failed(ClientError::Stale(current)) => {
            rebase::onto_server(tx, scope, &draft, &current, now)
        }
        Outcome::Failed(error) if error.code() == ErrorCode::NotFound => {
            if deleting {
                outbox::clear_draft(tx, draft.id)?;
                drafts::remove(tx, draft.id)
            } else {
                recreate(tx, scope, &draft, now)
            }
        }
        Outcome::Failed(error) => {
            tracing::warn!(draft = draft.id, %error, "a change was refused by the server");
            outbox::clear_draft(tx, draft.id)?;
            drafts::set_sync_error(tx, draft.id, Some(&error.to_body(lang)))
        }
    }
}

/// The server no longer has the draft: it becomes local only and is created again, whole.
fn recreate(tx: &rusqlite::Connection, scope: &str, draft: &DraftRecord, now: i64) -> Result<()> {
    outbox::clear_draft(tx, draft.id)?;
    drafts::detach(tx, draft.id)?;
    drafts::set_conflict(tx, draft.id, None)?;
    let create = Mutation::Create {
        kind: draft.kind,
        data: draft.data.clone(),
    };
    outbox::push(tx, scope, draft.id, &create, now).map(drop)
}
