//! `cargo xtask bench upload`: on loopback, a 700 MB file through our resumable client and,
//! for the transfer ceiling, through curl in one tus PATCH to the same server; MB/s of both and
//! their ratio, peak RSS of client and server, and how far a client killed at ~50 % gets on
//! resume. Numbers, not assertions: the machines are shared and noisy. Linux (reads /proc).

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

use crate::{cargo, step, target_dir};

const SIZE: u64 = 700 * 1024 * 1024;
const BIN: &str = "940140000385";
const PASSWORD: &str = "Bench-2026!";
const MB: f64 = 1024.0 * 1024.0;
/// Rounds of curl and client, alternating.
const ROUNDS: usize = 3;

/// Runs the server load benchmark (`crates/server/benches/load.rs`) and prints its numbers.
pub fn server() -> Result<(), String> {
    step(
        "server under load (release)",
        cargo().args(["bench", "-p", "homeportal-server", "--bench", "load"]),
    )
}

/// Runs the drafts benchmark (`crates/client/benches/drafts.rs`) and prints its numbers.
pub fn drafts() -> Result<(), String> {
    step(
        "offline-first drafts (release)",
        cargo().args(["bench", "-p", "homeportal-client", "--bench", "drafts"]),
    )
}

/// Runs the upload benchmark and prints its numbers.
pub fn upload() -> Result<(), String> {
    step(
        "build release binaries",
        cargo().args([
            "build",
            "--release",
            "-p",
            "homeportal-server",
            "-p",
            "homeportal-client",
            "--bin",
            "homeportal-server",
            "--bin",
            "homeportal-upload",
        ]),
    )?;
    let release = target_dir().join("release");
    let work = std::env::temp_dir().join(format!("homeportal-bench-{}", std::process::id()));
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    let result = run(&release, &work);
    let _ = std::fs::remove_dir_all(&work);
    result
}

fn run(release: &Path, work: &Path) -> Result<(), String> {
    let file = work.join("project-documents.bin");
    write_file(&file)?;
    let server_bin = release.join("homeportal-server");
    let data = work.join("server");
    create_account(&server_bin, &data)?;
    let (mut server, url) = start_server(&server_bin, &data)?;
    let measured = measure(&server, &url, release, &file, work);
    stop_server(&mut server);
    measured
}

fn measure(
    server: &Child,
    url: &str,
    release: &Path,
    file: &Path,
    work: &Path,
) -> Result<(), String> {
    let (url, file) = (url.to_owned(), file.to_path_buf());
    let server_pid = server.id();
    let server_base = kb(server_pid, "VmRSS").unwrap_or(0);

    // Alternate rounds and keep each side's best: the machines are shared and noisy.
    let upload_bin = release.join("homeportal-upload");
    let (mut curl_times, mut client_times, mut client_peak) = (Vec::new(), Vec::new(), 0);
    // CPU seconds per run: [sender, server] for curl and for our client.
    let (mut curl_cpu, mut client_cpu) = ([0.0f64; 2], [0.0f64; 2]);
    for round in 0..ROUNDS {
        let token = login(&url)?;
        let (sender, server) = (children_cpu(), process_cpu(server_pid));
        let started = Instant::now();
        curl_upload(&url, &token, &file)?;
        curl_times.push(started.elapsed().as_secs_f64());
        curl_cpu[0] += children_cpu() - sender;
        curl_cpu[1] += process_cpu(server_pid) - server;
        let dir = work.join(format!("client-{round}"));
        let (sender, server) = (children_cpu(), process_cpu(server_pid));
        let (secs, peak) = client_upload(&upload_bin, &url, &file, &dir)?;
        client_cpu[0] += children_cpu() - sender;
        client_cpu[1] += process_cpu(server_pid) - server;
        client_times.push(secs);
        client_peak = client_peak.max(peak);
    }
    let (killed_at, resumed_from) =
        killed_and_resumed(&upload_bin, &url, &file, &work.join("client-killed"))?;
    let server_peak = kb(server_pid, "VmHWM").unwrap_or(0);
    let curl_secs = curl_times.iter().copied().fold(f64::INFINITY, f64::min);
    let client_secs = client_times.iter().copied().fold(f64::INFINITY, f64::min);
    let rounds = |times: &[f64]| {
        times
            .iter()
            .map(|t| format!("{t:.2}"))
            .collect::<Vec<_>>()
            .join(" ")
    };

    let curl_mbps = SIZE as f64 / MB / curl_secs;
    let client_mbps = SIZE as f64 / MB / client_secs;
    println!(
        "\nupload benchmark: {} MB file on loopback",
        SIZE / 1024 / 1024
    );
    println!(
        "  curl, one tus PATCH (ceiling)    {curl_mbps:8.1} MB/s  (best of {ROUNDS}: {} s)",
        rounds(&curl_times)
    );
    println!(
        "  homeportal-upload (hash + send)  {client_mbps:8.1} MB/s  (best of {ROUNDS}: {} s)",
        rounds(&client_times)
    );
    println!(
        "  ratio client / curl              {:8.2}",
        client_mbps / curl_mbps
    );
    let per_run = |cpu: [f64; 2]| (cpu[0] / ROUNDS as f64, cpu[1] / ROUNDS as f64);
    let ((curl_own, curl_server), (client_own, client_server)) =
        (per_run(curl_cpu), per_run(client_cpu));
    println!(
        "  CPU per run: curl {curl_own:.2} s + server {curl_server:.2} s; \
         client {client_own:.2} s + server {client_server:.2} s ({} cores)",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "  client peak RSS                  {:8.1} MB",
        client_peak as f64 / 1024.0
    );
    println!(
        "  server RSS growth (peak - start) {:8.1} MB",
        server_peak.saturating_sub(server_base) as f64 / 1024.0
    );
    println!(
        "  killed at {:.1} MB confirmed, resumed from {:.1} MB: re-sent {:.1} MB",
        killed_at as f64 / MB,
        resumed_from as f64 / MB,
        killed_at.saturating_sub(resumed_from) as f64 / MB
    );
    Ok(())
}

fn write_file(path: &Path) -> Result<(), String> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).map_err(|e| e.to_string())?);
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut block = vec![0u8; 1024 * 1024];
    for _ in 0..SIZE / block.len() as u64 {
        for word in block.chunks_mut(8) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            word.copy_from_slice(&state.to_le_bytes());
        }
        out.write_all(&block).map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())
}

fn create_account(server: &Path, data: &Path) -> Result<(), String> {
    let mut child = Command::new(server)
        .arg("--data-dir")
        .arg(data)
        .args([
            "--log-level",
            "warn",
            "accounts",
            "create",
            "--password-stdin",
            "--bin",
            BIN,
        ])
        .args([
            "--org-name",
            "ТОО «Бенчмарк»",
            "--iin",
            "830717350867",
            "--last-name",
            "Тестов",
        ])
        .args([
            "--first-name",
            "Тест",
            "--email",
            "bench@example.kz",
            "--phone",
            "+77011234567",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| e.to_string())?;
    if let Some(mut stdin) = child.stdin.take() {
        writeln!(stdin, "{PASSWORD}").map_err(|e| e.to_string())?;
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("accounts create failed ({status})"));
    }
    Ok(())
}

fn start_server(server: &Path, data: &Path) -> Result<(Child, String), String> {
    let mut child = Command::new(server)
        .arg("--data-dir")
        .arg(data)
        .args(["--listen", "127.0.0.1:0", "--log-level", "warn", "serve"])
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    let mut line = String::new();
    let stdout = child.stdout.take().ok_or("no stdout")?;
    BufReader::new(stdout)
        .read_line(&mut line)
        .map_err(|e| e.to_string())?;
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .ok_or("server did not start")?
        .to_owned();
    Ok((child, url))
}

fn output(command: &mut Command) -> Result<String, String> {
    let out = command.output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!(
            "{:?} failed ({}): {}{}",
            command.get_args().take(4).collect::<Vec<_>>(),
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn login(url: &str) -> Result<String, String> {
    let body = serde_json::json!({ "bin": BIN, "password": PASSWORD }).to_string();
    let answer = output(
        Command::new("curl")
            .args([
                "-sf",
                "-X",
                "POST",
                "-H",
                "Content-Type: application/json",
                "-d",
                &body,
            ])
            .arg(format!("{url}/api/v1/auth/login")),
    )?;
    let json: serde_json::Value = serde_json::from_str(&answer).map_err(|e| e.to_string())?;
    json["token"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| "no token".to_owned())
}

fn curl_upload(url: &str, token: &str, file: &Path) -> Result<(), String> {
    let auth = format!("Authorization: Bearer {token}");
    let created = output(
        Command::new("curl")
            .args([
                "-sf",
                "-i",
                "-X",
                "POST",
                "-H",
                &auth,
                "-H",
                "Tus-Resumable: 1.0.0",
            ])
            .args([
                "-H",
                &format!("Upload-Length: {SIZE}"),
                "-H",
                "Upload-Metadata: filename Y3VybC5iaW4=,kind YXBwZWFs",
            ])
            .arg(format!("{url}/api/v1/uploads")),
    )?;
    let location = created
        .lines()
        .find_map(|l| {
            l.strip_prefix("location: ")
                .or_else(|| l.strip_prefix("Location: "))
        })
        .map(str::trim)
        .ok_or("no Location")?;
    output(
        Command::new("curl")
            .args([
                "-sf",
                "-X",
                "PATCH",
                "-H",
                &auth,
                "-H",
                "Tus-Resumable: 1.0.0",
            ])
            .args([
                "-H",
                "Content-Type: application/offset+octet-stream",
                "-H",
                "Upload-Offset: 0",
                "-T",
            ])
            .arg(file)
            .arg(format!("{url}{location}")),
    )?;
    Ok(())
}

/// CPU seconds (user + system) of the child processes reaped so far.
fn children_cpu() -> f64 {
    // SAFETY: getrusage fills the struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage
    };
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// CPU seconds (user + system) a running process has used, from `/proc/<pid>/stat`.
fn process_cpu(pid: u32) -> f64 {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return 0.0;
    };
    // Fields after the command name (which may hold spaces): utime and stime are 14th and 15th.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks: u64 = fields
        .get(11..13)
        .map(|f| f.iter().filter_map(|v| v.parse::<u64>().ok()).sum())
        .unwrap_or(0);
    // SAFETY: sysconf only reads a system constant.
    let per_second = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64;
    ticks as f64 / per_second
}

/// Reads a `/proc/<pid>/status` field in kB.
fn kb(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{field}:")))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
}

fn client(upload_bin: &Path, url: &str, file: &Path, dir: &Path) -> Result<Child, String> {
    Command::new(upload_bin)
        .args(["--server", url, "--bin", BIN, "--kind", "appeal", "--file"])
        .arg(file)
        .arg("--data-dir")
        .arg(dir)
        .env("HOMEPORTAL_PASSWORD", PASSWORD)
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())
}

/// Wall time and peak RSS (kB) of one complete client upload.
fn client_upload(
    upload_bin: &Path,
    url: &str,
    file: &Path,
    dir: &Path,
) -> Result<(f64, u64), String> {
    let started = Instant::now();
    let mut child = client(upload_bin, url, file, dir)?;
    let pid = child.id();
    let peak = Arc::new(AtomicU64::new(0));
    let done = Arc::new(AtomicBool::new(false));
    let watcher = {
        let (peak, done) = (Arc::clone(&peak), Arc::clone(&done));
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                if let Some(hwm) = kb(pid, "VmHWM") {
                    peak.fetch_max(hwm, Ordering::Relaxed);
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
        })
    };
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let last = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .last()
        .unwrap_or_default();
    let status = child.wait().map_err(|e| e.to_string())?;
    let secs = started.elapsed().as_secs_f64();
    done.store(true, Ordering::Relaxed);
    let _ = watcher.join();
    if !status.success() || !last.starts_with("done ") {
        return Err(format!("client upload failed: {last}"));
    }
    Ok((secs, peak.load(Ordering::Relaxed)))
}

/// Kills a client once half is confirmed; returns (confirmed at the kill, where the next run resumed).
fn killed_and_resumed(
    upload_bin: &Path,
    url: &str,
    file: &Path,
    dir: &Path,
) -> Result<(u64, u64), String> {
    let mut child = client(upload_bin, url, file, dir)?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let mut confirmed = 0;
    for line in BufReader::new(stdout).lines().map_while(Result::ok) {
        if let Some(n) = line
            .strip_prefix("offset ")
            .and_then(|n| n.parse::<u64>().ok())
        {
            confirmed = n;
            if n >= SIZE / 2 {
                let _ = child.kill();
                break;
            }
        }
    }
    let _ = child.wait();
    let mut again = client(upload_bin, url, file, dir)?;
    let stdout = again.stdout.take().ok_or("no stdout")?;
    let mut resumed = None;
    let mut last = String::new();
    for line in BufReader::new(stdout).lines().map_while(Result::ok) {
        if resumed.is_none() {
            resumed = line
                .strip_prefix("resume ")
                .and_then(|n| n.parse::<u64>().ok());
        }
        last = line;
    }
    again.wait().map_err(|e| e.to_string())?;
    if !last.starts_with("done ") {
        return Err(format!("resumed upload failed: {last}"));
    }
    Ok((confirmed, resumed.unwrap_or(0)))
}

fn stop_server(server: &mut Child) {
    #[cfg(unix)]
    if let Ok(pid) = libc::pid_t::try_from(server.id()) {
        // SAFETY: kill(2) on the server we started.
        unsafe {
            libc::kill(pid, libc::SIGTERM);
        }
    }
    let _ = server.wait();
}
