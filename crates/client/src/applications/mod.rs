//! Applications being prepared on this computer: drafts saved locally, listed by kind.

use homeportal_domain::api::ApplicationKind;
use homeportal_domain::applications::{
    ApplicationSummary, DraftView, SaveDraftRequest, SavedDraft, NOT_EDITABLE,
};
use homeportal_domain::events::{AppEvent, DataKind};

use crate::clock::rfc3339;
use crate::error::{ClientError, Result};
use crate::store::drafts::DraftRecord;
use crate::Desktop;

fn summary(record: DraftRecord) -> ApplicationSummary {
    ApplicationSummary {
        id: record.id,
        kind: record.kind,
        project_name: ApplicationSummary::project_name_of(&record.data),
        registration: None,
        deadline: None,
        status: record.status,
        saved_at: rfc3339(record.saved_at),
    }
}

/// The applications of `kind`, newest first.
pub fn list(desktop: &Desktop, kind: ApplicationKind) -> Result<Vec<ApplicationSummary>> {
    Ok(desktop
        .store()
        .drafts(kind)?
        .into_iter()
        .map(summary)
        .collect())
}

/// Draft `id` for editing.
pub fn open(desktop: &Desktop, id: i64) -> Result<DraftView> {
    let record = desktop.store().draft(id)?.ok_or(ClientError::NotFound)?;
    Ok(DraftView {
        id: record.id,
        kind: record.kind,
        status: record.status,
        data: record.data,
        saved_at: rfc3339(record.saved_at),
    })
}

/// Saves what is typed so far (a new draft when it has no id yet). Incomplete drafts are fine;
/// a draft already sent cannot be changed here.
pub fn save(desktop: &Desktop, request: &SaveDraftRequest) -> Result<SavedDraft> {
    let store = desktop.store();
    let now = desktop.now();
    let id = match request.id {
        None => store.insert_draft(request.kind, &request.data, now)?,
        Some(id) => {
            let existing = store.draft(id)?.ok_or(ClientError::NotFound)?;
            if !existing.status.is_editable() || existing.kind != request.kind {
                return Err(ClientError::Invalid(vec![(
                    "draft".into(),
                    NOT_EDITABLE.into(),
                )]));
            }
            store.update_draft(id, &request.data, now)?;
            id
        }
    };
    desktop
        .events()
        .publish(AppEvent::DataChanged(DataKind::Applications));
    Ok(SavedDraft {
        id,
        saved_at: rfc3339(now),
    })
}

/// Deletes draft `id` while it is not sent.
pub fn delete(desktop: &Desktop, id: i64) -> Result<()> {
    let store = desktop.store();
    let existing = store.draft(id)?.ok_or(ClientError::NotFound)?;
    if !existing.status.is_editable() {
        return Err(ClientError::Invalid(vec![(
            "draft".into(),
            NOT_EDITABLE.into(),
        )]));
    }
    store.delete_draft(id)?;
    desktop
        .events()
        .publish(AppEvent::DataChanged(DataKind::Applications));
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use homeportal_domain::forms::FormData;

    use super::*;
    use crate::clock::FixedClock;
    use crate::store::LocalStore;

    #[tokio::test]
    async fn saving_lists_and_announces_the_draft() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = LocalStore::open(dir.path()).expect("store");
        let desktop = Desktop::new(
            store,
            "http://127.0.0.1:9",
            Arc::new(FixedClock::at(1_700_000_000)),
        );
        let mut events = desktop.events().subscribe();
        let mut data = FormData::default();
        data.set("project", "name", "ЖК «Алатау»");
        let saved = save(
            &desktop,
            &SaveDraftRequest {
                id: None,
                kind: ApplicationKind::Guarantee,
                data: data.clone(),
            },
        )
        .expect("saved");
        assert_eq!(saved.saved_at, "2023-11-14T22:13:20Z");
        assert_eq!(
            events.recv().await.expect("announced"),
            AppEvent::DataChanged(DataKind::Applications)
        );
        let listed = list(&desktop, ApplicationKind::Guarantee).expect("list");
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].project_name, "ЖК «Алатау»");
        assert!(listed[0].status.is_editable());
        assert_eq!(open(&desktop, saved.id).expect("open").data, data);
        delete(&desktop, saved.id).expect("deleted");
        assert!(matches!(
            open(&desktop, saved.id),
            Err(ClientError::NotFound)
        ));
    }
}
