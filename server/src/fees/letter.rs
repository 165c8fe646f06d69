//! A lawyer's letter (律师函) drafted from what a unit owes: each charge with its days late and
//! its late fee on the letter's date under the office's terms. Pure; tested here.

use crate::db::fee::StoredCharge;
use app::domain::fee::{late_fee, FeeType, Fen};
use app::domain::UnitId;
use app::fees::api::{FeeSettings, IssuedLetter, LetterDraft, LetterLine};
use chrono::NaiveDate;

/// What the letter names.
pub struct Addressee {
    /// The unit.
    pub unit_id: UnitId,
    /// Its code.
    pub unit: String,
    /// Its owners' names.
    pub owners: String,
}

/// The letter for `to`, dated `dated`, over the unit's charges (only those still owing and
/// billed by then).
pub fn draft(
    to: Addressee,
    dated: NaiveDate,
    settings: FeeSettings,
    charges: Vec<(FeeType, NaiveDate, StoredCharge)>,
    issued: Vec<IssuedLetter>,
) -> LetterDraft {
    let mut lines: Vec<LetterLine> = charges
        .into_iter()
        // What is owed and was billed by the letter's date.
        .filter(|(_, month, c)| c.owed().0 > 0 && *month <= dated)
        .map(|(fee_type, month, c)| LetterLine {
            fee_type,
            month,
            due_date: c.due_date,
            owed_fen: c.owed(),
            days_late: (dated - c.due_date).num_days().max(0),
            late_fee_fen: late_fee(c.owed(), c.due_date, dated, &settings.late_fee),
        })
        .collect();
    lines.sort_by_key(|l| (l.month, l.fee_type));
    LetterDraft {
        unit_id: to.unit_id,
        unit: to.unit,
        owners: to.owners,
        dated,
        owed_fen: Fen(lines.iter().map(|l| l.owed_fen.0).sum()),
        late_fee_fen: Fen(lines.iter().map(|l| l.late_fee_fen.0).sum()),
        settings,
        lines,
        issued,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::ClusterId;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn each_charge_owed_with_its_days_and_late_fee() {
        let east = ClusterId::new_v7();
        let charge = |due: i64, paid: i64, due_date| StoredCharge {
            cluster_id: east,
            due: Fen(due),
            paid: Fen(paid),
            due_date,
            paid_on: None,
            in_latest: true,
        };
        let unit = UnitId::new_v7();
        let letter = draft(
            Addressee {
                unit_id: unit,
                unit: "1-1-101".into(),
                owners: "王建国".into(),
            },
            d(2026, 12, 31),
            FeeSettings::default(),
            vec![
                (
                    FeeType::Property,
                    d(2026, 11, 1),
                    charge(30_000, 0, d(2026, 11, 30)),
                ),
                (
                    FeeType::Property,
                    d(2026, 10, 1),
                    charge(30_000, 10_000, d(2026, 10, 31)),
                ),
                (
                    FeeType::Parking,
                    d(2026, 10, 1),
                    charge(15_000, 15_000, d(2026, 10, 31)),
                ),
                // Billed after the letter's date: not on it.
                (
                    FeeType::Property,
                    d(2027, 1, 1),
                    charge(30_000, 0, d(2027, 1, 31)),
                ),
            ],
            vec![],
        );
        assert_eq!(
            letter.lines.len(),
            2,
            "paid charges and later months are not on it"
        );
        assert_eq!(letter.lines[0].month, d(2026, 10, 1), "oldest first");
        // ¥200 owed 61 days at 万分之三: 20,000 × 0.0003 × 61 = 366 fen.
        assert_eq!(
            (letter.lines[0].days_late, letter.lines[0].late_fee_fen),
            (61, Fen(366))
        );
        // ¥300 owed 31 days: 30,000 × 0.0003 × 31 = 279 fen.
        assert_eq!(letter.lines[1].late_fee_fen, Fen(279));
        assert_eq!(letter.owed_fen, Fen(50_000));
        assert_eq!(letter.late_fee_fen, Fen(645));
    }
}
