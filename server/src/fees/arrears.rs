//! The units that owe, from the stored charges: the office's arrears list, most owed first.
//! Pure; tested here.

use crate::db::fee::{ChargeKey, StoredCharge};
use app::domain::fee::Fen;
use app::domain::{ClusterId, UnitId};
use app::fees::api::UnitArrears;
use std::collections::{BTreeSet, HashMap};

/// Every unit owing something, most owed first (then by unit code). `units` names each unit
/// (code, cluster); `owners` gives its owners' names.
pub fn arrears(
    charges: &HashMap<ChargeKey, StoredCharge>,
    units: &HashMap<UnitId, (String, ClusterId)>,
    owners: &HashMap<UnitId, String>,
) -> Vec<UnitArrears> {
    let mut per: HashMap<UnitId, UnitArrears> = HashMap::new();
    let mut months: HashMap<UnitId, BTreeSet<chrono::NaiveDate>> = HashMap::new();
    for ((unit, _, period), c) in charges {
        if c.owed().0 <= 0 {
            continue;
        }
        let Some((code, cluster)) = units.get(unit) else {
            continue; // a unit removed from the estate since
        };
        let row = per.entry(*unit).or_insert_with(|| UnitArrears {
            unit_id: *unit,
            unit: code.clone(),
            cluster_id: *cluster,
            owners: owners.get(unit).cloned().unwrap_or_default(),
            months: 0,
            owed_fen: Fen(0),
            oldest_due: c.due_date,
            not_in_latest: false,
        });
        row.owed_fen = Fen(row.owed_fen.0 + c.owed().0);
        row.oldest_due = row.oldest_due.min(c.due_date);
        row.not_in_latest |= !c.in_latest;
        months.entry(*unit).or_default().insert(*period);
    }
    let mut out: Vec<UnitArrears> = per
        .into_values()
        .map(|mut r| {
            r.months = months.get(&r.unit_id).map_or(0, BTreeSet::len);
            r
        })
        .collect();
    out.sort_by(|a, b| {
        b.owed_fen
            .cmp(&a.owed_fen)
            .then_with(|| a.unit.cmp(&b.unit))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::fee::FeeType;
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn units_owing_most_first_with_their_months() {
        let east = ClusterId::new_v7();
        let (a, b, c) = (UnitId::new_v7(), UnitId::new_v7(), UnitId::new_v7());
        let charge = |due: i64, paid: i64, due_date, in_latest| StoredCharge {
            cluster_id: east,
            due: Fen(due),
            paid: Fen(paid),
            due_date,
            paid_on: None,
            in_latest,
        };
        let charges = HashMap::from([
            (
                (a, FeeType::Property, d(2026, 10, 1)),
                charge(30_000, 0, d(2026, 10, 31), true),
            ),
            (
                (a, FeeType::Parking, d(2026, 10, 1)),
                charge(15_000, 0, d(2026, 10, 31), true),
            ),
            (
                (a, FeeType::Property, d(2026, 11, 1)),
                charge(30_000, 10_000, d(2026, 11, 30), false),
            ),
            (
                (b, FeeType::Property, d(2026, 11, 1)),
                charge(50_000, 0, d(2026, 11, 30), true),
            ),
            (
                (c, FeeType::Property, d(2026, 11, 1)),
                charge(20_000, 20_000, d(2026, 11, 30), true),
            ),
        ]);
        let units = HashMap::from([
            (a, ("1-1-101".to_owned(), east)),
            (b, ("1-1-102".to_owned(), east)),
            (c, ("1-1-201".to_owned(), east)),
        ]);
        let owners = HashMap::from([(a, "王建国".to_owned())]);
        let all = arrears(&charges, &units, &owners);
        assert_eq!(all.len(), 2, "a unit paid up is not listed");
        assert_eq!(
            (all[0].unit.as_str(), all[0].owed_fen, all[0].months),
            ("1-1-101", Fen(65_000), 2)
        );
        assert_eq!(all[0].owners, "王建国");
        assert_eq!(all[0].oldest_due, d(2026, 10, 31));
        assert!(all[0].not_in_latest);
        assert_eq!(
            (all[1].unit.as_str(), all[1].owed_fen),
            ("1-1-102", Fen(50_000))
        );
        assert!(!all[1].not_in_latest);
    }
}
