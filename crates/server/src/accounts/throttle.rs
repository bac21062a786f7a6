//! Slows down password guessing: after a few wrong passwords for one BIN, further attempts are
//! refused for a while (429), whatever the password.

use std::collections::HashMap;
use std::sync::Mutex;

/// Wrong passwords allowed per window.
pub const MAX_FAILURES: u32 = 5;
/// Length of the window, seconds.
pub const WINDOW_SECS: i64 = 15 * 60;

/// Failed logins per BIN within the current window.
#[derive(Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<String, (u32, i64)>>,
}

impl LoginThrottle {
    /// Whether a login for `bin` may be tried at `now`.
    pub fn allows(&self, bin: &str, now: i64) -> bool {
        let Ok(mut failures) = self.failures.lock() else {
            return true;
        };
        match failures.get(bin) {
            Some((_, since)) if now - since >= WINDOW_SECS => {
                failures.remove(bin);
                true
            }
            Some((count, _)) => *count < MAX_FAILURES,
            None => true,
        }
    }

    /// Records a wrong password for `bin`.
    pub fn failed(&self, bin: &str, now: i64) {
        if let Ok(mut failures) = self.failures.lock() {
            let entry = failures.entry(bin.to_owned()).or_insert((0, now));
            entry.0 += 1;
        }
    }

    /// Forgets the failures of `bin` after a successful login.
    pub fn succeeded(&self, bin: &str) {
        if let Ok(mut failures) = self.failures.lock() {
            failures.remove(bin);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_the_limit_until_the_window_ends() {
        let throttle = LoginThrottle::default();
        for _ in 0..MAX_FAILURES {
            assert!(throttle.allows("940140000385", 100));
            throttle.failed("940140000385", 100);
        }
        assert!(!throttle.allows("940140000385", 101));
        assert!(
            throttle.allows("950341000052", 101),
            "other BINs are not affected"
        );
        assert!(throttle.allows("940140000385", 100 + WINDOW_SECS));
    }

    #[test]
    fn success_forgets_failures() {
        let throttle = LoginThrottle::default();
        throttle.failed("940140000385", 0);
        throttle.succeeded("940140000385");
        for _ in 0..MAX_FAILURES - 1 {
            throttle.failed("940140000385", 0);
        }
        assert!(throttle.allows("940140000385", 1));
    }
}
