//! The working calendar of КЖК: Astana time, working days from a data file, registration time
//! (R5.11, R7.8) and deadlines in working days.
//!
//! Non-working days and working-day overrides come from `data/kz_nonworking_days_*.csv`
//! (compiled in as the default, or loaded from an updated file with [`WorkingCalendar::from_csv`]).

use std::collections::BTreeSet;

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveTime, Offset, TimeZone, Utc, Weekday,
};

use crate::csv;

/// Kazakhstan moved to one zone, UTC+5, at 00:00 local time on 2024-03-01 (tzdata 2024a).
fn almaty_offset(at: DateTime<Utc>) -> FixedOffset {
    let switch = Utc.with_ymd_and_hms(2024, 2, 29, 18, 0, 0).single();
    let hours = match switch {
        Some(switch) if at < switch => 6,
        _ => 5,
    };
    FixedOffset::east_opt(hours * 3600).unwrap_or_else(|| Utc.fix())
}

/// An instant in Astana/Almaty time.
pub fn to_almaty(at: DateTime<Utc>) -> DateTime<FixedOffset> {
    at.with_timezone(&almaty_offset(at))
}

/// Why a calendar file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// A row's date is not `YYYY-MM-DD`.
    #[error("row {row}: {date:?} is not a date")]
    BadDate {
        /// 1-based data row.
        row: usize,
        /// What was there.
        date: String,
    },
    /// The file has no rows.
    #[error("the calendar file has no rows")]
    Empty,
}

/// Which rows of the file count: `UNLIKELY` rows are listed for the record but ignored.
fn counts(status: &str) -> bool {
    !status.trim().eq_ignore_ascii_case("unlikely")
}

/// Working days: Monday–Friday, minus the listed days off, plus the listed working weekends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkingCalendar {
    days_off: BTreeSet<NaiveDate>,
    working_weekends: BTreeSet<NaiveDate>,
}

/// Start of the reception window «с 9:30 до 19:00» (Astana time), inclusive.
pub const OPENS: (u32, u32) = (9, 30);
/// End of the reception window, exclusive: 19:00:00 itself is already after hours.
pub const CLOSES: (u32, u32) = (19, 0);

impl WorkingCalendar {
    /// The calendar shipped with this version.
    pub fn embedded() -> WorkingCalendar {
        Self::from_csv(include_str!("../data/kz_nonworking_days_2025_2026.csv")).unwrap_or_else(
            |_| WorkingCalendar {
                days_off: BTreeSet::new(),
                working_weekends: BTreeSet::new(),
            },
        )
    }

    /// Reads a calendar file with columns `date, weekday, name, kind, status, source`.
    pub fn from_csv(text: &str) -> Result<WorkingCalendar, CalendarError> {
        let rows = csv::rows(text);
        if rows.is_empty() {
            return Err(CalendarError::Empty);
        }
        let mut calendar = WorkingCalendar {
            days_off: BTreeSet::new(),
            working_weekends: BTreeSet::new(),
        };
        for (index, row) in rows.iter().enumerate() {
            let field = |i: usize| row.get(i).map(String::as_str).unwrap_or("");
            let date = NaiveDate::parse_from_str(field(0).trim(), "%Y-%m-%d").map_err(|_| {
                CalendarError::BadDate {
                    row: index + 1,
                    date: field(0).to_owned(),
                }
            })?;
            if !counts(field(4)) {
                continue;
            }
            if field(3).to_lowercase().contains("working-day override") {
                calendar.working_weekends.insert(date);
            } else {
                calendar.days_off.insert(date);
            }
        }
        Ok(calendar)
    }

    /// Whether `date` is a working day.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        if self.working_weekends.contains(&date) {
            return true;
        }
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !self.days_off.contains(&date)
    }

    /// The first working day strictly after `date`.
    pub fn next_working_day(&self, date: NaiveDate) -> NaiveDate {
        let mut day = date + Duration::days(1);
        // Bounded: no real calendar has a year without working days.
        for _ in 0..366 {
            if self.is_working_day(day) {
                return day;
            }
            day += Duration::days(1);
        }
        day
    }

    /// The `n`-th working day after `date` (a deadline of `n` working days).
    pub fn add_working_days(&self, date: NaiveDate, n: u32) -> NaiveDate {
        (0..n).fold(date, |day, _| self.next_working_day(day))
    }

    /// When a submission made at `submitted_at` is registered: as is inside [9:30, 19:00) of a
    /// working day (Astana time); otherwise at 9:30 of the next working day (or of the same day
    /// when it came before 9:30 on a working day).
    pub fn registration_time(&self, submitted_at: DateTime<Utc>) -> DateTime<FixedOffset> {
        let local = to_almaty(submitted_at);
        let date = local.date_naive();
        let time = local.time();
        let opens = NaiveTime::from_hms_opt(OPENS.0, OPENS.1, 0).unwrap_or_default();
        let closes = NaiveTime::from_hms_opt(CLOSES.0, CLOSES.1, 0).unwrap_or_default();
        let day = if self.is_working_day(date) && time >= opens && time < closes {
            return local;
        } else if self.is_working_day(date) && time < opens {
            date
        } else {
            self.next_working_day(date)
        };
        let offset = *local.offset();
        offset
            .from_local_datetime(&day.and_time(opens))
            .single()
            .unwrap_or(local)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("rfc3339")
            .with_timezone(&Utc)
    }
    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }
    fn registered(s: &str) -> String {
        WorkingCalendar::embedded()
            .registration_time(at(s))
            .to_rfc3339()
    }

    #[test]
    fn inside_the_window_is_kept() {
        assert_eq!(
            registered("2026-11-20T12:00:00+05:00"),
            "2026-11-20T12:00:00+05:00"
        );
        assert_eq!(
            registered("2026-11-20T18:59:59+05:00"),
            "2026-11-20T18:59:59+05:00"
        );
        assert_eq!(
            registered("2026-11-20T09:30:00+05:00"),
            "2026-11-20T09:30:00+05:00"
        );
    }

    #[test]
    fn nineteen_o_clock_itself_is_after_hours() {
        // «с 9:30 до 19:00»: the window is [09:30, 19:00), so Friday 19:00:00 waits for Monday.
        assert_eq!(
            registered("2026-11-20T19:00:00+05:00"),
            "2026-11-23T09:30:00+05:00"
        );
        assert_eq!(
            registered("2026-11-20T19:00:00.000+05:00"),
            "2026-11-23T09:30:00+05:00"
        );
    }

    #[test]
    fn friday_evening_and_saturday_go_to_monday_morning() {
        assert_eq!(
            registered("2026-11-20T19:05:00+05:00"),
            "2026-11-23T09:30:00+05:00"
        );
        assert_eq!(
            registered("2026-11-21T11:00:00+05:00"),
            "2026-11-23T09:30:00+05:00"
        );
        // Early on a working day: the same day at 9:30.
        assert_eq!(
            registered("2026-11-23T08:10:00+05:00"),
            "2026-11-23T09:30:00+05:00"
        );
        // Given in UTC: 14:05Z is 19:05 in Astana.
        assert_eq!(
            registered("2026-11-20T14:05:00Z"),
            "2026-11-23T09:30:00+05:00"
        );
    }

    #[test]
    fn the_evening_before_a_holiday_block_goes_past_the_block() {
        // Nauryz 2026: 21–25 March are days off (Sat, Sun, Mon holiday, two observed days).
        assert_eq!(
            registered("2026-03-20T19:30:00+05:00"),
            "2026-03-26T09:30:00+05:00"
        );
        // New Year 2026: Thu 1 and Fri 2 January, then the weekend.
        assert_eq!(
            registered("2025-12-31T20:00:00+05:00"),
            "2026-01-05T09:30:00+05:00"
        );
    }

    #[test]
    fn the_2025_transfer() {
        let calendar = WorkingCalendar::embedded();
        assert!(!calendar.is_working_day(day("2025-01-03")));
        assert!(calendar.is_working_day(day("2025-01-05")));
        assert_eq!(
            registered("2025-01-04T10:00:00+05:00"),
            "2025-01-05T09:30:00+05:00"
        );
    }

    #[test]
    fn fifteen_working_days_across_nauryz() {
        let calendar = WorkingCalendar::embedded();
        // 17–20 Mar (4), 26–27 (6), 30–31 (8), 1–3 Apr (11), 6–9 Apr (15).
        assert_eq!(
            calendar.add_working_days(day("2026-03-16"), 15),
            day("2026-04-09")
        );
        assert_eq!(
            calendar.add_working_days(day("2026-03-16"), 0),
            day("2026-03-16")
        );
    }

    #[test]
    fn unlikely_rows_are_ignored_and_uncertain_ones_count() {
        let calendar = WorkingCalendar::embedded();
        assert!(calendar.is_working_day(day("2026-03-16")));
        assert!(!calendar.is_working_day(day("2026-08-31")));
    }

    #[test]
    fn before_march_2024_almaty_was_utc_plus_6() {
        assert_eq!(
            to_almaty(at("2024-02-29T12:00:00Z"))
                .offset()
                .local_minus_utc(),
            6 * 3600
        );
        assert_eq!(
            to_almaty(at("2024-03-01T12:00:00Z"))
                .offset()
                .local_minus_utc(),
            5 * 3600
        );
    }

    #[test]
    fn an_updated_file_is_read_and_a_bad_one_refused() {
        let updated =
            "date,weekday,name,kind,status,source\n2026-11-23,Mon,Extra,holiday,certain,decree\n";
        let calendar = WorkingCalendar::from_csv(updated).expect("valid");
        assert!(!calendar.is_working_day(day("2026-11-23")));
        assert!(matches!(
            WorkingCalendar::from_csv("h\n23.11.2026,Mon\n"),
            Err(CalendarError::BadDate { row: 1, .. })
        ));
        assert_eq!(WorkingCalendar::from_csv("h\n"), Err(CalendarError::Empty));
    }
}
