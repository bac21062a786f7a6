//! The applications resource over HTTP: optimistic concurrency (412 with the current document,
//! 428 without a version), mutations applied once per key, partial drafts accepted and malformed
//! ones refused, and nothing of one organisation visible to another.

use homeportal_domain::api::ApplicationKind;
use homeportal_domain::forms::merge::{Change, Conflict, Side, Unit, UnitValue};
use homeportal_domain::forms::FormData;
use homeportal_domain::sync::{HistoryKind, UpdateApplication};
use homeportal_domain::ErrorCode;
use homeportal_testkit::applications::Changed;
use homeportal_testkit::{ServerProcess, TestAccount};
use reqwest::{Method, StatusCode};

const DEVICE: &str = "0f8e2c4a-1b2c-4d5e-8f90-123456789abc";

fn key(mutation: i64) -> String {
    format!("{DEVICE}:{mutation}")
}

fn project(name: &str) -> FormData {
    let mut data = FormData::default();
    data.set("project", "name", name);
    data
}

fn set(path: &str, value: &str) -> UpdateApplication {
    UpdateApplication {
        changes: vec![Change {
            unit: Unit::Value(path.to_owned()),
            value: Some(UnitValue::Text(value.to_owned())),
        }],
        resolutions: Vec::new(),
    }
}

#[tokio::test]
async fn a_change_from_an_old_version_gets_412_with_the_current_document() {
    let account = TestAccount::nova_city();
    let server = ServerProcess::start_with(&account);
    let app = server.signed_in(&account).await;
    let created = app
        .create_application(
            Some(&key(1)),
            ApplicationKind::Guarantee,
            &project("ЖК «Алатау»"),
        )
        .await
        .applied();
    assert_eq!(created.version, 1);
    let v2 = app
        .update_application(
            created.id,
            Some(1),
            Some(&key(2)),
            &set("project.name", "ЖК «Нұр»"),
        )
        .await
        .applied();
    assert_eq!(v2.version, 2);

    let stale = app
        .update_application(
            created.id,
            Some(1),
            Some(&key(3)),
            &set("project.name", "old"),
        )
        .await;
    let Changed::Stale(conflict) = stale else {
        panic!("expected 412, got {stale:?}");
    };
    assert_eq!(conflict.error.code, ErrorCode::StaleVersion);
    assert_eq!(conflict.current, v2);
    assert_eq!(conflict.current.data.value("project", "name"), "ЖК «Нұр»");

    let unversioned = app
        .update_application(created.id, None, Some(&key(4)), &set("project.name", "x"))
        .await
        .refused();
    assert_eq!(
        (unversioned.status, unversioned.body.code),
        (
            StatusCode::PRECONDITION_REQUIRED,
            ErrorCode::VersionRequired
        )
    );
    assert_eq!(app.application(created.id).await.expect("read"), v2);
}

#[tokio::test]
async fn a_replayed_mutation_gets_its_first_answer_and_changes_nothing() {
    let account = TestAccount::nova_city();
    let server = ServerProcess::start_with(&account);
    let app = server.signed_in(&account).await;
    let data = project("ЖК «Алатау»");
    let Changed::Applied {
        application: first,
        replayed: false,
    } = app
        .create_application(Some(&key(1)), ApplicationKind::Guarantee, &data)
        .await
    else {
        panic!("created")
    };
    let Changed::Applied {
        application: again,
        replayed: true,
    } = app
        .create_application(Some(&key(1)), ApplicationKind::Guarantee, &data)
        .await
    else {
        panic!("the replay is answered as such")
    };
    assert_eq!(again, first);
    assert_eq!(app.applications().await.expect("list").len(), 1);

    let applied = app
        .update_application(first.id, Some(1), Some(&key(2)), &set("project.name", "A"))
        .await
        .applied();
    // The answer was lost; the device sends the same mutation again, from the same version.
    let Changed::Applied {
        application: replay,
        replayed: true,
    } = app
        .update_application(first.id, Some(1), Some(&key(2)), &set("project.name", "A"))
        .await
    else {
        panic!("the replay gets the first answer, not a 412")
    };
    assert_eq!(replay, applied);
    assert_eq!(app.application(first.id).await.expect("read").version, 2);
    let feed = app.application_changes(0).await.expect("feed");
    assert_eq!(feed.changes.len(), 1);
    assert_eq!(feed.changes[0].version, 2);

    // A mutation older than one already applied, and never applied itself, is refused.
    let other_device = |m: i64| format!("{DEVICE}-b:{m}");
    app.update_application(
        first.id,
        Some(2),
        Some(&other_device(5)),
        &set("project.name", "B"),
    )
    .await
    .applied();
    let out_of_order = app
        .update_application(
            first.id,
            Some(3),
            Some(&other_device(3)),
            &set("project.name", "C"),
        )
        .await
        .refused();
    assert_eq!(
        (out_of_order.status, out_of_order.body.code),
        (StatusCode::CONFLICT, ErrorCode::Conflict)
    );
    assert_eq!(
        app.application(first.id)
            .await
            .expect("read")
            .data
            .value("project", "name"),
        "B"
    );
    let stale_key = app
        .update_application(
            first.id,
            Some(3),
            Some(&key(0)),
            &set("project.name", "zero"),
        )
        .await
        .refused();
    assert_eq!(
        stale_key.status,
        StatusCode::BAD_REQUEST,
        "mutation ids start at 1"
    );
}

#[tokio::test]
async fn partial_drafts_pass_malformed_ones_are_refused_and_nothing_is_lost() {
    let account = TestAccount::nova_city();
    let server = ServerProcess::start_with(&account);
    let app = server.signed_in(&account).await;
    let mut partial = project("ЖК «Алатау»");
    partial.set("uk", "bin", "12");
    let created = app
        .create_application(Some(&key(1)), ApplicationKind::Guarantee, &partial)
        .await
        .applied();
    assert_eq!(
        created.data, partial,
        "an incomplete, not yet valid draft is kept as typed"
    );

    let foreign = app
        .update_application(
            created.id,
            Some(1),
            Some(&key(2)),
            &set("nowhere.field", "x"),
        )
        .await
        .refused();
    assert_eq!(foreign.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(foreign.body.fields[0].field, "nowhere.field");
    assert_eq!(foreign.body.fields[0].rule, "rule.form.unknown_field");
    assert!(!foreign.body.fields[0].message.is_empty());

    let broken = app
        .request(
            Method::PATCH,
            &homeportal_domain::sync::paths::application(created.id),
        )
        .header("If-Match", "\"1\"")
        .header("Content-Type", "application/json")
        .body(r#"{"changes":[{"unit":{"part":"value"}}]}"#)
        .send()
        .await
        .expect("sent");
    assert_eq!(broken.status(), StatusCode::BAD_REQUEST);
    assert_eq!(app.application(created.id).await.expect("read"), created);
}

#[tokio::test]
async fn resolved_conflicts_keep_the_losing_value_in_the_history() {
    let account = TestAccount::nova_city();
    let server = ServerProcess::start_with(&account);
    let app = server.signed_in(&account).await;
    let created = app
        .create_application(Some(&key(1)), ApplicationKind::Guarantee, &project("A"))
        .await
        .applied();
    let conflict = Conflict {
        unit: Unit::Value("project.name".into()),
        local: Some(UnitValue::Text("mine".into())),
        remote: Some(UnitValue::Text("A".into())),
    };
    let mut update = set("project.name", "mine");
    update.resolutions = vec![conflict.resolve(Side::Local)];
    let resolved = app
        .update_application(created.id, Some(1), Some(&key(2)), &update)
        .await
        .applied();
    assert_eq!(resolved.data.value("project", "name"), "mine");
    let Some(HistoryKind::ConflictResolved { resolutions }) =
        resolved.history.last().map(|e| e.event.clone())
    else {
        panic!("the resolution is in the history: {:?}", resolved.history);
    };
    assert_eq!(resolutions[0].discarded, Some(UnitValue::Text("A".into())));
    assert!(resolved.history[0].actor.contains("Сапаров"));
}

#[tokio::test]
async fn another_organisation_gets_404_everywhere_and_an_empty_feed() {
    let (owner, other) = (TestAccount::nova_city(), TestAccount::stroy());
    let server = ServerProcess::start_configured(&[owner.clone(), other.clone()], "");
    let mine = server.signed_in(&owner).await;
    let theirs = server.signed_in(&other).await;
    let created = mine
        .create_application(Some(&key(1)), ApplicationKind::Guarantee, &project("A"))
        .await
        .applied();

    let read = theirs.application(created.id).await.expect_err("hidden");
    assert_eq!(
        (read.status, read.body.code),
        (StatusCode::NOT_FOUND, ErrorCode::NotFound)
    );
    for attempt in [
        theirs
            .update_application(
                created.id,
                Some(1),
                Some(&key(2)),
                &set("project.name", "B"),
            )
            .await,
        theirs
            .delete_application(created.id, 1, Some(&key(3)))
            .await,
    ] {
        let refused = attempt.refused();
        assert_eq!(
            (refused.status, refused.body.code),
            (StatusCode::NOT_FOUND, ErrorCode::NotFound)
        );
    }
    assert!(theirs.applications().await.expect("list").is_empty());
    let feed = theirs.application_changes(0).await.expect("feed");
    assert!(feed.changes.is_empty());
    assert_eq!(feed.cursor, 0);

    assert_eq!(
        mine.application(created.id).await.expect("still there"),
        created
    );
    let gone = mine
        .delete_application(created.id, 1, Some(&key(4)))
        .await
        .applied();
    assert!(gone.deleted);
    assert!(mine.applications().await.expect("list").is_empty());
    let feed = mine.application_changes(0).await.expect("feed");
    assert!(feed.changes[0].deleted, "the feed carries the tombstone");
    assert!(mine.application(created.id).await.is_err());
}
