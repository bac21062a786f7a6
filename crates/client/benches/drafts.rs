//! `cargo xtask bench drafts`: saving a full guarantee application (every field filled) with
//! `synchronous=FULL`, listing 1,000 drafts from the local store, draining 100 queued edits
//! to the server on loopback once it is back, and the memory of the desktop's core holding
//! 1,000 drafts. Files live under the target folder (a disk, not a tmpfs). Prints numbers;
//! asserts nothing.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use homeportal_client::store::LocalStore;
use homeportal_client::{applications, sync, Api, Desktop, SystemClock};
use homeportal_domain::api::{ApplicationKind, LoginRequest};
use homeportal_domain::applications::SaveDraftRequest;
use homeportal_domain::forms::merge::{Change, Unit, UnitValue};
use homeportal_domain::forms::{AttachedFile, FormData};
use homeportal_domain::Lang;
use homeportal_server::accounts::{self, NewAccount};
use homeportal_server::config::Config;
use homeportal_server::db::Db;
use homeportal_server::{router, AppState};
use homeportal_testkit::TestAccount;

const KIND: ApplicationKind = ApplicationKind::Guarantee;
const EDITS: usize = 500;
const DRAFTS: usize = 1_000;
const QUEUED: usize = 100;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(rank).copied().unwrap_or_default()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.split_whitespace().next()?.parse().ok())
        })
        .unwrap_or(0)
}

/// A guarantee application with every field, three blocks of every repeatable group and two
/// files in every document slot.
fn full_application() -> FormData {
    let spec = KIND.form();
    let mut data = FormData::default();
    for (group, field) in spec.fields() {
        let text = format!("{} — значение поля для проверки скорости", field.id);
        if group.repeatable {
            let blocks = data.blocks.entry(group.id.to_owned()).or_default();
            blocks.resize_with(3, Default::default);
            for block in blocks.iter_mut() {
                block.insert(field.id.to_owned(), text.clone());
            }
        } else {
            data.set(group.id, field.id, &text);
        }
    }
    for slot in spec
        .stages
        .iter()
        .flat_map(|s| s.tabs.iter())
        .flat_map(|t| t.documents.iter())
    {
        let files = (0..2)
            .map(|i| AttachedFile {
                file_name: format!("{}-{i}.pdf", slot.id),
                size: 1_048_576,
                sha256: "ab".repeat(32),
                signed: false,
            })
            .collect();
        data.documents.insert(slot.id.to_owned(), files);
    }
    data
}

fn as_changes(data: &FormData) -> Vec<Change> {
    FormData::default().diff(data)
}

fn desktop(dir: &Path, url: &str, token: &str) -> Desktop {
    let store = LocalStore::open(dir).expect("local store");
    let profile = serde_json::from_value(serde_json::json!({
        "bin": TestAccount::nova_city().bin, "org_name": "ТОО «Nova City Development»",
        "iin": TestAccount::nova_city().iin, "last_name": "Сапаров", "first_name": "Ерлан",
        "email": "buh@novacity.kz", "phone": "+77011234567"
    }))
    .expect("profile");
    store.save_session(token, &profile, 0).expect("session");
    Desktop::for_server(store, url, "bench", Arc::new(SystemClock))
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
    .expect("saved")
    .id
}

fn bench_saves(work: &Path) {
    let dir = work.join("saves");
    let desktop = desktop(&dir, "http://127.0.0.1:9", "offline");
    let full = full_application();
    let json = serde_json::to_string(&full).map_or(0, |j| j.len());
    let id = save(&desktop, None, as_changes(&full));
    let mut times = Vec::with_capacity(EDITS);
    for i in 0..EDITS {
        let change = Change {
            unit: Unit::Value("project.name".into()),
            value: Some(UnitValue::Text(format!("ЖК «Нұрлы Көш» {i}"))),
        };
        let started = Instant::now();
        save(&desktop, Some(id), vec![change]);
        times.push(started.elapsed());
    }
    times.sort();
    println!(
        "save of a full guarantee application ({json} B JSON, synchronous=FULL): n={EDITS}  p50 {:.2} ms  p99 {:.2} ms  max {:.2} ms",
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.99)),
        ms(times.last().copied().unwrap_or_default())
    );
}

fn bench_list(work: &Path) {
    let dir = work.join("list");
    let before = rss_kb();
    let desktop = desktop(&dir, "http://127.0.0.1:9", "offline");
    let full = as_changes(&full_application());
    for _ in 0..DRAFTS {
        save(&desktop, None, full.clone());
    }
    let mut times = Vec::new();
    for _ in 0..20 {
        let started = Instant::now();
        let listed = applications::list(&desktop, KIND).expect("list");
        times.push(started.elapsed());
        assert_eq!(listed.len(), DRAFTS);
    }
    times.sort();
    println!(
        "list of {DRAFTS} full drafts from the local store: p50 {:.2} ms  max {:.2} ms",
        ms(percentile(&times, 0.5)),
        ms(times.last().copied().unwrap_or_default())
    );
    let size = std::fs::metadata(dir.join("desktop.sqlite3")).map_or(0, |m| m.len());
    println!(
        "memory of the desktop core with {DRAFTS} drafts listed: RSS {} MiB (+{} MiB over the empty process); store file {} MiB",
        rss_kb() / 1024,
        rss_kb().saturating_sub(before) / 1024,
        size / 1024 / 1024
    );
}

async fn bench_drain(work: &Path) {
    let data = work.join("server");
    let db = Db::open(&data).expect("db");
    let account = TestAccount::nova_city();
    let valid = NewAccount {
        bin: account.bin.into(),
        org_name: account.org_name.into(),
        iin: account.iin.into(),
        last_name: account.last_name.into(),
        first_name: account.first_name.into(),
        middle_name: Some(account.middle_name.into()),
        email: account.email.into(),
        phone: account.phone.into(),
        password: account.password.into(),
    }
    .validate()
    .expect("valid");
    accounts::create(&db, &valid, 0).expect("account");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    let config = Config {
        data_dir: data.clone(),
        ..Config::default()
    };
    let state = AppState::open(config, db, &url).expect("state");
    tokio::spawn(async move { axum::serve(listener, router(state)).await });
    let token = Api::new(&url, Lang::Ru)
        .login(&LoginRequest {
            bin: account.bin.into(),
            password: account.password.into(),
        })
        .await
        .expect("login")
        .token;
    let desktop = desktop(&work.join("drain"), &url, &token);
    let id = save(&desktop, None, as_changes(&full_application()));
    sync::sync_now(&desktop).await.expect("first sync");
    // Edits made while the server was away wait in the outbox.
    for i in 0..QUEUED {
        let change = Change {
            unit: Unit::Value("project.name".into()),
            value: Some(UnitValue::Text(format!("ЖК «Нұрлы Көш» {i}"))),
        };
        save(&desktop, Some(id), vec![change]);
    }
    let started = Instant::now();
    sync::sync_now(&desktop).await.expect("drained");
    println!(
        "drain of {QUEUED} queued edits of a full application to the server on loopback: {:.0} ms",
        ms(started.elapsed())
    );
}

fn work_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("own path");
    let target = exe
        .ancestors()
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n == "target" || n == "release")
        })
        .map(Path::to_path_buf)
        .unwrap_or_else(std::env::temp_dir);
    target.join(format!("bench-drafts-{}", std::process::id()))
}

fn main() {
    let work = work_dir();
    std::fs::create_dir_all(&work).expect("work dir");
    println!("files under {}", work.display());
    bench_saves(&work);
    bench_list(&work);
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(bench_drain(&work));
    let _ = std::fs::remove_dir_all(&work);
}
