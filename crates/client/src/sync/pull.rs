//! Reading the change feed by cursor, only when nothing waits in the outbox (so the client
//! never moves to a server state while its own writes are queued). A clean draft takes the
//! server's copy; one with edits here is rebased, never overwritten.

use homeportal_domain::sync::ServerApplication;
use rusqlite::Connection;

use super::rebase;
use crate::error::Result;
use crate::store::{cursors, drafts, outbox};
use crate::{Api, Desktop};

/// Reads the feed of `scope` to its end; whether anything here changed.
pub async fn pull(desktop: &Desktop, api: &Api, scope: &str) -> Result<bool> {
    let store = desktop.store();
    let mut changed = false;
    loop {
        let since = store.transaction(|tx| {
            (outbox::count(tx, scope)? == 0)
                .then(|| cursors::get(tx, scope))
                .transpose()
        })?;
        let Some(since) = since else {
            return Ok(changed);
        };
        let page = api.application_changes(since).await?;
        let now = desktop.now();
        changed |= store.transaction(|tx| {
            let mut changed = false;
            for application in &page.changes {
                changed |= take(tx, scope, application, now)?;
            }
            cursors::set(tx, scope, page.cursor)?;
            Ok(changed)
        })?;
        if !page.more {
            return Ok(changed);
        }
    }
}

/// Takes one server application into the local store; whether anything changed.
fn take(conn: &Connection, scope: &str, application: &ServerApplication, now: i64) -> Result<bool> {
    let Some(draft) = drafts::by_server_id(conn, scope, application.id)? else {
        if application.deleted {
            return Ok(false);
        }
        drafts::insert_from_server(conn, scope, application, now)?;
        return Ok(true);
    };
    let queued = outbox::has_pending(conn, draft.id)?;
    let dirty = queued || draft.conflict.is_some() || draft.sync_error.is_some();
    let known = draft.base.as_ref().map_or(0, |b| b.version);
    if application.deleted {
        outbox::clear_draft(conn, draft.id)?;
        if dirty && !draft.deleted {
            // Deleted elsewhere while edited here: kept, and created again with these edits.
            drafts::detach(conn, draft.id)?;
            let create = outbox::Mutation::Create {
                kind: draft.kind,
                data: draft.data.clone(),
            };
            outbox::push(conn, scope, draft.id, &create, now)?;
        } else {
            drafts::remove(conn, draft.id)?;
        }
        return Ok(true);
    }
    if application.version <= known {
        if application.status != draft.status || application.history != draft.history {
            drafts::set_progress(conn, draft.id, application)?;
            return Ok(true);
        }
        return Ok(false);
    }
    if dirty {
        rebase::onto_server(conn, scope, &draft, application, now)?;
    } else {
        drafts::set_base(conn, draft.id, application)?;
        if draft.data != application.data {
            drafts::set_data(conn, draft.id, &application.data, now)?;
        }
    }
    Ok(true)
}
