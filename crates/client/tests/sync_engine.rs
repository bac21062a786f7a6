//! The sync engine against the real server in-process: offline edits arrive once, lost answers
//! are not applied twice, edits of other fields are merged, edits of the same field become a
//! conflict a person resolves (the other value kept in the history) — and a property test of
//! random interleavings with two devices, network cuts and restarts of both sides.

mod support;

use std::collections::{HashMap, HashSet};

use homeportal_client::store::{drafts, outbox};
use homeportal_client::{applications, sync, Desktop};
use homeportal_domain::api::ApplicationKind;
use homeportal_domain::applications::{Choice, ResolveConflictRequest, SaveDraftRequest};
use homeportal_domain::forms::merge::{Change, Side, Unit, UnitValue};
use homeportal_domain::forms::FormData;
use homeportal_domain::sync::{DraftSync, HistoryKind, ServerApplication, UpdateApplication};
use proptest::prelude::*;
use support::{Fault, Server, Template};

const KIND: ApplicationKind = ApplicationKind::Guarantee;

/// The fields the tests edit: the first non-repeatable fields of the guarantee form.
fn fields() -> Vec<String> {
    KIND.form()
        .fields()
        .filter(|(g, _)| !g.repeatable)
        .take(4)
        .map(|(g, f)| format!("{}.{}", g.id, f.id))
        .collect()
}

fn set(path: &str, value: &str) -> Change {
    Change {
        unit: Unit::Value(path.to_owned()),
        value: (!value.is_empty()).then(|| UnitValue::Text(value.to_owned())),
    }
}

fn text<'a>(data: &'a FormData, path: &str) -> &'a str {
    data.values.get(path).map_or("", String::as_str)
}

fn save(desktop: &Desktop, id: Option<i64>, changes: Vec<Change>) -> i64 {
    applications::save(
        desktop,
        &SaveDraftRequest {
            id,
            kind: KIND,
            changes,
        },
    )
    .expect("saved locally")
    .id
}

/// The drafts of a desktop, with their server ids.
fn local(desktop: &Desktop) -> Vec<drafts::DraftRecord> {
    let scope = desktop.scope().expect("scope");
    desktop
        .store()
        .transaction(|tx| {
            drafts::rows(tx, &scope, KIND)?
                .into_iter()
                .filter_map(|row| drafts::get(tx, &scope, row.id).transpose())
                .collect()
        })
        .expect("list")
}

fn queued(desktop: &Desktop) -> i64 {
    let scope = desktop.scope().expect("scope");
    desktop
        .store()
        .transaction(|tx| outbox::count(tx, &scope))
        .expect("count")
}

async fn server_applications(template: &Template, server: &Server) -> Vec<ServerApplication> {
    let api = homeportal_client::Api::new(&server.url(), homeportal_domain::Lang::Ru)
        .signed_in(&template.token);
    let page = api.application_changes(0).await.expect("feed");
    page.changes.into_iter().filter(|a| !a.deleted).collect()
}

#[tokio::test]
async fn an_offline_edit_arrives_once_after_the_server_comes_back_and_a_lost_answer_is_not_applied_twice(
) {
    let template = Template::new().await;
    let data = template.copy();
    let mut server = Server::start_in(data.path().to_path_buf(), None).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let desktop = template.desktop(dir.path(), &server);
    let field = &fields()[0];

    let addr_server = server.url();
    server.restart().await;
    assert_eq!(server.url(), addr_server);
    server.faults.inject(Fault::BeforeCommit);
    let id = save(&desktop, None, vec![set(field, "ЖК «Алатау»")]);
    assert!(
        sync::sync_now(&desktop).await.is_err(),
        "the cut is a network failure"
    );
    assert_eq!(queued(&desktop), 1, "the edit waits in the outbox");

    server.faults.inject(Fault::AfterCommit);
    assert!(sync::sync_now(&desktop).await.is_err());
    assert_eq!(
        queued(&desktop),
        1,
        "the answer was lost, so it still waits"
    );
    save(&desktop, Some(id), vec![set(field, "ЖК «Нұр»")]);

    sync::sync_now(&desktop).await.expect("synced");
    assert_eq!(queued(&desktop), 0);
    let on_server = server_applications(&template, &server).await;
    assert_eq!(on_server.len(), 1, "created once");
    assert_eq!(
        on_server[0].version, 2,
        "one create and one change, each applied once"
    );
    assert_eq!(on_server[0].data, local(&desktop)[0].data);
    assert_eq!(
        applications::open(&desktop, id).expect("open").sync,
        DraftSync::Synced
    );
    let keys: Vec<String> = server.faults.applied().into_iter().map(|a| a.key).collect();
    let unique: HashSet<&String> = keys.iter().collect();
    assert_eq!(unique.len(), keys.len(), "no key applied twice: {keys:?}");
    server.stop().await;
}

#[tokio::test]
async fn other_fields_merge_and_the_same_field_becomes_a_conflict_kept_in_the_history() {
    let template = Template::new().await;
    let data = template.copy();
    let server = Server::start_in(data.path().to_path_buf(), None).await;
    let (dir_a, dir_b) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
    );
    let (a, b) = (
        template.desktop(dir_a.path(), &server),
        template.desktop(dir_b.path(), &server),
    );
    let f = fields();
    let id_a = save(&a, None, vec![set(&f[0], "start"), set(&f[1], "start")]);
    sync::sync_now(&a).await.expect("a synced");
    sync::sync_now(&b).await.expect("b synced");
    let id_b = local(&b)[0].id;

    save(
        &a,
        Some(id_a),
        vec![set(&f[0], "from A"), set(&f[2], "only A")],
    );
    sync::sync_now(&a).await.expect("a synced");
    save(
        &b,
        Some(id_b),
        vec![set(&f[0], "from B"), set(&f[3], "only B")],
    );
    sync::sync_now(&b).await.expect("b synced");

    let view = applications::open(&b, id_b).expect("open");
    assert_eq!(view.sync, DraftSync::Conflict);
    assert_eq!(
        text(&view.data, &f[2]),
        "only A",
        "A's other field is taken"
    );
    assert_eq!(text(&view.data, &f[3]), "only B", "B's own field is kept");
    assert_eq!(view.conflicts.len(), 1);
    assert_eq!(view.conflicts[0].unit, Unit::Value(f[0].clone()));
    assert_eq!(
        view.conflicts[0].remote,
        Some(UnitValue::Text("from A".into()))
    );
    assert!(applications::save(
        &b,
        &SaveDraftRequest {
            id: Some(id_b),
            kind: KIND,
            changes: vec![set(&f[1], "typed during the conflict")]
        }
    )
    .is_err());

    let resolved = applications::resolve(
        &b,
        &ResolveConflictRequest {
            id: id_b,
            choices: vec![Choice {
                unit: Unit::Value(f[0].clone()),
                side: Side::Local,
            }],
        },
    )
    .expect("resolved");
    assert!(resolved.conflicts.is_empty());
    sync::sync_now(&b).await.expect("b synced");
    sync::sync_now(&a).await.expect("a synced");

    let on_server = &server_applications(&template, &server).await[0];
    assert_eq!(text(&on_server.data, &f[0]), "from B");
    assert_eq!(text(&on_server.data, &f[2]), "only A");
    assert_eq!(text(&on_server.data, &f[3]), "only B");
    assert_eq!(local(&a)[0].data, on_server.data);
    assert_eq!(local(&b)[0].data, on_server.data);
    let discarded: Vec<_> = on_server
        .history
        .iter()
        .filter_map(|e| match &e.event {
            HistoryKind::ConflictResolved { resolutions } => Some(resolutions.clone()),
            _ => None,
        })
        .flatten()
        .map(|r| r.discarded)
        .collect();
    assert_eq!(discarded, vec![Some(UnitValue::Text("from A".into()))]);
    server.stop().await;
}

/// One step of a random interleaving.
#[derive(Debug, Clone)]
enum Step {
    /// A device creates a draft.
    Create { device: usize, value: String },
    /// A device edits field `field` of the `app`-th application it knows.
    Edit {
        device: usize,
        app: usize,
        field: usize,
        value: String,
    },
    /// A device runs a sync round.
    Sync { device: usize },
    /// The next mutation's connection is cut.
    Cut(Fault),
    /// A device's app is closed and opened again (its store reopened).
    RestartApp { device: usize },
    /// The server restarts.
    RestartServer,
    /// A device resolves its conflicts, keeping one side.
    Resolve { device: usize, local: bool },
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), "[ab]{1,2}"]
}

fn step() -> impl Strategy<Value = Step> {
    let device = 0usize..2;
    prop_oneof![
        1 => (device.clone(), value()).prop_map(|(device, value)| Step::Create { device, value }),
        6 => (device.clone(), 0usize..2, 0usize..4, value()).prop_map(|(device, app, field, value)| {
            Step::Edit { device, app, field, value }
        }),
        4 => device.clone().prop_map(|device| Step::Sync { device }),
        1 => Just(Step::Cut(Fault::BeforeCommit)),
        1 => Just(Step::Cut(Fault::AfterCommit)),
        1 => device.clone().prop_map(|device| Step::RestartApp { device }),
        1 => Just(Step::RestartServer),
        1 => (device, any::<bool>()).prop_map(|(device, local)| Step::Resolve { device, local }),
    ]
}

/// A device under test: its folder and its open app.
struct Device {
    dir: tempfile::TempDir,
    desktop: Desktop,
}

fn resolve_all(desktop: &Desktop, side: Side) {
    for draft in local(desktop) {
        let Some(conflict) = draft.conflict else {
            continue;
        };
        let choices = conflict
            .conflicts
            .iter()
            .map(|c| Choice {
                unit: c.unit.clone(),
                side,
            })
            .collect();
        applications::resolve(
            desktop,
            &ResolveConflictRequest {
                id: draft.id,
                choices,
            },
        )
        .expect("resolved");
    }
}

/// The `app`-th application (by server id, then local id) a desktop knows.
fn nth_draft(desktop: &Desktop, app: usize) -> Option<drafts::DraftRecord> {
    let mut all = local(desktop);
    all.sort_by_key(|d| (d.server_id.unwrap_or(i64::MAX), d.id));
    all.into_iter().nth(app)
}

/// What a device last saved in each unit of each draft, by (device, local draft id, unit).
type Intentions = HashMap<(usize, i64, Unit), Option<UnitValue>>;

async fn run_case(template: &Template, steps: Vec<Step>) -> Result<(), TestCaseError> {
    let data = template.copy();
    let mut server = Server::start_in(data.path().to_path_buf(), None).await;
    let mut devices: Vec<Device> = (0..2)
        .map(|_| {
            let dir = tempfile::tempdir().expect("tempdir");
            let desktop = template.desktop(dir.path(), &server);
            Device { dir, desktop }
        })
        .collect();
    let paths = fields();
    let mut intentions = Intentions::new();

    for step in steps {
        match step {
            Step::Create { device, value } => {
                let change = set(&paths[0], &value);
                let id = save(&devices[device].desktop, None, vec![change.clone()]);
                intentions.insert((device, id, change.unit), change.value);
            }
            Step::Edit {
                device,
                app,
                field,
                value,
            } => {
                let desktop = &devices[device].desktop;
                let Some(draft) = nth_draft(desktop, app) else {
                    continue;
                };
                if draft.conflict.is_some() {
                    continue;
                }
                let change = set(&paths[field], &value);
                save(desktop, Some(draft.id), vec![change.clone()]);
                intentions.insert((device, draft.id, change.unit), change.value);
            }
            Step::Sync { device } => {
                let _ = sync::sync_now(&devices[device].desktop).await;
            }
            Step::Cut(fault) => server.faults.inject(fault),
            Step::RestartApp { device } => {
                let dir = devices[device].dir.path().to_path_buf();
                let reopened = template.desktop(&dir, &server);
                devices[device].desktop = reopened;
            }
            Step::RestartServer => server.restart().await,
            Step::Resolve { device, local } => {
                let side = if local { Side::Local } else { Side::Remote };
                resolve_all(&devices[device].desktop, side);
            }
        }
    }

    server.faults.clear();
    for round in 0.. {
        prop_assert!(round < 8, "no convergence after 8 rounds");
        for (n, device) in devices.iter().enumerate() {
            resolve_all(
                &device.desktop,
                if n == 0 { Side::Local } else { Side::Remote },
            );
            sync::sync_now(&device.desktop)
                .await
                .map_err(|e| TestCaseError::fail(format!("sync failed: {e}")))?;
        }
        let settled = devices.iter().all(|d| {
            queued(&d.desktop) == 0 && local(&d.desktop).iter().all(|r| r.conflict.is_none())
        });
        if settled {
            break;
        }
    }
    for device in &devices {
        sync::sync_now(&device.desktop)
            .await
            .map_err(|e| TestCaseError::fail(format!("sync failed: {e}")))?;
    }

    let on_server = server_applications(template, &server).await;
    // Both devices equal the server.
    for (n, device) in devices.iter().enumerate() {
        let mut mine: Vec<(i64, FormData)> = local(&device.desktop)
            .into_iter()
            .map(|d| {
                prop_assert!(d.sync_error.is_none(), "device {n}: {:?}", d.sync_error);
                Ok((d.server_id.unwrap_or(-1), d.data))
            })
            .collect::<Result<_, TestCaseError>>()?;
        mine.sort_by_key(|(id, _)| *id);
        let mut theirs: Vec<(i64, FormData)> =
            on_server.iter().map(|a| (a.id, a.data.clone())).collect();
        theirs.sort_by_key(|(id, _)| *id);
        prop_assert_eq!(&mine, &theirs, "device {} differs from the server", n);
    }
    // No mutation applied twice: every key once, and each version is one applied mutation.
    let applied = server.faults.applied();
    let mut keys = HashSet::new();
    for mutation in &applied {
        prop_assert!(
            keys.insert(mutation.key.clone()),
            "{} applied twice",
            mutation.key
        );
    }
    for application in &on_server {
        let changes = applied
            .iter()
            .filter(|m| {
                serde_json::from_slice::<ServerApplication>(&m.answer)
                    .is_ok_and(|a| a.id == application.id)
            })
            .count() as i64;
        prop_assert_eq!(
            application.version,
            changes,
            "versions of {}",
            application.id
        );
    }
    // No saved edit lost: each device's last value of each unit reached the server in an applied
    // mutation, or is recorded in a conflict resolution.
    let mut reached: Vec<(i64, Unit, Option<UnitValue>)> = Vec::new();
    for mutation in &applied {
        let Ok(answer) = serde_json::from_slice::<ServerApplication>(&mutation.answer) else {
            continue;
        };
        if let Ok(update) = serde_json::from_slice::<UpdateApplication>(&mutation.body) {
            for change in update.changes {
                reached.push((answer.id, change.unit, change.value));
            }
        }
        if mutation.method == axum::http::Method::POST {
            if let Ok(create) =
                serde_json::from_slice::<homeportal_domain::sync::CreateApplication>(&mutation.body)
            {
                for path in &paths {
                    let unit = Unit::Value(path.clone());
                    let value = create.data.unit(&unit);
                    reached.push((answer.id, unit, value));
                }
            }
        }
    }
    for application in &on_server {
        for event in &application.history {
            if let HistoryKind::ConflictResolved { resolutions } = &event.event {
                for r in resolutions {
                    reached.push((application.id, r.unit.clone(), r.kept.clone()));
                    reached.push((application.id, r.unit.clone(), r.discarded.clone()));
                }
            }
        }
    }
    for ((device, draft_id, unit), value) in intentions {
        let Some(server_id) = server_id_of(&devices[device].desktop, draft_id) else {
            prop_assert!(
                false,
                "draft {draft_id} of device {device} never reached the server"
            );
            continue;
        };
        prop_assert!(
            reached.contains(&(server_id, unit.clone(), value.clone())),
            "device {}'s {:?} = {:?} was lost",
            device,
            unit,
            value
        );
    }
    server.stop().await;
    Ok(())
}

fn server_id_of(desktop: &Desktop, draft_id: i64) -> Option<i64> {
    let scope = desktop.scope().ok()?;
    desktop
        .store()
        .transaction(|tx| drafts::get(tx, &scope, draft_id))
        .ok()
        .flatten()
        .and_then(|d| d.server_id)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("SYNC_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(1000),
        failure_persistence: None,
        max_shrink_iters: 200,
        ..ProptestConfig::default()
    })]

    #[test]
    fn two_devices_converge_with_every_edit_kept_and_every_mutation_applied_once(
        steps in prop::collection::vec(step(), 1..24)
    ) {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let template = runtime.block_on(template());
        runtime.block_on(run_case(template, steps))?;
    }
}

/// One server template for every case (making an account and logging in hashes passwords).
async fn template() -> &'static Template {
    static TEMPLATE: tokio::sync::OnceCell<Template> = tokio::sync::OnceCell::const_new();
    TEMPLATE.get_or_init(Template::new).await
}
