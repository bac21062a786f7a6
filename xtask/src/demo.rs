//! `cargo xtask run` on a computer where nobody can log in yet: until registration arrives, a
//! demo organisation is created in the embedded server's folder (as КЖК staff would, with the
//! server's own `accounts create`), and its БИН and password are printed.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use crate::{cargo, step, target_dir};

const BIN: &str = "940140000385";
const PASSWORD: &str = "Demo-2026!";

/// Where the app keeps its data when nothing says otherwise (the OS app-data folder of
/// `kz.khc.homeportal.desktop`), or `HOMEPORTAL_DATA_DIR`.
fn app_data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("HOMEPORTAL_DATA_DIR") {
        return Some(PathBuf::from(dir));
    }
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let base = if cfg!(target_os = "macos") {
        home.map(|h| h.join("Library/Application Support"))
    } else if cfg!(windows) {
        std::env::var_os("APPDATA").map(PathBuf::from)
    } else {
        std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .or_else(|| home.map(|h| h.join(".local/share")))
    };
    base.map(|b| b.join("kz.khc.homeportal.desktop"))
}

/// Makes sure the embedded server has the demo organisation and says how to log in. Nothing
/// is done when the app is pointed at a remote server.
pub fn ensure_account() -> Result<(), String> {
    if std::env::var_os("HOMEPORTAL_SERVER_URL").is_some() {
        return Ok(());
    }
    let Some(data) = app_data_dir().map(|d| d.join("server")) else {
        return Ok(());
    };
    step(
        "build the server's account command",
        cargo().args([
            "build",
            "-p",
            "homeportal-server",
            "--bin",
            "homeportal-server",
        ]),
    )?;
    let server = target_dir()
        .join("debug")
        .join(format!("homeportal-server{}", std::env::consts::EXE_SUFFIX));
    let listed = Command::new(&server)
        .arg("--data-dir")
        .arg(&data)
        .args(["--log-level", "warn", "accounts", "list"])
        .output()
        .map_err(|e| format!("accounts list: {e}"))?;
    if !String::from_utf8_lossy(&listed.stdout).contains(BIN) {
        let mut create = Command::new(&server)
            .arg("--data-dir")
            .arg(&data)
            .args([
                "--log-level",
                "warn",
                "accounts",
                "create",
                "--password-stdin",
            ])
            .args(["--bin", BIN, "--org-name", "ТОО «Демо Девелопмент»"])
            .args([
                "--iin",
                "830717350867",
                "--last-name",
                "Демо",
                "--first-name",
                "Бухгалтер",
            ])
            .args(["--email", "demo@example.kz", "--phone", "+77011234567"])
            .stdin(Stdio::piped())
            .spawn()
            .map_err(|e| format!("accounts create: {e}"))?;
        if let Some(mut stdin) = create.stdin.take() {
            writeln!(stdin, "{PASSWORD}").map_err(|e| format!("accounts create: {e}"))?;
        }
        let status = create.wait().map_err(|e| format!("accounts create: {e}"))?;
        if !status.success() {
            return Err(format!("accounts create failed in {}", data.display()));
        }
    }
    println!(
        "==> Local mode, data in {}\n    Log in with БИН {BIN} and the password {PASSWORD} (a demo organisation, until registration arrives).",
        data.display()
    );
    Ok(())
}
