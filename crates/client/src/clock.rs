//! The one place the desktop reads the time, injectable in tests.

/// A source of the current time.
pub trait Clock: Send + Sync {
    /// Seconds since the Unix epoch, UTC.
    fn now(&self) -> i64;
}

/// `unix` seconds as RFC 3339 UTC (`1970-01-01T00:00:00Z` for the impossible).
pub fn rfc3339(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The computer's clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> i64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or_default()
    }
}

/// A clock standing still at a given time, for tests.
#[derive(Debug, Default, Clone, Copy)]
pub struct FixedClock(i64);

impl FixedClock {
    /// A clock standing at `unix` seconds.
    pub fn at(unix: i64) -> FixedClock {
        FixedClock(unix)
    }
}

impl Clock for FixedClock {
    fn now(&self) -> i64 {
        self.0
    }
}
