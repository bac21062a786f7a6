//! Reading the change feed by cursor, only when nothing waits in the outbox (so the client
//! never moves to a server state while its own writes are queued). A clean draft takes the
//! server's copy; one with edits here is rebased, never overwritten.

use homeportal_domain::events::{AppEvent, StatusChange};
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
        let (page_changed, moved) = store.transaction(|tx| {
            let mut changed = false;
            let mut moved = Vec::new();
            for application in &page.changes {
                changed |= take(tx, scope, application, now, &mut moved)?;
            }
            cursors::set(tx, scope, page.cursor)?;
            Ok((changed, moved))
        })?;
        changed |= page_changed;
        for change in moved {
            desktop.events().publish(AppEvent::StatusChanged(change));
        }
        if !page.more {
            return Ok(changed);
        }
    }
}

/// Takes one server application into the local store; whether anything changed. A status
/// other than the one kept here is added to `moved`.
fn take(
    conn: &Connection,
    scope: &str,
    application: &ServerApplication,
    now: i64,
    moved: &mut Vec<StatusChange>,
) -> Result<bool> {
    let Some(draft) = drafts::by_server_id(conn, scope, application.id)? else {
        if application.deleted {
            return Ok(false);
        }
        drafts::insert_from_server(conn, scope, application, now)?;
        return Ok(true);
    };
    if !application.deleted && application.status != draft.status {
        moved.push(StatusChange {
            project_name: application.data.value("project", "name").to_owned(),
            status: application.status,
        });
    }
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

#[cfg(test)]
mod tests {
    use homeportal_domain::api::ApplicationKind;
    use homeportal_domain::applications::ApplicationStatus;
    use homeportal_domain::forms::FormData;
    use homeportal_domain::ids::Bin;
    use homeportal_domain::status::guarantee::GuaranteeStatus;

    use super::*;
    use crate::store::LocalStore;

    fn on_server(version: i64, status: GuaranteeStatus) -> ServerApplication {
        let mut data = FormData::default();
        data.set("project", "name", "ЖК «Нұрлы»");
        ServerApplication {
            id: 7,
            kind: ApplicationKind::Guarantee,
            version,
            status: ApplicationStatus::Guarantee(status),
            data,
            owner: Bin::parse("940140000385").expect("a valid BIN"),
            developer: None,
            deleted: false,
            updated_at: "2026-12-02T10:00:00Z".into(),
            registration: None,
            history: Vec::new(),
        }
    }

    #[test]
    fn a_status_set_elsewhere_is_reported_once_and_a_new_draft_or_the_same_status_is_not() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = LocalStore::open(dir.path()).expect("open");
        let moves = |application: &ServerApplication| {
            store
                .transaction(|tx| {
                    let mut moved = Vec::new();
                    take(tx, "s", application, 10, &mut moved)?;
                    Ok(moved)
                })
                .expect("taken")
        };
        assert!(moves(&on_server(1, GuaranteeStatus::OnModeration)).is_empty());
        assert!(moves(&on_server(2, GuaranteeStatus::OnModeration)).is_empty());
        let registered = on_server(3, GuaranteeStatus::Registered);
        assert_eq!(
            moves(&registered),
            vec![StatusChange {
                project_name: "ЖК «Нұрлы»".into(),
                status: ApplicationStatus::Guarantee(GuaranteeStatus::Registered),
            }]
        );
        assert!(moves(&registered).is_empty(), "reported once");
    }
}
