//! The estate's time on screen.

use chrono::{DateTime, Utc};

pub use crate::domain::time::{estate_offset, estate_today};

/// An instant as the estate's clock shows it, `MM-DD HH:MM` (hand-written: chrono's strftime
/// machinery would add kilobytes to the WASM for two formats).
pub fn estate_time(t: DateTime<Utc>) -> String {
    use chrono::{Datelike, Timelike};
    let l = t.with_timezone(&estate_offset());
    format!(
        "{:02}-{:02} {:02}:{:02}",
        l.month(),
        l.day(),
        l.hour(),
        l.minute()
    )
}

/// The estate's clock, `HH:MM`.
pub fn estate_clock(t: DateTime<Utc>) -> String {
    use chrono::Timelike;
    let l = t.with_timezone(&estate_offset());
    format!("{:02}:{:02}", l.hour(), l.minute())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone};

    #[test]
    fn times_show_on_the_estates_clock() {
        let t = Utc
            .with_ymd_and_hms(2026, 3, 31, 23, 5, 0)
            .single()
            .expect("time");
        assert_eq!(estate_time(t), "04-01 07:05");
        assert_eq!(estate_clock(t), "07:05");
    }

    #[test]
    fn today_is_the_estates_not_the_devices() {
        // 23:30 on 31 March UTC is already 1 April in Shanghai.
        let late = Utc
            .with_ymd_and_hms(2026, 3, 31, 23, 30, 0)
            .single()
            .expect("time");
        assert_eq!(
            estate_today(late),
            NaiveDate::from_ymd_opt(2026, 4, 1).expect("date")
        );
        let early = Utc
            .with_ymd_and_hms(2026, 3, 31, 15, 59, 0)
            .single()
            .expect("time");
        assert_eq!(
            estate_today(early),
            NaiveDate::from_ymd_opt(2026, 3, 31).expect("date")
        );
    }
}
