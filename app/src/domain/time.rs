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

/// A `datetime-local` value (`2026-11-28T09:30`) read in the estate's time zone; `None` when
/// empty or malformed.
pub fn from_local_input(s: &str) -> Option<DateTime<Utc>> {
    let local = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").ok()?;
    local
        .and_local_timezone(estate_offset())
        .single()
        .map(|t| t.with_timezone(&Utc))
}

/// The time typed into a form's `datetime-local` field for something that has happened:
/// empty is `now`; `None` when it cannot be read or is later than `now` (a minute's grace for
/// the minute being typed).
pub fn typed_past_time(input: &str, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    if input.is_empty() {
        return Some(now);
    }
    from_local_input(input).filter(|t| *t <= now + chrono::Duration::minutes(1))
}

/// Whether `t`, said to have happened, is not later than `now` — with a day's slack for a
/// phone whose clock runs fast (a refusal would stop all its records). Typing slips (2062 for
/// 2026) are refused; the forms check against the phone's own clock without slack.
pub fn has_happened(t: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    t <= now + chrono::Duration::days(1)
}

/// The first and last estate years a query may name: a register, report or board for a date
/// outside them is refused (400) rather than computed (chrono's calendar ends at ±262,142, and
/// a week or month around its last day overflows).
pub const QUERY_YEARS: std::ops::RangeInclusive<i32> = 1970..=2199;

/// `#[serde(deserialize_with = "bounded_date")]` for a query's `Option<NaiveDate>`: a date
/// outside [`QUERY_YEARS`] is a bad request.
pub fn bounded_date<'de, D>(d: D) -> Result<Option<NaiveDate>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    use chrono::Datelike;
    use serde::Deserialize;
    let date = Option::<NaiveDate>::deserialize(d)?;
    match date {
        Some(day) if !QUERY_YEARS.contains(&day.year()) => Err(serde::de::Error::custom(format!(
            "date out of range ({}–{})",
            QUERY_YEARS.start(),
            QUERY_YEARS.end()
        ))),
        other => Ok(other),
    }
}
