//! Child processes that are stopped politely (SIGTERM) and always reaped.

use std::path::PathBuf;
use std::process::Child;
use std::time::{Duration, Instant};

/// Stops `child` with SIGTERM (so it can stop its own children), then SIGKILL after `grace`.
pub fn terminate(child: &mut Child, grace: Duration) {
    #[cfg(unix)]
    {
        if let Ok(pid) = libc::pid_t::try_from(child.id()) {
            // SAFETY: kill(2) with a pid we own; no memory is touched.
            unsafe {
                libc::kill(pid, libc::SIGTERM);
            }
        }
        let deadline = Instant::now() + grace;
        while Instant::now() < deadline {
            if let Ok(Some(_)) = child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Ends every process whose environment holds `key=value` (Linux: read from /proc). The app
/// under test is a grandchild of tauri-driver and outlives it otherwise.
pub fn kill_marked(key: &str, value: &str) {
    #[cfg(target_os = "linux")]
    {
        let marker = format!("{key}={value}");
        let Ok(entries) = std::fs::read_dir("/proc") else {
            return;
        };
        for entry in entries.flatten() {
            let Some(pid) = entry
                .file_name()
                .to_str()
                .and_then(|name| name.parse::<libc::pid_t>().ok())
            else {
                continue;
            };
            let Ok(environ) = std::fs::read(entry.path().join("environ")) else {
                continue;
            };
            if environ
                .split(|b| *b == 0)
                .any(|var| var == marker.as_bytes())
            {
                // SAFETY: kill(2) on a process we started (it carries our marker).
                unsafe {
                    libc::kill(pid, libc::SIGKILL);
                }
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (key, value);
    }
}

/// The directory cargo put this test's binaries in (`target/<profile>`).
pub fn target_profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test knows its own path");
    // Test executables live in target/<profile>/deps; binaries one level up.
    let deps = exe.parent().expect("test executable has a parent");
    if deps.ends_with("deps") {
        deps.parent().unwrap_or(deps).to_path_buf()
    } else {
        deps.to_path_buf()
    }
}
