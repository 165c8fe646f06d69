//! The collection of each cluster and month billed, from the stored charges: what the office's
//! rates (收费率, 户收费率, 清缴率) are computed from. Pure; tested here.

use crate::db::fee::{ChargeKey, StoredCharge};
use app::domain::fee::Fen;
use app::domain::{ClusterId, UnitId};
use app::fees::api::MonthCollection;
use chrono::{Months, NaiveDate};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The most recent months reported.
pub const MONTHS: usize = 12;

/// Each cluster's collection for each of the last [`MONTHS`] months billed, newest first.
/// A charge paid in full before a month began owed nothing then; one paid in full during the
/// month was recovered in it (its whole amount: finance's files do not date part-payments);
/// one still owing carries what it owes now.
pub fn collection(charges: &HashMap<ChargeKey, StoredCharge>) -> Vec<MonthCollection> {
    let months: Vec<NaiveDate> = {
        let all: std::collections::BTreeSet<NaiveDate> =
            charges.keys().map(|(_, _, m)| *m).collect();
        all.into_iter().rev().take(MONTHS).collect()
    };
    let clusters: HashSet<ClusterId> = charges.values().map(|c| c.cluster_id).collect();
    let mut out = Vec::new();
    for &month in &months {
        let Some(next) = month.checked_add_months(Months::new(1)) else {
            continue;
        };
        let mut per: BTreeMap<ClusterId, MonthCollection> = clusters
            .iter()
            .map(|c| (*c, MonthCollection::empty(month, *c)))
            .collect();
        let mut units: HashMap<UnitId, (ClusterId, bool)> = HashMap::new();
        for ((unit, _, period), c) in charges {
            let Some(m) = per.get_mut(&c.cluster_id) else {
                continue;
            };
            if *period == month {
                m.due_fen = Fen(m.due_fen.0 + c.due.0);
                m.paid_fen = Fen(m.paid_fen.0 + c.paid.0.min(c.due.0));
                let u = units.entry(*unit).or_insert((c.cluster_id, true));
                u.1 &= c.paid_in_full();
            } else if *period < month {
                let paid_before = c.paid_on.is_some_and(|d| d < month);
                if paid_before || (c.paid_in_full() && c.paid_on.is_none()) {
                    continue;
                }
                let owed_then = if c.paid_in_full() { c.due } else { c.owed() };
                m.brought_forward_fen = Fen(m.brought_forward_fen.0 + owed_then.0);
                if c.paid_on.is_some_and(|d| d >= month && d < next) {
                    m.recovered_fen = Fen(m.recovered_fen.0 + c.due.0);
                }
            }
        }
        for (cluster, paid) in units.values() {
            if let Some(m) = per.get_mut(cluster) {
                m.units_charged += 1;
                m.units_paid += usize::from(*paid);
            }
        }
        out.extend(per.into_values().filter(|m| m.units_charged > 0));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::fee::FeeType;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn the_three_rates_of_a_month() {
        let east = ClusterId::new_v7();
        let (a, b) = (UnitId::new_v7(), UnitId::new_v7());
        let charge = |due: i64, paid: i64, paid_on: Option<NaiveDate>| StoredCharge {
            cluster_id: east,
            due: Fen(due),
            paid: Fen(paid),
            due_date: d(2026, 10, 31),
            paid_on,
            in_latest: true,
        };
        let charges = HashMap::from([
            // October: a owed, paid in full in November (recovered then).
            (
                (a, FeeType::Property, d(2026, 10, 1)),
                charge(30_000, 30_000, Some(d(2026, 11, 10))),
            ),
            // October: b paid on time.
            (
                (b, FeeType::Property, d(2026, 10, 1)),
                charge(20_000, 20_000, Some(d(2026, 10, 20))),
            ),
            // November: a paid, b half.
            (
                (a, FeeType::Property, d(2026, 11, 1)),
                charge(30_000, 30_000, Some(d(2026, 11, 10))),
            ),
            (
                (b, FeeType::Property, d(2026, 11, 1)),
                charge(20_000, 10_000, None),
            ),
            (
                (b, FeeType::Parking, d(2026, 11, 1)),
                charge(15_000, 15_000, Some(d(2026, 11, 2))),
            ),
        ]);
        let all = collection(&charges);
        assert_eq!(all.len(), 2);
        let nov = &all[0];
        assert_eq!(nov.month, d(2026, 11, 1));
        assert_eq!((nov.due_fen, nov.paid_fen), (Fen(65_000), Fen(55_000)));
        assert_eq!(nov.collection_rate(), "84.6%");
        assert_eq!((nov.units_charged, nov.units_paid), (2, 1));
        assert_eq!(nov.household_rate(), "50.0%");
        assert_eq!(
            (nov.brought_forward_fen, nov.recovered_fen),
            (Fen(30_000), Fen(30_000))
        );
        assert_eq!(nov.recovery_rate(), "100.0%");
        let oct = &all[1];
        assert_eq!(oct.collection_rate(), "100.0%");
        assert_eq!(oct.brought_forward_fen, Fen(0));
        assert_eq!(oct.recovery_rate(), "—", "nothing was owed");
    }
}
