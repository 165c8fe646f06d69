//! The estate's calendar (design §3): every "today", "this week", "this month" is computed in
//! the estate's time zone, never the device's or the server's.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

/// The estate's time zone. Asia/Shanghai has had no daylight saving since 1991, so a fixed
/// +08:00 is exact; per-estate zones arrive with the estate settings.
pub fn estate_offset() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).unwrap_or(FixedOffset::east_opt(0).expect("zero offset"))
}

/// Today in the estate.
pub fn estate_today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&estate_offset()).date_naive()
}
