//! A private D-Bus session bus for one test, as a desktop session has one: a second launch of
//! the app finds the first on it. Stopped when dropped.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::process::terminate;

/// A running `dbus-daemon --session` listening on a socket of its own.
pub struct SessionBus {
    child: Child,
    address: String,
    _dir: tempfile::TempDir,
}

impl SessionBus {
    /// Starts the bus and waits until its socket is there; panics if it never is.
    pub fn start() -> SessionBus {
        let dir = tempfile::tempdir().expect("bus folder");
        let socket = dir.path().join("bus");
        let address = format!("unix:path={}", socket.display());
        let child = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--nopidfile"])
            .arg(format!("--address={address}"))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("dbus-daemon starts (package dbus-daemon; `cargo xtask setup` installs it)");
        let deadline = Instant::now() + Duration::from_secs(10);
        while !socket.exists() {
            assert!(
                Instant::now() < deadline,
                "the session bus never opened its socket"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        SessionBus {
            child,
            address,
            _dir: dir,
        }
    }

    /// The value of `DBUS_SESSION_BUS_ADDRESS` for programs on this bus.
    pub fn address(&self) -> &str {
        &self.address
    }
}

impl Drop for SessionBus {
    fn drop(&mut self) {
        terminate(&mut self.child, Duration::from_secs(2));
    }
}
