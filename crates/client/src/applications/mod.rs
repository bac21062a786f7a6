//! The organisation's applications on this computer: listed and opened from the local store (so
//! they work offline), saved as one transaction of the draft and its outbox mutation, deleted,
//! and conflicts resolved by a person. The sync engine carries the mutations to the server.

use homeportal_domain::api::ApplicationKind;
use homeportal_domain::applications::{
    ApplicationSummary, Choice, DraftView, ResolveConflictRequest, SaveDraftRequest, SavedDraft,
    IN_CONFLICT, NOT_EDITABLE,
};
use homeportal_domain::events::{AppEvent, DataKind};
use homeportal_domain::forms::{reuse, FormData, Party, NOT_YOUR_PART};
use homeportal_domain::ids::Bin;
use homeportal_domain::sync::{DraftSync, UpdateApplication};
use homeportal_domain::ErrorBody;

use crate::clock::rfc3339;
use crate::error::{ClientError, Result};
use crate::store::drafts::{self, DraftRecord, DraftRow};
use crate::store::outbox::{self, Mutation};
use crate::sync::Connectivity;
use crate::Desktop;

fn refused(rule: &str) -> ClientError {
    ClientError::Invalid(vec![("draft".into(), rule.into())])
}

/// Where a draft stands with the server, in the form's words.
fn sync_state(
    desktop: &Desktop,
    in_conflict: bool,
    error: Option<&ErrorBody>,
    queued: bool,
    on_server: bool,
) -> DraftSync {
    if in_conflict {
        DraftSync::Conflict
    } else if let Some(error) = error {
        DraftSync::Failed(error.clone())
    } else if queued || !on_server {
        match desktop.sync().connectivity() {
            Connectivity::Offline => DraftSync::Offline,
            Connectivity::Online | Connectivity::Unknown => DraftSync::SavedLocally,
        }
    } else {
        DraftSync::Synced
    }
}

fn sync_of(desktop: &Desktop, draft: &DraftRecord, queued: bool) -> DraftSync {
    sync_state(
        desktop,
        draft.conflict.is_some(),
        draft.sync_error.as_ref(),
        queued,
        draft.server_id.is_some(),
    )
}

fn summary(
    desktop: &Desktop,
    mine: Option<&Bin>,
    row: DraftRow,
    queued: bool,
) -> ApplicationSummary {
    let sync = sync_state(
        desktop,
        row.in_conflict,
        row.sync_error.as_ref(),
        queued,
        row.on_server,
    );
    ApplicationSummary {
        id: row.id,
        kind: row.kind,
        project_name: row.project_name.trim().to_owned(),
        registration: row.registration,
        party: party_for(row.owner.as_ref(), mine),
        status: row.status,
        saved_at: rfc3339(row.saved_at),
        sync,
    }
}

/// The signed-in organisation's БИН (read outside any store transaction: it takes the store).
fn my_bin(desktop: &Desktop) -> Option<Bin> {
    desktop
        .store()
        .session()
        .ok()
        .flatten()
        .map(|s| s.profile.bin)
}

/// Which party organisation `mine` is of an application `owner` owns: the УК unless the server
/// named another owner.
fn party_for(owner: Option<&Bin>, mine: Option<&Bin>) -> Party {
    match (owner, mine) {
        (Some(owner), Some(mine)) if owner != mine => Party::Developer,
        _ => Party::Uk,
    }
}

/// Which party of `record` organisation `mine` is.
fn party_of(mine: Option<&Bin>, record: &DraftRecord) -> Party {
    party_for(record.owner.as_ref(), mine)
}

/// Draft `record` as the form opens it.
fn view(desktop: &Desktop, record: DraftRecord, queued: bool) -> DraftView {
    let sync = sync_of(desktop, &record, queued);
    let party = party_of(my_bin(desktop).as_ref(), &record);
    DraftView {
        party,
        developer: record.developer,
        registration: record.registration,
        id: record.id,
        kind: record.kind,
        status: record.status,
        saved_at: rfc3339(record.saved_at),
        revision: record.revision,
        sync,
        conflicts: record.conflict.map(|c| c.conflicts).unwrap_or_default(),
        history: record.history,
        data: record.data,
    }
}

fn changed(desktop: &Desktop) {
    desktop
        .events()
        .publish(AppEvent::DataChanged(DataKind::Applications));
    desktop.sync().wake();
}

/// The applications of `kind`, newest first, from the local store.
pub fn list(desktop: &Desktop, kind: ApplicationKind) -> Result<Vec<ApplicationSummary>> {
    let scope = desktop.scope()?;
    let mine = my_bin(desktop);
    let (records, queued) = desktop.store().transaction(|tx| {
        Ok((
            drafts::rows(tx, &scope, kind)?,
            outbox::drafts_with_pending(tx, &scope)?,
        ))
    })?;
    Ok(records
        .into_iter()
        .map(|r| {
            let queued = queued.contains(&r.id);
            summary(desktop, mine.as_ref(), r, queued)
        })
        .collect())
}

/// Draft `id` for editing.
pub fn open(desktop: &Desktop, id: i64) -> Result<DraftView> {
    let scope = desktop.scope()?;
    let (record, queued) = desktop.store().transaction(|tx| {
        let record = drafts::get(tx, &scope, id)?.filter(|d| !d.deleted);
        let queued = outbox::has_pending(tx, id)?;
        Ok((record, queued))
    })?;
    let record = record.ok_or(ClientError::NotFound)?;
    Ok(view(desktop, record, queued))
}

/// Saves what was typed (a new draft when it has no id yet): the draft and its outbox mutation
/// in one transaction, on disk before this returns. A sent application cannot change here, nor
/// one whose conflict waits for a choice.
pub fn save(desktop: &Desktop, request: &SaveDraftRequest) -> Result<SavedDraft> {
    let scope = desktop.scope()?;
    let now = desktop.now();
    let mine = my_bin(desktop);
    let record = desktop.store().transaction(|tx| {
        let id = match request.id {
            None => {
                let mut data = FormData::default();
                data.apply(&request.changes);
                let data = data.normalized();
                let id = drafts::insert(tx, &scope, request.kind, &data, now)?;
                let create = Mutation::Create {
                    kind: request.kind,
                    data,
                };
                outbox::push(tx, &scope, id, &create, now)?;
                id
            }
            Some(id) => {
                let draft = drafts::get(tx, &scope, id)?
                    .filter(|d| !d.deleted)
                    .ok_or(ClientError::NotFound)?;
                if !draft.status.is_editable() || draft.kind != request.kind {
                    return Err(refused(NOT_EDITABLE));
                }
                if draft.conflict.is_some() {
                    return Err(refused(IN_CONFLICT));
                }
                let foreign = draft
                    .kind
                    .form()
                    .foreign_changes(party_of(mine.as_ref(), &draft), &request.changes);
                if !foreign.is_empty() {
                    return Err(ClientError::Invalid(
                        foreign
                            .into_iter()
                            .map(|(path, rule)| (path, rule.key.into()))
                            .collect(),
                    ));
                }
                edit(tx, &scope, &draft, &request.changes, now)?;
                id
            }
        };
        let record = drafts::get(tx, &scope, id)?.ok_or(ClientError::NotFound)?;
        let queued = outbox::has_pending(tx, id)?;
        Ok((record, queued))
    })?;
    changed(desktop);
    let (record, queued) = record;
    Ok(SavedDraft {
        id: record.id,
        saved_at: rfc3339(record.saved_at),
        revision: record.revision,
        sync: sync_of(desktop, &record, queued),
        data: record.data,
    })
}

/// Applies `changes` to `draft` and queues what the server must hear.
fn edit(
    tx: &rusqlite::Connection,
    scope: &str,
    draft: &DraftRecord,
    changes: &[homeportal_domain::forms::merge::Change],
    now: i64,
) -> Result<()> {
    let mut data = draft.data.clone();
    data.apply(changes);
    let data = data.normalized();
    if data == draft.data && draft.sync_error.is_none() {
        return Ok(());
    }
    drafts::set_data(tx, draft.id, &data, now)?;
    let queued = outbox::of_draft(tx, draft.id)?;
    let creating = queued
        .iter()
        .any(|p| matches!(p.mutation, Mutation::Create { .. }));
    let mutation = match &draft.base {
        // Never reached the server and nothing queued creates it (its creation was refused).
        None if !creating => Mutation::Create {
            kind: draft.kind,
            data,
        },
        // After a refusal the queue was emptied: send everything that differs from the server.
        Some(base) if draft.sync_error.is_some() => Mutation::Update(UpdateApplication {
            changes: base.data.diff(&data),
            resolutions: Vec::new(),
        }),
        _ => Mutation::Update(UpdateApplication {
            changes: draft.data.diff(&data),
            resolutions: Vec::new(),
        }),
    };
    drafts::set_sync_error(tx, draft.id, None)?;
    outbox::push(tx, scope, draft.id, &mutation, now).map(drop)
}

/// Deletes draft `id` while it is not sent; the server is told by the sync engine.
pub fn delete(desktop: &Desktop, id: i64) -> Result<()> {
    let scope = desktop.scope()?;
    let now = desktop.now();
    let mine = my_bin(desktop);
    desktop.store().transaction(|tx| {
        let draft = drafts::get(tx, &scope, id)?
            .filter(|d| !d.deleted)
            .ok_or(ClientError::NotFound)?;
        if party_of(mine.as_ref(), &draft) == Party::Developer {
            return Err(refused(NOT_YOUR_PART));
        }
        if !draft.status.is_editable() {
            return Err(refused(NOT_EDITABLE));
        }
        let queued = outbox::of_draft(tx, id)?;
        let never_sent = draft.server_id.is_none() && queued.iter().all(|p| p.attempts == 0);
        if never_sent {
            outbox::clear_draft(tx, id)?;
            return drafts::remove(tx, id);
        }
        drafts::set_conflict(tx, id, None)?;
        drafts::set_deleted(tx, id, true)?;
        outbox::push(tx, &scope, id, &Mutation::Delete, now).map(drop)
    })?;
    changed(desktop);
    Ok(())
}

/// «Создать на основе…»: a new draft pre-filled from draft `id` (company, bank, head,
/// shareholders, developer), saved and queued like any other.
pub fn create_based_on(desktop: &Desktop, id: i64) -> Result<DraftView> {
    let scope = desktop.scope()?;
    let now = desktop.now();
    let mine = my_bin(desktop);
    let (record, queued) = desktop.store().transaction(|tx| {
        let previous = drafts::get(tx, &scope, id)?
            .filter(|d| !d.deleted)
            .ok_or(ClientError::NotFound)?;
        if party_of(mine.as_ref(), &previous) == Party::Developer {
            return Err(refused(NOT_YOUR_PART));
        }
        let data = reuse::based_on(previous.kind.form(), &previous.data);
        let new_id = drafts::insert(tx, &scope, previous.kind, &data, now)?;
        let create = Mutation::Create {
            kind: previous.kind,
            data,
        };
        outbox::push(tx, &scope, new_id, &create, now)?;
        let record = drafts::get(tx, &scope, new_id)?.ok_or(ClientError::NotFound)?;
        Ok((record, outbox::has_pending(tx, new_id)?))
    })?;
    changed(desktop);
    Ok(view(desktop, record, queued))
}

/// Resolves the conflict of draft `id` with a choice for every unit in it; the values set aside
/// go to the server's history with the resolution.
pub fn resolve(desktop: &Desktop, request: &ResolveConflictRequest) -> Result<DraftView> {
    let scope = desktop.scope()?;
    let now = desktop.now();
    desktop.store().transaction(|tx| {
        let draft = drafts::get(tx, &scope, request.id)?.ok_or(ClientError::NotFound)?;
        let pending = draft.conflict.clone().ok_or(ClientError::NotFound)?;
        let mut data = draft.data.clone();
        let mut resolutions = pending.resolutions;
        for conflict in &pending.conflicts {
            let Choice { side, .. } = request
                .choices
                .iter()
                .find(|c| c.unit == conflict.unit)
                .ok_or_else(|| refused(IN_CONFLICT))?;
            let resolution = conflict.resolve(*side);
            data.set_unit(&conflict.unit, resolution.kept.clone());
            resolutions.push(resolution);
        }
        let base = draft
            .base
            .as_ref()
            .map(|b| b.data.clone())
            .unwrap_or_default();
        drafts::set_data(tx, draft.id, &data, now)?;
        drafts::set_conflict(tx, draft.id, None)?;
        let update = UpdateApplication {
            changes: base.diff(&data),
            resolutions,
        };
        outbox::push(tx, &scope, draft.id, &Mutation::Update(update), now).map(drop)
    })?;
    changed(desktop);
    open(desktop, request.id)
}
