//! `homeportal-upload`: uploads one file to the organisation's documents from the command line,
//! with the same resumable engine as the app (run it again to resume). For scripted use and the
//! upload benchmark. The password is read from `HOMEPORTAL_PASSWORD`.
//!
//! usage: homeportal-upload --server URL --bin BIN --file PATH --data-dir DIR [--slot SLOT]
//!        [--kind application|appeal|library]

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use homeportal_client::uploads::{Progress, UploadEngine};
use homeportal_client::{Api, LocalStore};
use homeportal_domain::api::{LoginRequest, UploadKind};
use homeportal_domain::Lang;

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

/// What to upload, where to, and where the upload's state is kept.
struct Job {
    server: String,
    bin: String,
    file: PathBuf,
    state_dir: PathBuf,
    slot: String,
    kind: UploadKind,
}

#[tokio::main]
async fn main() -> ExitCode {
    homeportal_client::memory::return_large_buffers_to_the_os();
    let args: Vec<String> = std::env::args().collect();
    let kind = UploadKind::from_name(&arg(&args, "--kind").unwrap_or_else(|| "library".to_owned()));
    let (Some(server), Some(bin), Some(file), Some(dir), Some(kind)) = (
        arg(&args, "--server"),
        arg(&args, "--bin"),
        arg(&args, "--file"),
        arg(&args, "--data-dir"),
        kind,
    ) else {
        eprintln!(
            "usage: homeportal-upload --server URL --bin BIN --file PATH --data-dir DIR \
             [--slot SLOT] [--kind application|appeal|library]"
        );
        return ExitCode::from(2);
    };
    let job = Job {
        server,
        bin,
        file: PathBuf::from(file),
        state_dir: PathBuf::from(dir),
        slot: arg(&args, "--slot").unwrap_or_else(|| "other".to_owned()),
        kind,
    };
    let password = std::env::var("HOMEPORTAL_PASSWORD").unwrap_or_default();
    match upload(&job, &password).await {
        Ok(sha) => {
            println!("done {sha}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("homeportal-upload: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn upload(job: &Job, password: &str) -> Result<String, String> {
    let say = |e: homeportal_client::ClientError| e.to_body(Lang::Ru).message;
    let api = Api::new(&job.server, Lang::Ru);
    let login = LoginRequest {
        bin: job.bin.clone(),
        password: password.to_owned(),
    };
    let token = api.login(&login).await.map_err(say)?.token;
    let api = api.signed_in(&token);
    let store = LocalStore::open(&job.state_dir).map_err(say)?;
    let engine = UploadEngine {
        api: &api,
        store: &store,
    };
    let path = job.file.to_string_lossy().into_owned();
    let existing = store
        .unfinished_uploads()
        .map_err(say)?
        .into_iter()
        .find(|r| r.path == path);
    let id = match existing {
        Some(record) => record.id,
        None => engine
            .enqueue(&job.file, job.kind, &job.slot, 0)
            .map_err(say)?,
    };
    let first = AtomicBool::new(true);
    let report = |p: Progress| {
        if first.swap(false, Ordering::Relaxed) {
            println!("resume {}", p.sent);
        }
        println!("offset {}", p.sent);
    };
    engine
        .run(id, &AtomicBool::new(false), &report)
        .await
        .map_err(say)?;
    let record = store.upload(id).map_err(say)?;
    Ok(record.map(|r| r.sha256).unwrap_or_default())
}
