//! Sign-in throttling: pure rules over the stored failure record.

use crate::db::staff::Failures;
use crate::db::{instant_text, parse_instant};
use chrono::{DateTime, Duration, Utc};

/// Failures in a row (within the window) that lock a username.
pub const MAX_FAILURES: i64 = 5;
/// Failures older than this are forgotten.
pub const WINDOW_MINUTES: i64 = 15;
/// How long a lock lasts.
pub const LOCK_MINUTES: i64 = 15;

/// Seconds left on a lock, if the username is locked now.
pub fn locked_for(f: &Failures, now: DateTime<Utc>) -> Option<u32> {
    let until = parse_instant(f.locked_until.as_deref()?).ok()?;
    let left = (until - now).num_seconds();
    (left > 0).then(|| u32::try_from(left).unwrap_or(u32::MAX))
}

/// The record after one more failure at `now`.
pub fn after_failure(prev: &Failures, now: DateTime<Utc>) -> Failures {
    let window_open = prev
        .first_failed_at
        .as_deref()
        .and_then(|t| parse_instant(t).ok())
        .is_some_and(|first| now - first < Duration::minutes(WINDOW_MINUTES));
    let lock_expired = prev.locked_until.is_some() && locked_for(prev, now).is_none();
    let (failures, first) = if window_open && !lock_expired {
        (prev.failures + 1, prev.first_failed_at.clone())
    } else {
        (1, Some(instant_text(now)))
    };
    Failures {
        failures,
        first_failed_at: first,
        locked_until: (failures >= MAX_FAILURES)
            .then(|| instant_text(now + Duration::minutes(LOCK_MINUTES))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fifth_failure_in_a_row_locks_for_fifteen_minutes() {
        let t0 = Utc::now();
        let mut f = Failures::default();
        for i in 1..MAX_FAILURES {
            f = after_failure(&f, t0 + Duration::seconds(i));
            assert_eq!(
                locked_for(&f, t0 + Duration::seconds(i)),
                None,
                "failure {i}"
            );
        }
        f = after_failure(&f, t0 + Duration::seconds(10));
        let left = locked_for(&f, t0 + Duration::seconds(10)).expect("locked");
        assert!(left > 14 * 60 && left <= 15 * 60);
        assert_eq!(locked_for(&f, t0 + Duration::minutes(26)), None);
    }

    #[test]
    fn old_failures_are_forgotten() {
        let t0 = Utc::now();
        let mut f = Failures::default();
        for i in 0..4 {
            f = after_failure(&f, t0 + Duration::seconds(i));
        }
        f = after_failure(&f, t0 + Duration::minutes(20));
        assert_eq!(f.failures, 1);
        assert_eq!(locked_for(&f, t0 + Duration::minutes(20)), None);
    }

    #[test]
    fn after_a_lock_expires_counting_starts_again() {
        let t0 = Utc::now();
        let mut f = Failures::default();
        for i in 0..5 {
            f = after_failure(&f, t0 + Duration::seconds(i));
        }
        assert!(locked_for(&f, t0 + Duration::seconds(5)).is_some());
        let later = t0 + Duration::minutes(16);
        f = after_failure(&f, later);
        assert_eq!(f.failures, 1);
        assert_eq!(locked_for(&f, later), None);
    }
}
