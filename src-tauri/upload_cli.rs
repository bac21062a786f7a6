//! `homeportal-upload`: uploads one file to the organisation's documents from the command line,
//! with the same resumable engine as the app (run it again to resume). For scripted use and the
//! upload benchmark. The password is read from `HOMEPORTAL_PASSWORD`.
//!
//! usage: homeportal-upload --server URL --bin BIN --file PATH --data-dir DIR [--slot SLOT]
//!        [--kind application|appeal|library]

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use homeportal_domain::api::{LoginRequest, UploadKind};
use homeportal_domain::Lang;
use homeportal_lib::api_client::ApiClient;
use homeportal_lib::store::LocalStore;
use homeportal_lib::uploads::records;
use homeportal_lib::uploads::{Progress, UploadManager};

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
    let api = ApiClient::new(&job.server);
    let login = LoginRequest {
        bin: job.bin.clone(),
        password: password.to_owned(),
    };
    let token = api
        .login(&login, Lang::Ru)
        .await
        .map_err(|e| e.message)?
        .token;
    let store = LocalStore::open(&job.state_dir).map_err(|e| e.to_string())?;
    let manager = UploadManager {
        api: &api,
        store: &store,
        token: &token,
        lang: Lang::Ru,
    };
    let path = job.file.to_string_lossy().into_owned();
    let existing = records::unfinished(&store)
        .map_err(|e| e.to_string())?
        .into_iter()
        .find(|r| r.path == path);
    let id = match existing {
        Some(record) => record.id,
        None => manager
            .enqueue(&job.file, job.kind, &job.slot, 0)
            .await
            .map_err(|e| e.to_string())?,
    };
    let first = AtomicBool::new(true);
    let report = |p: Progress| {
        if first.swap(false, Ordering::Relaxed) {
            println!("resume {}", p.sent);
        }
        println!("offset {}", p.sent);
    };
    manager
        .run(id, &AtomicBool::new(false), &report)
        .await
        .map_err(|e| e.to_string())?;
    let record = records::get(&store, id).map_err(|e| e.to_string())?;
    Ok(record.map(|r| r.sha256).unwrap_or_default())
}
