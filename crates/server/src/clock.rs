//! The server's clock, injectable so tests can send an application on a Friday evening.

/// Tells the time.
pub trait Clock: Send + Sync {
    /// Seconds since the Unix epoch, UTC.
    fn now(&self) -> i64;
}

/// The system's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> i64 {
        chrono::Utc::now().timestamp()
    }
}

/// The system's clock moved to start at a chosen instant; time flows on from there.
#[derive(Debug, Clone, Copy)]
pub struct ShiftedClock {
    offset: i64,
}

impl ShiftedClock {
    /// A clock that reads `start` now.
    pub fn starting_at(start: i64) -> ShiftedClock {
        ShiftedClock {
            offset: start - SystemClock.now(),
        }
    }
}

impl Clock for ShiftedClock {
    fn now(&self) -> i64 {
        SystemClock.now() + self.offset
    }
}
