//! Speed over the last moments, and when the next progress event is due.

use std::time::{Duration, Instant};

use super::Progress;

/// Least time between two progress events of one upload.
const EVENT_INTERVAL: Duration = Duration::from_millis(250);

/// Measures one upload's speed.
pub struct Meter {
    last_report: Option<Instant>,
    window_start: Instant,
    window_bytes: u64,
}

impl Meter {
    /// A meter starting now.
    pub fn new() -> Self {
        Meter {
            last_report: None,
            window_start: Instant::now(),
            window_bytes: 0,
        }
    }

    /// Speed (bytes/s) and seconds left, if it is time to report.
    pub fn update(&mut self, p: Progress) -> Option<(u64, Option<u64>)> {
        let now = Instant::now();
        let sent_since = p.sent.saturating_sub(self.window_bytes);
        let due = self.last_report.is_none_or(|t| now - t >= EVENT_INTERVAL) || p.sent == p.total;
        if !due {
            return None;
        }
        let elapsed = (now - self.window_start).as_secs_f64();
        let speed = if self.last_report.is_some() && elapsed > 0.0 {
            (sent_since as f64 / elapsed) as u64
        } else {
            0
        };
        self.last_report = Some(now);
        self.window_start = now;
        self.window_bytes = p.sent;
        let eta = (speed > 0).then(|| (p.total - p.sent) / speed);
        Some((speed, eta))
    }
}
