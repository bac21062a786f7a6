//! Bringing a draft with local edits onto a newer server copy, never over them: units only the
//! server changed are taken, units only this computer changed are kept and sent again, units
//! changed differently on both sides wait for a person. Runs inside the caller's transaction.

use homeportal_domain::forms::merge::{Conflict, Resolution};
use homeportal_domain::forms::FormData;
use homeportal_domain::sync::{ServerApplication, UpdateApplication};
use rusqlite::Connection;

use crate::error::Result;
use crate::store::drafts::{self, DraftRecord, PendingConflict};
use crate::store::outbox::{self, Mutation};

/// Rebases `draft` — whose queued mutations the server has not applied — onto `current`.
pub fn onto_server(
    conn: &Connection,
    scope: &str,
    draft: &DraftRecord,
    current: &ServerApplication,
    now: i64,
) -> Result<()> {
    let queued = outbox::of_draft(conn, draft.id)?;
    let earlier = draft.conflict.clone().unwrap_or_default();
    let mut resolutions: Vec<Resolution> = earlier.resolutions;
    for pending in &queued {
        if let Mutation::Update(update) = &pending.mutation {
            resolutions.extend(update.resolutions.iter().cloned());
        }
    }
    outbox::clear_draft(conn, draft.id)?;
    drafts::set_base(conn, draft.id, current)?;
    drafts::set_sync_error(conn, draft.id, None)?;
    if draft.deleted {
        outbox::push(conn, scope, draft.id, &Mutation::Delete, now)?;
        return Ok(());
    }
    let base = draft
        .base
        .as_ref()
        .map(|b| b.data.clone())
        .unwrap_or_default();
    let rebased = FormData::rebase(&base, &draft.data, &current.data);
    if rebased.merged != draft.data {
        drafts::set_data(conn, draft.id, &rebased.merged, now)?;
    }
    let mut conflicts = rebased.conflicts;
    // A conflict still waiting stays, with the server's newest value, unless both now agree.
    for old in earlier.conflicts {
        let local = rebased.merged.unit(&old.unit);
        let remote = current.data.unit(&old.unit);
        if local != remote && !conflicts.iter().any(|c| c.unit == old.unit) {
            conflicts.push(Conflict {
                unit: old.unit,
                local,
                remote,
            });
        }
    }
    if conflicts.is_empty() {
        drafts::set_conflict(conn, draft.id, None)?;
        let update = UpdateApplication {
            changes: current.data.diff(&rebased.merged),
            resolutions,
        };
        if !update.changes.is_empty() || !update.resolutions.is_empty() {
            outbox::push(conn, scope, draft.id, &Mutation::Update(update), now)?;
        }
    } else {
        let pending = PendingConflict {
            conflicts,
            resolutions,
        };
        drafts::set_conflict(conn, draft.id, Some(&pending))?;
    }
    Ok(())
}
