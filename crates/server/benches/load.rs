//! `cargo xtask bench server`: latency of an authenticated list alone and under a flood of
//! anonymous logins, an open-loop load, and closed-loop throughput — against the release
//! server binary on loopback. Prints numbers; asserts nothing.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use homeportal_domain::api::paths;
use homeportal_domain::ids::Bin;
use homeportal_testkit::{ServerProcess, TestAccount};
use reqwest::Method;

/// Anonymous clients posting logins for unknown БИНs.
const FLOODERS: usize = 64;
/// Rate and length of the open-loop load.
const OPEN_LOOP_RATE: u64 = 1_000;
const OPEN_LOOP_SECS: u64 = 20;
/// Connections of the closed-loop load, and its length.
const CLOSED_LOOP_CONNECTIONS: usize = 200;
const CLOSED_LOOP_SECS: u64 = 10;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn report(what: &str, mut latencies: Vec<Duration>) {
    latencies.sort();
    let over_a_second = latencies.iter().filter(|d| d.as_secs() >= 1).count();
    println!(
        "{what:<44} n={:>6}  p50 {:>8.2} ms  p99 {:>8.2} ms  max {:>8.2} ms  >1 s: {over_a_second}",
        latencies.len(),
        percentile(&latencies, 0.50).as_secs_f64() * 1e3,
        percentile(&latencies, 0.99).as_secs_f64() * 1e3,
        latencies.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
    );
}

/// A valid БИН nobody registered: registered in May 2012, a legal entity's head office, serial
/// from `seed`, the check digit found by trying the ten (a serial with none takes the next).
fn unknown_bin(seed: u64) -> String {
    (seed..)
        .flat_map(|serial| (0..10).map(move |last| format!("120540{:05}{last}", serial % 100_000)))
        .find(|candidate| Bin::parse(candidate).is_ok())
        .unwrap_or_default()
}

async fn timed_list(http: &reqwest::Client, url: &str, token: &str) -> Duration {
    let started = Instant::now();
    let answer = http.get(url).bearer_auth(token).send().await;
    if let Ok(response) = answer {
        let _ = response.bytes().await;
    }
    started.elapsed()
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    std::env::set_var(
        "HOMEPORTAL_SERVER_BIN",
        env!("CARGO_BIN_EXE_homeportal-server"),
    );
    let account = TestAccount::nova_city();
    let server = ServerProcess::start_with(&account);
    let app = server.signed_in(&account).await;
    app.upload_document("Устав.pdf", b"%PDF-1.7 bench").await;
    let token = app.token().to_owned();
    let list = format!("{}{}", server.url(), paths::DOCUMENTS);
    let http = reqwest::Client::new();

    // Alone.
    let mut alone = Vec::new();
    for _ in 0..400 {
        alone.push(timed_list(&http, &list, &token).await);
    }
    report("documents list, alone", alone);

    // Under 64 anonymous login flooders.
    let flooding = Arc::new(AtomicBool::new(true));
    let logins = Arc::new(AtomicU64::new(0));
    let login_url = format!("{}{}", server.url(), paths::LOGIN);
    let flooders: Vec<_> = (0..FLOODERS)
        .map(|i| {
            let (flooding, logins, url) = (flooding.clone(), logins.clone(), login_url.clone());
            tokio::spawn(async move {
                let http = reqwest::Client::new();
                let mut n = i as u64 * 1_000_003;
                while flooding.load(Ordering::Relaxed) {
                    n += 1;
                    let body = serde_json::json!({ "bin": unknown_bin(n), "password": "guess" });
                    if http.post(&url).json(&body).send().await.is_ok() {
                        logins.fetch_add(1, Ordering::Relaxed);
                    }
                }
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut flooded = Vec::new();
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(10) {
        flooded.push(timed_list(&http, &list, &token).await);
    }
    flooding.store(false, Ordering::Relaxed);
    for flooder in flooders {
        let _ = flooder.await;
    }
    report("documents list, 64 login flooders", flooded);
    println!(
        "{:<44} {:.1} /s",
        "anonymous logins answered",
        logins.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64()
    );

    // Open loop: a request every millisecond, whatever the answers do.
    let mut ticker = tokio::time::interval(Duration::from_micros(1_000_000 / OPEN_LOOP_RATE));
    let mut pending = Vec::new();
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(OPEN_LOOP_SECS) {
        ticker.tick().await;
        let (http, list, token) = (http.clone(), list.clone(), token.clone());
        pending.push(tokio::spawn(async move {
            timed_list(&http, &list, &token).await
        }));
    }
    let mut open = Vec::with_capacity(pending.len());
    for request in pending {
        if let Ok(latency) = request.await {
            open.push(latency);
        }
    }
    report(
        &format!("documents list, open loop {OPEN_LOOP_RATE}/s"),
        open,
    );

    // Closed loop: each connection sends its next request when the last is answered.
    let done = Arc::new(AtomicU64::new(0));
    let until = Instant::now() + Duration::from_secs(CLOSED_LOOP_SECS);
    let workers: Vec<_> = (0..CLOSED_LOOP_CONNECTIONS)
        .map(|_| {
            let (done, list, token) = (done.clone(), list.clone(), token.clone());
            tokio::spawn(async move {
                let http = reqwest::Client::new();
                while Instant::now() < until {
                    let request = http.request(Method::GET, &list).bearer_auth(&token);
                    if let Ok(response) = request.send().await {
                        if response.bytes().await.is_ok() {
                            done.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                }
            })
        })
        .collect();
    for worker in workers {
        let _ = worker.await;
    }
    println!(
        "{:<44} {:.0} req/s",
        format!("closed loop, {CLOSED_LOOP_CONNECTIONS} connections"),
        done.load(Ordering::Relaxed) as f64 / CLOSED_LOOP_SECS as f64
    );
}
