//! `cargo xtask run` on a computer with no NCALayer: the fake NCALayer (from the testkit)
//! starts on NCALayer's port, signing with the test PKI's keys, which it exports to a folder;
//! the app trusts that folder's roots and NCALayer certificate for this run only, shows a
//! «Тестовый режим» banner, and this prints which key file and password to pick.

use std::net::{Ipv4Addr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::{cargo, step, target_dir};

/// NCALayer's well-known websocket port.
const NCALAYER_PORT: u16 = 13579;
/// The password of every exported key file.
const KEY_PASSWORD: &str = "Qwerty12";

/// The fake NCALayer while the app runs; stopped when dropped.
pub struct FakeNcaLayer {
    child: Child,
}

impl Drop for FakeNcaLayer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn listening(port: u16) -> bool {
    TcpStream::connect_timeout(
        &(Ipv4Addr::LOCALHOST, port).into(),
        Duration::from_millis(300),
    )
    .is_ok()
}

/// The exported key file of `scenario` (a folder per scenario) whose name starts `prefix`.
fn key_file(folder: &Path, scenario: &str, prefix: &str) -> Option<PathBuf> {
    std::fs::read_dir(folder.join(scenario))
        .ok()?
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix))
        })
}

/// What the app runs with: the fake to keep alive, and the environment of this run.
pub struct TestMode {
    /// The fake NCALayer, when this run started one.
    pub fake: Option<FakeNcaLayer>,
    /// Variables for the app.
    pub env: Vec<(&'static str, PathBuf)>,
}

impl TestMode {
    /// Stops the fake NCALayer, if this run started one.
    pub fn stop(self) {
        drop(self.fake);
    }
}

/// Starts the fake NCALayer unless something listens on NCALayer's port.
pub fn start() -> Result<TestMode, String> {
    if listening(NCALAYER_PORT) {
        println!(
            "==> NCALayer answers on port {NCALAYER_PORT}: the app uses it with your own keys \
             (import НУЦ РК's roots in «Настройки» to have them accepted in local mode)."
        );
        return Ok(TestMode {
            fake: None,
            env: Vec::new(),
        });
    }
    step(
        "build the fake NCALayer",
        cargo().args([
            "build",
            "-p",
            "homeportal-testkit",
            "--bin",
            "fake-ncalayer",
        ]),
    )?;
    let folder = target_dir().join("test-pki");
    let _ = std::fs::remove_dir_all(&folder);
    let program = target_dir()
        .join("debug")
        .join(format!("fake-ncalayer{}", std::env::consts::EXE_SUFFIX));
    let child = Command::new(&program)
        .args([
            "--port",
            &NCALAYER_PORT.to_string(),
            "--key",
            "head",
            "--export",
        ])
        .arg(&folder)
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("fake NCALayer: cannot start {}: {e}", program.display()))?;
    let fake = FakeNcaLayer { child };
    let deadline = Instant::now() + Duration::from_secs(20);
    let exported =
        || key_file(&folder, "headauth", "AUTH_RSA256_").zip(key_file(&folder, "head", "RSA256_"));
    while !(listening(NCALAYER_PORT) && exported().is_some()) {
        if Instant::now() > deadline {
            return Err("the fake NCALayer did not start in 20 s".to_owned());
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let (auth, sign) = exported().ok_or("the fake NCALayer exported no key files")?;
    println!(
        "==> Test mode: a fake NCALayer on port {NCALAYER_PORT} signs with the test PKI of НУЦ \
         (ТОО \"Nova City Development\", БИН 940140000385, its head ТЕСТОВ АЙДАР).\n    \
         To register: choose «Локальный режим», then «Регистрация».\n    \
         AUTH key (registration, login by EDS): {}\n    \
         SIGN key (the licence, applications):    {}\n    \
         Password of both: {KEY_PASSWORD}. The fake picks the right file by itself; the codes of \
         e-mail and SMS appear in the «Локальный режим: письма и SMS» panel.",
        auth.display(),
        sign.display()
    );
    let env = vec![
        ("HOMEPORTAL_TEST_PKI", folder.clone()),
        ("HOMEPORTAL_NCALAYER_CA", folder.join("ncalayer-ca.pem")),
    ];
    Ok(TestMode {
        fake: Some(fake),
        env,
    })
}
