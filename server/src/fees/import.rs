//! The charges import as parse → plan → apply: a table of text cells is parsed into charges
//! (or row problems), planned against the charges stored (nothing written), and applied only
//! when no row has a problem, through `db::fee`.

use crate::db::fee::{ChargeKey, StoredCharge};
use crate::estate::read::{Columns, Table};
use app::domain::fee::{parse_day, parse_period, FeeType, Fen};
use app::domain::{ClusterId, UnitId};
use app::fees::api::{
    ChargeField, ChargePlan, ChargeProblem, ChargeRowProblem, MAX_LISTED_PROBLEMS,
};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// A row read: the charge it states.
#[derive(Debug, Clone, PartialEq)]
pub struct ChargeIn {
    /// The spreadsheet's row number.
    pub row: usize,
    /// Unit, fee type, month.
    pub key: ChargeKey,
    /// The unit's cluster.
    pub cluster_id: ClusterId,
    /// 应收.
    pub due: Fen,
    /// 实收.
    pub paid: Fen,
    /// 缴费期限.
    pub due_date: NaiveDate,
    /// 缴费日期, if the export has it.
    pub paid_on: Option<NaiveDate>,
}

/// A unit as finance writes it, in the estate's form: `3栋2单元1201室`, `3-2-1201`,
/// `3号楼/2/1201` all are `3-2-1201`.
pub fn unit_code(text: &str) -> String {
    let mut t = text.trim().to_owned();
    for marker in ["号楼", "栋", "幢", "单元", "室", "/", "—", "－", " "] {
        t = t.replace(marker, "-");
    }
    t.split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// Reads every row: the charges, and the problems of the rows that are not.
pub fn parse(
    table: &Table,
    units: &HashMap<String, (UnitId, ClusterId)>,
) -> (Vec<ChargeIn>, Vec<ChargeRowProblem>) {
    let columns = Columns::of(&table.headers, ChargeField::of_header);
    let missing: Vec<ChargeRowProblem> = ChargeField::ALL
        .into_iter()
        .filter(|f| *f != ChargeField::PaidOn && !columns.has(*f))
        .map(|field| ChargeRowProblem {
            row: 0,
            problem: ChargeProblem::MissingColumn { field },
        })
        .collect();
    if !missing.is_empty() {
        return (vec![], missing);
    }
    let mut charges = Vec::new();
    let mut problems = Vec::new();
    let mut seen: HashMap<ChargeKey, usize> = HashMap::new();
    for (row, cells) in &table.rows {
        let cell = |f: ChargeField| columns.cell(cells, f);
        match parse_row(*row, &cell, units) {
            Ok(c) => match seen.get(&c.key) {
                Some(first_row) => problems.push(ChargeRowProblem {
                    row: *row,
                    problem: ChargeProblem::Duplicate {
                        first_row: *first_row,
                    },
                }),
                None => {
                    seen.insert(c.key, *row);
                    charges.push(c);
                }
            },
            Err(problem) => problems.push(ChargeRowProblem { row: *row, problem }),
        }
    }
    (charges, problems)
}

fn parse_row<'a>(
    row: usize,
    cell: &dyn Fn(ChargeField) -> &'a str,
    units: &HashMap<String, (UnitId, ClusterId)>,
) -> Result<ChargeIn, ChargeProblem> {
    let required = |field: ChargeField| {
        let text = cell(field);
        if text.is_empty() {
            Err(ChargeProblem::Required { field })
        } else {
            Ok(text)
        }
    };
    let unit_text = required(ChargeField::Unit)?;
    let &(unit, cluster_id) =
        units
            .get(&unit_code(unit_text))
            .ok_or_else(|| ChargeProblem::UnknownUnit {
                text: unit_text.to_owned(),
            })?;
    let fee_text = required(ChargeField::FeeType)?;
    let fee_type = FeeType::of_text(fee_text).ok_or_else(|| ChargeProblem::BadFeeType {
        text: fee_text.to_owned(),
    })?;
    let period_text = required(ChargeField::Period)?;
    let period = parse_period(period_text).ok_or_else(|| ChargeProblem::BadPeriod {
        text: period_text.to_owned(),
    })?;
    let amount = |field: ChargeField| {
        Fen::parse(required(field)?).map_err(|problem| ChargeProblem::BadAmount { field, problem })
    };
    let due = amount(ChargeField::Due)?;
    let paid = amount(ChargeField::Paid)?;
    let date = |field: ChargeField, text: &str| {
        parse_day(text).ok_or_else(|| ChargeProblem::BadDate {
            field,
            text: text.to_owned(),
        })
    };
    let due_date = date(ChargeField::DueDate, required(ChargeField::DueDate)?)?;
    let paid_on = match cell(ChargeField::PaidOn) {
        "" => None,
        text => Some(date(ChargeField::PaidOn, text)?),
    };
    Ok(ChargeIn {
        row,
        key: (unit, fee_type, period),
        cluster_id,
        due,
        paid,
        due_date,
        paid_on,
    })
}

/// What a file does to the stored charges: the plan to show, and the writes if applied.
#[derive(Debug, Clone, Default)]
pub struct Planned {
    /// What to tell the office.
    pub plan: ChargePlan,
    /// Charges new or changed, as they will be stored.
    pub writes: Vec<(ChargeKey, StoredCharge)>,
    /// Stored charges this file does not have, to be marked.
    pub not_in_latest: Vec<ChargeKey>,
}

/// Plans the file's charges against the stored ones; `today` (the estate's) dates a payment
/// the export gives no date for.
pub fn plan(
    rows: Vec<ChargeIn>,
    problems: Vec<ChargeRowProblem>,
    stored: &HashMap<ChargeKey, StoredCharge>,
    today: NaiveDate,
) -> Planned {
    let mut out = Planned::default();
    out.plan.rows = rows.len() + problems.iter().filter(|p| p.row > 0).count();
    out.plan.problem_count = problems.len();
    out.plan.problems = problems.into_iter().take(MAX_LISTED_PROBLEMS).collect();
    let in_file: HashSet<ChargeKey> = rows.iter().map(|r| r.key).collect();
    let mut after: HashMap<ChargeKey, StoredCharge> = stored.clone();
    for r in rows {
        let before = stored.get(&r.key);
        let paid_in_full = r.paid >= r.due;
        let charge = StoredCharge {
            cluster_id: r.cluster_id,
            due: r.due,
            paid: r.paid,
            due_date: r.due_date,
            paid_on: if paid_in_full {
                r.paid_on.or(before.and_then(|b| b.paid_on)).or(Some(today))
            } else {
                None
            },
            in_latest: true,
        };
        match before {
            None => out.plan.new += 1,
            Some(b) if *b == charge => out.plan.unchanged += 1,
            Some(_) => out.plan.updated += 1,
        }
        if paid_in_full && !before.is_some_and(StoredCharge::paid_in_full) {
            out.plan.paid_in_full += 1;
        }
        if before != Some(&charge) {
            out.writes.push((r.key, charge.clone()));
        }
        after.insert(r.key, charge);
    }
    for (key, c) in stored {
        if c.in_latest && !in_file.contains(key) {
            out.not_in_latest.push(*key);
            if let Some(a) = after.get_mut(key) {
                a.in_latest = false;
            }
        }
    }
    out.not_in_latest.sort();
    out.plan.missing = out.not_in_latest.len();
    let owing: HashSet<UnitId> = after
        .iter()
        .filter(|(_, c)| c.owed().0 > 0)
        .map(|((unit, _, _), _)| *unit)
        .collect();
    out.plan.units_in_arrears = owing.len();
    out.plan.arrears_fen = Fen(after.values().map(|c| c.owed().0).sum());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            headers: [
                "房号",
                "费用类型",
                "所属期间",
                "应收金额（元）",
                "实收金额",
                "缴费期限",
                "缴费日期",
            ]
            .map(String::from)
            .to_vec(),
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| (i + 2, r.iter().map(|s| s.to_string()).collect()))
                .collect(),
            encoding: None,
        }
    }

    fn estate() -> (HashMap<String, (UnitId, ClusterId)>, UnitId, UnitId) {
        let east = ClusterId::new_v7();
        let (a, b) = (UnitId::new_v7(), UnitId::new_v7());
        let units = HashMap::from([
            ("3-2-1201".to_owned(), (a, east)),
            ("3-2-1202".to_owned(), (b, east)),
        ]);
        (units, a, b)
    }

    #[test]
    fn units_are_read_in_the_estates_form() {
        assert_eq!(unit_code("3栋2单元1201室"), "3-2-1201");
        assert_eq!(unit_code(" 3号楼/2/1201 "), "3-2-1201");
        assert_eq!(unit_code("3-2-1201"), "3-2-1201");
    }

    #[test]
    fn every_bad_row_is_reported_with_its_number() {
        let (units, _, _) = estate();
        let t = table(&[
            &[
                "3-2-1201",
                "物业费",
                "2026-11",
                "320.50",
                "0",
                "2026-11-30",
                "",
            ],
            &[
                "9-9-9999",
                "物业费",
                "2026-11",
                "320.50",
                "0",
                "2026-11-30",
                "",
            ],
            &["3-2-1202", "物业费", "2026-11", "-3", "0", "2026-11-30", ""],
            &["3-2-1202", "停车费", "2026-11", "150", "0", "月底", ""],
            &[
                "3-2-1202",
                "水电费",
                "2026-11",
                "12.345",
                "0",
                "2026-11-30",
                "",
            ],
            &[
                "3-2-1202",
                "装修押金",
                "2026-11",
                "1",
                "0",
                "2026-11-30",
                "",
            ],
            &[
                "3栋2单元1201室",
                "物管费",
                "2026年11月",
                "320.5",
                "0",
                "2026-11-30",
                "",
            ],
            &["3-2-1202", "物业费", "", "320.5", "0", "2026-11-30", ""],
        ]);
        let (charges, problems) = parse(&t, &units);
        assert_eq!(charges.len(), 1);
        let rows: Vec<(usize, ChargeProblem)> =
            problems.into_iter().map(|p| (p.row, p.problem)).collect();
        assert_eq!(
            rows,
            vec![
                (
                    3,
                    ChargeProblem::UnknownUnit {
                        text: "9-9-9999".into()
                    }
                ),
                (
                    4,
                    ChargeProblem::BadAmount {
                        field: ChargeField::Due,
                        problem: app::domain::fee::AmountProblem::Negative
                    }
                ),
                (
                    5,
                    ChargeProblem::BadDate {
                        field: ChargeField::DueDate,
                        text: "月底".into()
                    }
                ),
                (
                    6,
                    ChargeProblem::BadAmount {
                        field: ChargeField::Due,
                        problem: app::domain::fee::AmountProblem::TooManyDecimals
                    }
                ),
                (
                    7,
                    ChargeProblem::BadFeeType {
                        text: "装修押金".into()
                    }
                ),
                (8, ChargeProblem::Duplicate { first_row: 2 }),
                (
                    9,
                    ChargeProblem::Required {
                        field: ChargeField::Period
                    }
                ),
            ]
        );
        assert!(rows_text_is_readable(&rows[0].1));
    }

    fn rows_text_is_readable(p: &ChargeProblem) -> bool {
        p.text(app::i18n::Lang::ZhCn) == "小区资料中没有房号 9-9-9999"
    }

    #[test]
    fn a_missing_column_is_named() {
        let (units, _, _) = estate();
        let mut t = table(&[]);
        t.headers[3] = "金额".into();
        let (_, problems) = parse(&t, &units);
        assert_eq!(
            problems,
            vec![ChargeRowProblem {
                row: 0,
                problem: ChargeProblem::MissingColumn {
                    field: ChargeField::Due
                }
            }]
        );
    }

    #[test]
    fn the_next_export_updates_payments_and_marks_what_it_lacks() {
        let (units, a, b) = estate();
        let today = d(2026, 12, 7);
        let first = table(&[
            &[
                "3-2-1201",
                "物业费",
                "2026-11",
                "320.50",
                "0",
                "2026-11-30",
                "",
            ],
            &[
                "3-2-1202",
                "物业费",
                "2026-11",
                "280",
                "0",
                "2026-11-30",
                "",
            ],
            &[
                "3-2-1202",
                "停车费",
                "2026-11",
                "150",
                "150",
                "2026-11-30",
                "2026-11-20",
            ],
        ]);
        let (rows, problems) = parse(&first, &units);
        let p = plan(rows, problems, &HashMap::new(), today);
        assert_eq!((p.plan.new, p.plan.updated, p.plan.paid_in_full), (3, 0, 1));
        assert_eq!(p.plan.arrears_fen, Fen(32_050 + 28_000));
        assert_eq!(p.plan.units_in_arrears, 2);
        let stored: HashMap<_, _> = p.writes.into_iter().collect();
        let parking = &stored[&(b, FeeType::Parking, d(2026, 11, 1))];
        assert_eq!(parking.paid_on, Some(d(2026, 11, 20)), "the export's date");

        // December's export: 1201 paid (no date given: today), 1202's parking gone from it.
        let next = table(&[
            &[
                "3-2-1201",
                "物业费",
                "2026-11",
                "320.50",
                "320.5",
                "2026-11-30",
                "",
            ],
            &[
                "3-2-1202",
                "物业费",
                "2026-11",
                "280",
                "100",
                "2026-11-30",
                "",
            ],
        ]);
        let (rows, problems) = parse(&next, &units);
        let p = plan(rows, problems, &stored, today);
        assert_eq!(
            (
                p.plan.new,
                p.plan.updated,
                p.plan.unchanged,
                p.plan.paid_in_full
            ),
            (0, 2, 0, 1)
        );
        assert_eq!(p.plan.missing, 1);
        assert_eq!(p.not_in_latest, vec![(b, FeeType::Parking, d(2026, 11, 1))]);
        assert_eq!(p.plan.arrears_fen, Fen(18_000));
        assert_eq!(p.plan.units_in_arrears, 1);
        let paid = p
            .writes
            .iter()
            .find(|(k, _)| *k == (a, FeeType::Property, d(2026, 11, 1)))
            .expect("1201's fee");
        assert_eq!(
            paid.1.paid_on,
            Some(today),
            "the first import showing it paid"
        );

        // The same file again changes nothing.
        let mut after = stored.clone();
        after.extend(p.writes);
        for k in &p.not_in_latest {
            after.get_mut(k).expect("kept").in_latest = false;
        }
        let (rows, problems) = parse(&next, &units);
        let again = plan(rows, problems, &after, d(2026, 12, 8));
        assert_eq!((again.plan.unchanged, again.plan.missing), (2, 0));
        assert!(again.writes.is_empty());
    }
}
