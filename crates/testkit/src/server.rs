//! The real `homeportal-server` binary, run as a separate process with a fresh data directory.

use std::ffi::OsString;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::accounts::TestAccount;
use crate::process::{target_profile_dir, terminate};

/// Path of the server binary: `HOMEPORTAL_SERVER_BIN`, else next to the test's binaries.
pub fn server_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("HOMEPORTAL_SERVER_BIN") {
        return PathBuf::from(path);
    }
    let path =
        target_profile_dir().join(format!("homeportal-server{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.exists(),
        "{} is missing: build it first (cargo build -p homeportal-server), or run `cargo xtask test`",
        path.display()
    );
    path
}

/// A running server process; stopped with SIGTERM when dropped.
pub struct ServerProcess {
    child: Option<Child>,
    url: String,
    data_dir: tempfile::TempDir,
    args: Vec<OsString>,
}

impl ServerProcess {
    /// Starts a server on a free port with a fresh data directory.
    pub fn start() -> ServerProcess {
        let data_dir = tempfile::tempdir().expect("temp data dir");
        Self::start_in(data_dir)
    }

    /// Starts a server with `account` already created.
    pub fn start_with(account: &TestAccount) -> ServerProcess {
        let data_dir = tempfile::tempdir().expect("temp data dir");
        create_account(data_dir.path(), account);
        Self::start_in(data_dir)
    }

    /// Starts a server with `accounts` created and `config_toml` as its configuration file.
    pub fn start_configured(accounts: &[TestAccount], config_toml: &str) -> ServerProcess {
        let data_dir = tempfile::tempdir().expect("temp data dir");
        for account in accounts {
            create_account(data_dir.path(), account);
        }
        let config = data_dir.path().join("server.toml");
        std::fs::write(&config, config_toml).expect("config written");
        Self::start_with_args(data_dir, &["--config".as_ref(), config.as_os_str()])
    }

    fn start_in(data_dir: tempfile::TempDir) -> ServerProcess {
        Self::start_with_args(data_dir, &[])
    }

    fn start_with_args(data_dir: tempfile::TempDir, args: &[&std::ffi::OsStr]) -> ServerProcess {
        let args: Vec<OsString> = args.iter().map(|a| a.to_os_string()).collect();
        let (child, url) = spawn(data_dir.path(), &args, "127.0.0.1:0");
        ServerProcess {
            child: Some(child),
            url,
            data_dir,
            args,
        }
    }

    /// Stops the server and starts it again on the same data, on a new free port (as the
    /// embedded server does at every start of the app).
    pub fn restart(&mut self) {
        self.stop();
        let (child, url) = spawn(self.data_dir.path(), &self.args, "127.0.0.1:0");
        self.child = Some(child);
        self.url = url;
    }

    /// Stops the server; its data stays for [`ServerProcess::resume`].
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            terminate(&mut child, Duration::from_secs(5));
        }
    }

    /// Starts the stopped server again on the same data and the same port (clients configured
    /// with its URL find it again).
    pub fn resume(&mut self) {
        assert!(self.child.is_none(), "the server is running");
        let listen = self.url.trim_start_matches("http://").to_owned();
        let (child, url) = spawn(self.data_dir.path(), &self.args, &listen);
        self.child = Some(child);
        self.url = url;
    }

    /// Base URL, e.g. `http://127.0.0.1:41234`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The server's data directory.
    pub fn data_dir(&self) -> &Path {
        self.data_dir.path()
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Starts the server binary on `data_dir` with `args`, listening on `listen`; the process and
/// its base URL.
fn spawn(data_dir: &Path, args: &[OsString], listen: &str) -> (Child, String) {
    let mut child = Command::new(server_binary())
        .args(args)
        .arg("--listen")
        .arg(listen)
        .arg("--data-dir")
        .arg(data_dir)
        .arg("--log-level")
        .arg("warn")
        .arg("serve")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("homeportal-server starts");
    let stdout = child.stdout.take().expect("piped stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("server prints its address");
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line from the server: {line:?}"))
        .to_owned();
    (child, url)
}

/// Creates `account` through the admin subcommand, exactly as KZhK staff would.
pub fn create_account(data_dir: &Path, account: &TestAccount) {
    let mut child = Command::new(server_binary())
        .args(["--data-dir"])
        .arg(data_dir)
        .args([
            "--log-level",
            "warn",
            "accounts",
            "create",
            "--password-stdin",
        ])
        .args(["--bin", account.bin, "--org-name", account.org_name])
        .args(["--iin", account.iin, "--last-name", account.last_name])
        .args([
            "--first-name",
            account.first_name,
            "--middle-name",
            account.middle_name,
        ])
        .args(["--email", account.email, "--phone", account.phone])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("homeportal-server accounts create starts");
    child
        .stdin
        .take()
        .expect("piped stdin")
        .write_all(format!("{}\n", account.password).as_bytes())
        .expect("password written");
    let status = child.wait().expect("accounts create finishes");
    assert!(status.success(), "accounts create failed: {status}");
}
