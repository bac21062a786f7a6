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
