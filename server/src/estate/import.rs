//! An import of buildings, entrances, units and households: the mapped rows checked one by one
//! (every problem reported with its row and column, in the user's language), then compared with
//! the estate by key — a unit is building + entrance + room, a household is its unit + name —
//! and written in the caller's transaction: created, changed, or left as they are. Changes go
//! through the change log so phones receive them; a shared field (phone, mailing address) or an
//! occupancy a butler changed since the previous import is still overwritten, but both values
//! stay in the history and the change goes on "needs attention" (design §5).
//!
//! A preview runs the same code in a transaction that is rolled back, so it says exactly what
//! the import will do.

use super::read::Table;
use crate::db::audit::{self, Audit};
use crate::db::sync::{append_change, store_outcome};
use crate::db::{self, instant_text, DbError};
use app::domain::household::{normalise_phone, HouseholdId, PhoneError, Relation, SharedField};
use app::domain::unit::Occupancy;
use app::domain::{ClusterId, DeviceId, UnitId, UserId};
use app::estate::api::{Field, ImportCounts, ImportReport, ImportRequest, Problem, RowProblem};
use app::estate::audit::AuditSource;
use app::sync::{Mutation, Op, Outcome, Reason, RecordKind, Verdict};
use chrono::{NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::{BTreeSet, HashMap, HashSet};
use uuid::Uuid;

/// Who imports what, when.
#[derive(Debug, Clone)]
pub struct Target {
    /// The upload.
    pub import: Uuid,
    /// Its file name.
    pub file_name: String,
    /// Who imports.
    pub user: UserId,
    /// The estate's date today (occupancy changes start then).
    pub today: NaiveDate,
}

const MAX_CODE: usize = 20;
const MAX_NAME: usize = 40;
const MAX_ADDRESS: usize = 200;
const MAX_NOTE: usize = 500;
/// Digits a phone number has at most (with a country code and an extension).
const MAX_PHONE_DIGITS: usize = 20;

/// A household as a row gives it; `None`: the column is not in the file, or the cell is empty
/// (an import never erases a value with a blank).
#[derive(Debug, Clone, PartialEq)]
struct HouseholdIn {
    name: String,
    relation: Option<Relation>,
    phone: Option<String>,
    address: Option<String>,
    key: Option<bool>,
    note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
struct RowIn {
    row: usize,
    cluster: Option<String>,
    building: String,
    entrance: String,
    room: String,
    floor: i64,
    area: Option<f64>,
    occupancy: Option<Occupancy>,
    household: Option<HouseholdIn>,
}

type UnitKey = (String, String, String);

/// Turns a code Excel made into a date back into what was typed: `2026-03-02` (an .xlsx date
/// cell), `2026/3/2`, `3月2日` or `2-Mar` all were "3-2".
pub fn undate(s: &str) -> String {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let t = s.trim();
    let num = |p: &str| p.parse::<u32>().ok();
    let parts: Vec<&str> = t.split(['-', '/']).collect();
    if parts.len() == 3 && parts[0].len() == 4 {
        if let (Some(_), Some(m), Some(d)) = (num(parts[0]), num(parts[1]), num(parts[2])) {
            if (1..=12).contains(&m) && (1..=31).contains(&d) {
                return format!("{m}-{d}");
            }
        }
    }
    if let Some(rest) = t.strip_suffix('日') {
        if let Some((m, d)) = rest.split_once('月') {
            if let (Some(m), Some(d)) = (num(m), num(d)) {
                return format!("{m}-{d}");
            }
        }
    }
    if parts.len() == 2 {
        let month = |p: &str| {
            MONTHS
                .iter()
                .position(|m| p.to_lowercase().starts_with(m) && p.len() <= 9)
                .map(|i| i as u32 + 1)
        };
        match (
            num(parts[0]),
            month(parts[1]),
            month(parts[0]),
            num(parts[1]),
        ) {
            (Some(d), Some(m), _, _) | (_, _, Some(m), Some(d)) => return format!("{m}-{d}"),
            _ => {}
        }
    }
    t.to_owned()
}

/// The floor a room number tells: 1201 → 12, 301 → 3, B101 → -1, a short number → 1.
pub(crate) fn floor_of(room: &str) -> Option<i64> {
    let last = room.rsplit('-').next().unwrap_or(room);
    let (basement, digits) = match last.strip_prefix(['B', 'b']) {
        Some(rest) => (true, rest),
        None => (false, last),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let floor = if digits.len() >= 3 {
        digits[..digits.len() - 2].parse::<i64>().ok()?
    } else {
        1
    };
    // There is no floor 0: the ground floor is 1 (a room "031" is on it).
    Some(if basement {
        -floor.max(1)
    } else {
        floor.max(1)
    })
}

/// A phone as Excel may have kept it: `13812345678.0`, `1.3812345678E+10` (whole), or
/// `1.38E+10` (digits lost: refused).
pub(crate) fn phone_of(s: &str) -> Result<String, Problem> {
    let t = s.trim();
    let t = t.strip_suffix(".0").unwrap_or(t);
    let sci = t.split_once(['e', 'E']).filter(|(m, e)| {
        !m.is_empty()
            && m.chars().all(|c| c.is_ascii_digit() || c == '.')
            && e.trim_start_matches('+')
                .chars()
                .all(|c| c.is_ascii_digit())
    });
    let digits = if let Some((mantissa, exp)) = sci {
        // A phone has at most 20 digits: a longer exponent or mantissa is not one, and is
        // never expanded (`1E+999999999999` would be that many zeros).
        let exp: usize = exp
            .trim_start_matches('+')
            .parse()
            .ok()
            .filter(|e| *e <= MAX_PHONE_DIGITS)
            .ok_or(Problem::BadPhone {
                reason: "malformed".into(),
            })?;
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let frac = frac.trim_end_matches('0');
        if int.len() != 1 || frac.len() > exp {
            return Err(Problem::PhoneRounded);
        }
        let whole = format!("{int}{frac}{}", "0".repeat(exp - frac.len()));
        // Excel shows 15 significant digits at most; fewer than the number has: rounded.
        // (`frac.len() + 1 < exp`, not `frac.len() < exp - 1`: an exponent of 0 is allowed.)
        if int.len() + frac.len() < whole.trim_end_matches('0').len() || frac.len() + 1 < exp {
            return Err(Problem::PhoneRounded);
        }
        whole
    } else {
        t.to_owned()
    };
    normalise_phone(&digits).map_err(|e| Problem::BadPhone {
        reason: match e {
            PhoneError::Mobile => "mobile",
            PhoneError::Landline => "landline",
            PhoneError::Empty | PhoneError::Malformed => "malformed",
        }
        .into(),
    })
}

fn occupancy_of(s: &str) -> Option<Occupancy> {
    match s.trim().to_lowercase().as_str() {
        "空置" | "空置房" | "空房" | "未入住" | "vacant" => Some(Occupancy::Vacant),
        "已入住" | "入住" | "自住" | "出租" | "已出租" | "occupied" => {
            Some(Occupancy::Occupied)
        }
        "装修" | "装修中" | "renovating" => Some(Occupancy::Renovating),
        _ => None,
    }
}

fn relation_of(s: &str) -> Option<Relation> {
    match s.trim().to_lowercase().as_str() {
        "业主" | "产权人" | "owner" => Some(Relation::Owner),
        "租户" | "租客" | "tenant" => Some(Relation::Tenant),
        _ => None,
    }
}

fn yes_no(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "是" | "y" | "yes" | "1" | "true" | "√" => Some(true),
        "否" | "n" | "no" | "0" | "false" => Some(false),
        _ => None,
    }
}

/// Checks the mapping and every row; returns the rows that can be imported and the problems.
fn parse_rows(table: &Table, mapping: &[Option<Field>]) -> (Vec<RowIn>, Vec<RowProblem>) {
    let mut problems = Vec::new();
    let file = |p: Problem| RowProblem {
        row: None,
        column: None,
        problem: p,
    };
    let mut col: HashMap<Field, usize> = HashMap::new();
    for (i, f) in mapping.iter().enumerate().take(table.headers.len()) {
        if let Some(f) = f {
            if col.insert(*f, i).is_some() {
                problems.push(file(Problem::DoubleMapped { field: *f }));
            }
        }
    }
    if !col.contains_key(&Field::UnitCode) {
        for f in [Field::Building, Field::Entrance, Field::Room] {
            if !col.contains_key(&f) {
                problems.push(file(Problem::MissingColumn { field: f }));
            }
        }
    }
    if !problems.is_empty() {
        return (vec![], problems);
    }
    let mut rows = Vec::with_capacity(table.rows.len());
    for (n, cells) in &table.rows {
        let mut bad = Vec::new();
        let get = |f: Field| {
            col.get(&f)
                .map(|&i| cells[i].as_str())
                .filter(|s| !s.is_empty())
        };
        let mut complain = |f: Field, p: Problem| {
            bad.push(RowProblem {
                row: Some(*n),
                column: col.get(&f).map(|&i| table.headers[i].clone()),
                problem: p,
            })
        };
        let text = |f: Field, max: usize, complain: &mut dyn FnMut(Field, Problem)| {
            let v = get(f)?;
            if v.chars().count() > max {
                complain(f, Problem::TooLong { max });
                return None;
            }
            Some(v.to_owned())
        };
        let (mut building, mut entrance, mut room) = (None, None, None);
        if let Some(code) = get(Field::UnitCode) {
            let parts: Vec<String> = undate(code)
                .split('-')
                .map(|p| p.trim().to_owned())
                .collect();
            if parts.len() >= 3 && parts.iter().all(|p| !p.is_empty()) {
                building = Some(parts[0].clone());
                entrance = Some(parts[1].clone());
                room = Some(parts[2..].join("-"));
            } else {
                complain(Field::UnitCode, Problem::BadUnitCode);
            }
        } else if col.contains_key(&Field::UnitCode) && !col.contains_key(&Field::Room) {
            complain(
                Field::UnitCode,
                Problem::Required {
                    field: Field::UnitCode,
                },
            );
        }
        for (f, slot) in [
            (Field::Building, &mut building),
            (Field::Entrance, &mut entrance),
            (Field::Room, &mut room),
        ] {
            if slot.is_some() {
                continue;
            }
            if !col.contains_key(&f) {
                continue;
            }
            match get(f).map(undate) {
                Some(v) if v.chars().count() > MAX_CODE => {
                    complain(f, Problem::TooLong { max: MAX_CODE })
                }
                Some(v) => *slot = Some(v),
                None => complain(f, Problem::Required { field: f }),
            }
        }
        let cluster = text(Field::Cluster, MAX_NAME, &mut complain);
        let floor = match get(Field::Floor) {
            Some(v) => match v.parse::<i64>() {
                Ok(f) if (-5..=200).contains(&f) && f != 0 => Some(f),
                Ok(_) => {
                    complain(Field::Floor, Problem::BadFloor);
                    None
                }
                Err(_) => {
                    complain(Field::Floor, Problem::BadNumber);
                    None
                }
            },
            None => match room.as_deref().map(floor_of) {
                Some(Some(f)) => Some(f),
                Some(None) => {
                    complain(Field::Room, Problem::NoFloor);
                    None
                }
                None => None,
            },
        };
        let area = get(Field::Area).and_then(|v| match v.parse::<f64>() {
            Ok(a) if a > 0.0 && a < 100_000.0 => Some(a),
            _ => {
                complain(Field::Area, Problem::BadNumber);
                None
            }
        });
        let occupancy = get(Field::Occupancy).and_then(|v| {
            let o = occupancy_of(v);
            if o.is_none() {
                complain(Field::Occupancy, Problem::BadOccupancy);
            }
            o
        });
        let name = text(Field::Name, MAX_NAME, &mut complain);
        let household = name.map(|name| {
            let relation = get(Field::Relation).and_then(|v| {
                let r = relation_of(v);
                if r.is_none() {
                    complain(Field::Relation, Problem::BadRelation);
                }
                r
            });
            let phone = get(Field::Phone).and_then(|v| match phone_of(v) {
                Ok(p) => Some(p),
                Err(p) => {
                    complain(Field::Phone, p);
                    None
                }
            });
            let key = get(Field::KeyCustomer).and_then(|v| {
                let k = yes_no(v);
                if k.is_none() {
                    complain(Field::KeyCustomer, Problem::BadYesNo);
                }
                k
            });
            HouseholdIn {
                name,
                relation,
                phone,
                address: text(Field::MailingAddress, MAX_ADDRESS, &mut complain),
                key,
                note: text(Field::Note, MAX_NOTE, &mut complain),
            }
        });
        if !bad.is_empty() {
            problems.extend(bad);
            continue;
        }
        if let (Some(building), Some(entrance), Some(room), Some(floor)) =
            (building, entrance, room, floor)
        {
            rows.push(RowIn {
                row: *n,
                cluster,
                building,
                entrance,
                room,
                floor,
                area,
                occupancy,
                household,
            });
        }
    }
    // The same unit on several rows is fine (owner and tenant) if they agree; the same
    // household twice is not.
    let mut units: HashMap<UnitKey, &RowIn> = HashMap::new();
    let mut households: HashMap<(UnitKey, String), usize> = HashMap::new();
    for r in &rows {
        let key = (r.building.clone(), r.entrance.clone(), r.room.clone());
        let here = |p: Problem, f: Field| RowProblem {
            row: Some(r.row),
            column: col.get(&f).map(|&i| table.headers[i].clone()),
            problem: p,
        };
        let room_col = if col.contains_key(&Field::Room) {
            Field::Room
        } else {
            Field::UnitCode
        };
        match units.get(&key) {
            Some(first) => {
                let differs = (r.floor != first.floor)
                    || (r.area.is_some() && first.area.is_some() && r.area != first.area)
                    || (r.occupancy.is_some()
                        && first.occupancy.is_some()
                        && r.occupancy != first.occupancy);
                if differs {
                    problems.push(here(
                        Problem::Inconsistent {
                            first_row: first.row,
                        },
                        room_col,
                    ));
                } else if r.household.is_none() && first.household.is_none() {
                    problems.push(here(
                        Problem::DuplicateUnit {
                            first_row: first.row,
                        },
                        room_col,
                    ));
                }
            }
            None => {
                units.insert(key.clone(), r);
            }
        }
        if let Some(h) = &r.household {
            if let Some(first) = households.insert((key, h.name.clone()), r.row) {
                households.insert(
                    (
                        (r.building.clone(), r.entrance.clone(), r.room.clone()),
                        h.name.clone(),
                    ),
                    first,
                );
                problems.push(here(
                    Problem::DuplicateHousehold { first_row: first },
                    Field::Name,
                ));
            }
        }
    }
    problems.sort_by_key(|p| p.row.unwrap_or(0));
    (rows, problems)
}

/// A unit as the estate has it.
#[derive(Debug, Clone)]
struct UnitNow {
    id: String,
    floor: i64,
    area: Option<f64>,
    removed: bool,
    /// The latest occupancy and whether an import recorded it.
    state: Option<(Occupancy, bool)>,
}

/// A household as the estate has it, with the base of each shared field: what the previous
/// import set (or, never imported, the value before anyone corrected it).
#[derive(Debug, Clone)]
struct HouseholdNow {
    id: String,
    relation: Relation,
    phone: String,
    address: String,
    key: bool,
    note: String,
    base_phone: String,
    base_address: String,
    /// Taken off the ledger by an earlier import.
    removed: bool,
}

struct Estate {
    estate_id: String,
    clusters: HashMap<String, String>,
    /// code → (id, cluster id, cluster name)
    buildings: HashMap<String, (String, String, String)>,
    entrances: HashMap<(String, String), String>,
    units: HashMap<UnitKey, UnitNow>,
    households: HashMap<(String, String), HouseholdNow>,
}

fn load_estate(conn: &Connection) -> Result<Estate, DbError> {
    let estate_id: String = conn
        .query_row(
            "SELECT id FROM estates ORDER BY created_at LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| DbError::Corrupt("no estate".into()))?;
    let mut clusters = HashMap::new();
    let mut names = HashMap::new();
    for (id, name) in db::all::<(String, String)>(conn, "SELECT id, name FROM clusters", [])? {
        names.insert(id.clone(), name.clone());
        clusters.insert(name, id);
    }
    let mut buildings = HashMap::new();
    let mut codes = HashMap::new();
    let sql = "SELECT id, code, cluster_id FROM buildings";
    for (id, code, cluster) in db::all::<(String, String, String)>(conn, sql, [])? {
        codes.insert(id.clone(), code.clone());
        let name = names.get(&cluster).cloned().unwrap_or_default();
        buildings.insert(code, (id, cluster, name));
    }
    let mut entrances = HashMap::new();
    let mut entrance_key = HashMap::new();
    let sql = "SELECT id, building_id, code FROM entrances";
    for (id, building, code) in db::all::<(String, String, String)>(conn, sql, [])? {
        let bcode = codes.get(&building).cloned().unwrap_or_default();
        entrance_key.insert(id.clone(), (bcode, code.clone(), building.clone()));
        entrances.insert((building, code), id);
    }
    let mut latest: HashMap<String, (Occupancy, bool)> = HashMap::new();
    let sql = "SELECT unit_id, state, source FROM occupancy_changes
               ORDER BY unit_id, effective_date, recorded_at";
    for (unit, state, source) in db::all::<(String, String, String)>(conn, sql, [])? {
        if let Ok(s) = state.parse::<Occupancy>() {
            latest.insert(unit, (s, source == "import"));
        }
    }
    let mut units = HashMap::new();
    let sql = "SELECT id, entrance_id, room, floor, area_m2, removed_at IS NOT NULL FROM units";
    type UnitCols = (String, String, String, i64, Option<f64>, bool);
    for (id, entrance, room, floor, area, removed) in db::all::<UnitCols>(conn, sql, [])? {
        let Some((b, e, _)) = entrance_key.get(&entrance).cloned() else {
            continue;
        };
        let state = latest.get(&id).copied();
        units.insert(
            (b, e, room),
            UnitNow {
                id,
                floor,
                area,
                removed,
                state,
            },
        );
    }
    // Per household and field: the last imported value, else the value before the first
    // correction.
    let mut bases: HashMap<(String, String), String> = HashMap::new();
    let sql = "SELECT household_id, field, value, previous, source FROM household_changes
               ORDER BY recorded_at, id";
    for (h, field, value, previous, source) in
        db::all::<(String, String, String, String, String)>(conn, sql, [])?
    {
        if source == "import" {
            bases.insert((h, field), value);
        } else {
            bases.entry((h, field)).or_insert(previous);
        }
    }
    let mut households = HashMap::new();
    let sql = "SELECT id, unit_id, name, relation, COALESCE(phone, ''),
                      COALESCE(mailing_address, ''), key_customer, COALESCE(note, ''),
                      removed_at IS NOT NULL
               FROM households";
    type HouseholdCols = (
        String,
        String,
        String,
        String,
        String,
        String,
        bool,
        String,
        bool,
    );
    for (id, unit, name, relation, phone, address, key, note, removed) in
        db::all::<HouseholdCols>(conn, sql, [])?
    {
        let base_phone = bases
            .remove(&(id.clone(), "phone".into()))
            .unwrap_or_else(|| phone.clone());
        let base_address = bases
            .remove(&(id.clone(), "mailing_address".into()))
            .unwrap_or_else(|| address.clone());
        households.insert(
            (unit, name),
            HouseholdNow {
                id,
                relation: if relation == "owner" {
                    Relation::Owner
                } else {
                    Relation::Tenant
                },
                phone,
                address,
                key,
                note,
                base_phone,
                base_address,
                removed,
            },
        );
    }
    Ok(Estate {
        estate_id,
        clusters,
        buildings,
        entrances,
        units,
        households,
    })
}

/// What the import writes as it goes, and publishes at the end.
struct Writer<'a> {
    tx: &'a Connection,
    t: &'a Target,
    now: String,
    counts: ImportCounts,
    units: BTreeSet<String>,
    households: BTreeSet<String>,
    /// Overwrites of newer corrections, with the value each replaced.
    flagged: Vec<(Mutation, String)>,
}

impl Writer<'_> {
    fn audit(&self, kind: &str, record: &str, action: &str, detail: String) -> Result<(), DbError> {
        audit::record(
            self.tx,
            &Audit {
                user: Some(self.t.user),
                device: Some(self.t.import),
                source: AuditSource::Import,
                kind,
                record: record.to_owned(),
                action,
                detail,
                change: None,
            },
            &self.now,
        )
    }

    fn occupancy(
        &mut self,
        unit: &str,
        state: Occupancy,
        replaced: Option<Occupancy>,
    ) -> Result<(), DbError> {
        let change = Uuid::now_v7();
        self.tx
            .prepare_cached(
                "INSERT INTO occupancy_changes (id, unit_id, state, effective_date, recorded_at,
                                                recorded_by, note, replaced_unseen, source)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'import')",
            )?
            .execute(params![
                change.to_string(),
                unit,
                state.code(),
                self.t.today.to_string(),
                self.now,
                self.t.user.to_string(),
                format!("导入 {}", self.t.file_name),
                replaced.map(|o| o.code()),
            ])?;
        if let Some(previous) = replaced {
            self.flag(
                Op::RecordOccupancy {
                    unit: UnitId(
                        unit.parse()
                            .map_err(|e| DbError::Corrupt(format!("unit id: {e}")))?,
                    ),
                    change,
                    state,
                    effective_date: self.t.today,
                    household: String::new(),
                    note: format!("导入 {}", self.t.file_name),
                    base: None,
                },
                previous.code().to_owned(),
            );
        }
        Ok(())
    }

    fn flag(&mut self, op: Op, previous: String) {
        let mut m = Mutation::new(self.flagged.len() as i64 + 1, op);
        m.device_time = Utc::now();
        m.app_version = format!("import {}", self.t.file_name);
        self.flagged.push((m, previous));
    }

    fn field(&mut self, h: &HouseholdNow, field: SharedField, value: &str) -> Result<(), DbError> {
        let (code, current, base) = match field {
            SharedField::Phone => ("phone", &h.phone, &h.base_phone),
            SharedField::MailingAddress => ("mailing_address", &h.address, &h.base_address),
        };
        let overwrites = current != base && !current.is_empty();
        let change = Uuid::now_v7();
        self.tx
            .prepare_cached(
                "INSERT INTO household_changes (id, household_id, field, value, previous,
                                                author_saw, recorded_by, recorded_at, source)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'import')",
            )?
            .execute(params![
                change.to_string(),
                h.id,
                code,
                value,
                current,
                overwrites.then_some(base),
                self.t.user.to_string(),
                self.now,
            ])?;
        self.tx.execute(
            &format!("UPDATE households SET {code} = ?2 WHERE id = ?1"),
            params![h.id, value],
        )?;
        if overwrites {
            self.flag(
                Op::CorrectHousehold {
                    household: HouseholdId(
                        h.id.parse()
                            .map_err(|e| DbError::Corrupt(format!("household id: {e}")))?,
                    ),
                    change,
                    field,
                    value: value.to_owned(),
                    base: base.clone(),
                },
                current.clone(),
            );
        }
        Ok(())
    }
}

/// Checks the rows, compares them with the estate and writes the difference in `tx`. With
/// problems, nothing is written. The caller commits (an import) or rolls back (a preview).
pub fn run(
    tx: &rusqlite::Transaction<'_>,
    table: &Table,
    req: &ImportRequest,
    t: &Target,
) -> Result<ImportReport, DbError> {
    let started = std::time::Instant::now();
    let (rows, mut problems) = parse_rows(table, &req.mapping);
    let mut counts = ImportCounts {
        rows: table.rows.len(),
        ..ImportCounts::default()
    };
    let report =
        |counts: ImportCounts, problems: Vec<RowProblem>, removed: Vec<String>| ImportReport {
            applied: false,
            counts,
            problems,
            removed,
            millis: started.elapsed().as_millis() as u64,
        };
    if !problems.is_empty() {
        return Ok(report(counts, problems, vec![]));
    }
    let mut estate = load_estate(tx)?;
    // Buildings: a new one needs its cluster; an existing one stays in its own.
    for r in &rows {
        let here = |p: Problem| RowProblem {
            row: Some(r.row),
            column: req
                .mapping
                .iter()
                .position(|f| *f == Some(Field::Cluster))
                .map(|i| table.headers[i].clone()),
            problem: p,
        };
        match (estate.buildings.get(&r.building), &r.cluster) {
            (None, None) => problems.push(here(Problem::ClusterNeeded)),
            (Some((_, _, name)), Some(c)) if name != c => {
                problems.push(here(Problem::ClusterMismatch {
                    cluster: name.clone(),
                }))
            }
            _ => {}
        }
    }
    if !problems.is_empty() {
        return Ok(report(counts, problems, vec![]));
    }
    let mut w = Writer {
        tx,
        t,
        now: db::now_text(),
        counts: std::mem::take(&mut counts),
        units: BTreeSet::new(),
        households: BTreeSet::new(),
        flagged: Vec::new(),
    };
    w.counts.rows = table.rows.len();
    let mut seen_units: HashMap<UnitKey, String> = HashMap::new();
    let with_household: BTreeSet<UnitKey> = rows
        .iter()
        .filter(|r| r.household.is_some())
        .map(|r| (r.building.clone(), r.entrance.clone(), r.room.clone()))
        .collect();
    for r in &rows {
        let key = (r.building.clone(), r.entrance.clone(), r.room.clone());
        let unit_id = match seen_units.get(&key) {
            Some(id) => id.clone(),
            None => {
                let id = unit_row(&mut w, &mut estate, r, with_household.contains(&key))?;
                seen_units.insert(key.clone(), id.clone());
                id
            }
        };
        if let Some(h) = &r.household {
            household_row(&mut w, &mut estate, &unit_id, h)?;
        }
    }
    let mut removed = Vec::new();
    // Households go only when the file has customers at all (a units-only file says nothing
    // about who lives there), and only from units the file lists (a unit that is not in it
    // goes whole, below).
    let has_customers = req.mapping.contains(&Some(Field::Name));
    if req.remove_missing && has_customers {
        let in_file: HashSet<(String, String)> = rows
            .iter()
            .filter_map(|r| {
                let key = (r.building.clone(), r.entrance.clone(), r.room.clone());
                let h = r.household.as_ref()?;
                Some((seen_units.get(&key)?.clone(), h.name.clone()))
            })
            .collect();
        let listed: HashMap<&String, &UnitKey> = seen_units.iter().map(|(k, v)| (v, k)).collect();
        let mut gone: Vec<(&UnitKey, &(String, String), &HouseholdNow)> = estate
            .households
            .iter()
            .filter(|(k, h)| !h.removed && !in_file.contains(*k))
            .filter_map(|(k, h)| Some((*listed.get(&k.0)?, k, h)))
            .collect();
        gone.sort_by(|a, b| (a.0, &a.1 .1).cmp(&(b.0, &b.1 .1)));
        let mut names = Vec::new();
        for (unit, (unit_id, name), h) in gone {
            w.counts.households_removed += 1;
            if names.len() < 100 {
                names.push(format!("{}-{}-{} {name}", unit.0, unit.1, unit.2));
            }
            remove_household(&w, unit_id, &h.id, name)?;
        }
        removed.extend(names);
    }
    if req.remove_missing {
        let mut gone: Vec<(&UnitKey, &UnitNow)> = estate
            .units
            .iter()
            .filter(|(k, u)| !u.removed && !seen_units.contains_key(*k))
            .collect();
        gone.sort_by(|a, b| a.0.cmp(b.0));
        let mut codes = Vec::new();
        for (key, u) in gone {
            w.counts.units_removed += 1;
            if codes.len() < 100 {
                codes.push(format!("{}-{}-{}", key.0, key.1, key.2));
            }
            remove_unit(&w, u)?;
        }
        // Units first, then households; the first hundred in all.
        codes.append(&mut removed);
        codes.truncate(100);
        removed = codes;
    }
    publish(&mut w)?;
    let mut out = report(std::mem::take(&mut w.counts), vec![], removed);
    out.applied = true;
    Ok(out)
}

fn unit_row(
    w: &mut Writer<'_>,
    estate: &mut Estate,
    r: &RowIn,
    has_household: bool,
) -> Result<String, DbError> {
    let building = match estate.buildings.get(&r.building) {
        Some((id, ..)) => id.clone(),
        None => {
            let name = r.cluster.clone().unwrap_or_default();
            let cluster = match estate.clusters.get(&name) {
                Some(c) => c.clone(),
                None => {
                    let id = Uuid::now_v7().to_string();
                    w.tx.execute(
                        "INSERT INTO clusters (id, estate_id, name) VALUES (?1, ?2, ?3)",
                        params![id, estate.estate_id, name],
                    )?;
                    w.counts.clusters_new += 1;
                    w.audit("cluster", &id, "create", name.clone())?;
                    estate.clusters.insert(name.clone(), id.clone());
                    id
                }
            };
            let id = Uuid::now_v7().to_string();
            w.tx.execute(
                "INSERT INTO buildings (id, estate_id, cluster_id, code, name) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, estate.estate_id, cluster, r.building, format!("{}栋", r.building)],
            )?;
            w.counts.buildings_new += 1;
            w.audit(
                "building",
                &id,
                "create",
                format!("{}栋 · {name}", r.building),
            )?;
            estate
                .buildings
                .insert(r.building.clone(), (id.clone(), cluster, name));
            id
        }
    };
    let entrance = match estate
        .entrances
        .get(&(building.clone(), r.entrance.clone()))
    {
        Some(id) => id.clone(),
        None => {
            let id = Uuid::now_v7().to_string();
            w.tx.prepare_cached(
                "INSERT INTO entrances (id, building_id, code) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![id, building, r.entrance])?;
            estate
                .entrances
                .insert((building.clone(), r.entrance.clone()), id.clone());
            id
        }
    };
    let key = (r.building.clone(), r.entrance.clone(), r.room.clone());
    let code = format!("{}-{}-{}", r.building, r.entrance, r.room);
    let Some(now) = estate.units.get(&key).cloned() else {
        let id = Uuid::now_v7().to_string();
        w.tx.prepare_cached(
            "INSERT INTO units (id, entrance_id, room, floor, area_m2) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![id, entrance, r.room, r.floor, r.area])?;
        let state = r.occupancy.unwrap_or(if has_household {
            Occupancy::Occupied
        } else {
            Occupancy::Vacant
        });
        w.occupancy(&id, state, None)?;
        w.counts.units_new += 1;
        w.audit("unit", &id, "create", code)?;
        w.units.insert(id.clone());
        estate.units.insert(
            key,
            UnitNow {
                id: id.clone(),
                floor: r.floor,
                area: r.area,
                removed: false,
                state: Some((state, true)),
            },
        );
        return Ok(id);
    };
    let mut what = Vec::new();
    if now.floor != r.floor {
        what.push(format!("楼层 {} → {}", now.floor, r.floor));
    }
    let area = r.area.or(now.area);
    if area != now.area {
        what.push(format!(
            "面积 {} → {}",
            now.area.map(|a| a.to_string()).unwrap_or_default(),
            area.map(|a| a.to_string()).unwrap_or_default()
        ));
    }
    if now.removed {
        what.push("恢复".to_owned());
        // Its households left the phones with it: they come back with it.
        let sql = "SELECT id FROM households WHERE unit_id = ?1";
        for (h,) in db::all::<(String,)>(w.tx, sql, [&now.id])? {
            w.households.insert(h);
        }
    }
    if !what.is_empty() {
        w.tx.prepare_cached(
            "UPDATE units SET floor = ?2, area_m2 = ?3, removed_at = NULL WHERE id = ?1",
        )?
        .execute(params![now.id, r.floor, area])?;
    }
    if let Some(state) = r.occupancy {
        if now.state.map(|s| s.0) != Some(state) {
            // A state a butler (not an import) recorded is overwritten, and flagged.
            let replaced = now.state.filter(|(_, by_import)| !by_import).map(|s| s.0);
            w.occupancy(&now.id, state, replaced)?;
            what.push(format!(
                "状态 {} → {}",
                now.state.map(|s| s.0.code()).unwrap_or("-"),
                state.code()
            ));
            if replaced.is_some() {
                w.counts.overwrites += 1;
            }
        }
    }
    if what.is_empty() {
        w.counts.units_unchanged += 1;
    } else {
        w.counts.units_changed += 1;
        w.audit(
            "unit",
            &now.id,
            "update",
            format!("{code}: {}", what.join("，")),
        )?;
        w.units.insert(now.id.clone());
    }
    Ok(now.id)
}

fn household_row(
    w: &mut Writer<'_>,
    estate: &mut Estate,
    unit: &str,
    h: &HouseholdIn,
) -> Result<(), DbError> {
    let key = (unit.to_owned(), h.name.clone());
    let Some(now) = estate.households.get(&key).cloned() else {
        let id = Uuid::now_v7().to_string();
        let relation = h.relation.unwrap_or(Relation::Owner);
        w.tx.prepare_cached(
            "INSERT INTO households (id, unit_id, name, relation, phone, mailing_address,
                                     key_customer, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            id,
            unit,
            h.name,
            relation_code(relation),
            h.phone,
            h.address,
            h.key.unwrap_or(false),
            h.note,
        ])?;
        // What the import set is the base of the next import's shared fields.
        for (field, value) in [("phone", &h.phone), ("mailing_address", &h.address)] {
            if let Some(v) = value {
                w.tx.prepare_cached(
                    "INSERT INTO household_changes (id, household_id, field, value, previous,
                                                    recorded_by, recorded_at, source)
                     VALUES (?1, ?2, ?3, ?4, '', ?5, ?6, 'import')",
                )?
                .execute(params![
                    Uuid::now_v7().to_string(),
                    id,
                    field,
                    v,
                    w.t.user.to_string(),
                    w.now
                ])?;
            }
        }
        w.counts.households_new += 1;
        w.audit("household", &id, "create", h.name.clone())?;
        w.households.insert(id.clone());
        estate.households.insert(
            key,
            HouseholdNow {
                id,
                relation,
                phone: h.phone.clone().unwrap_or_default(),
                address: h.address.clone().unwrap_or_default(),
                key: h.key.unwrap_or(false),
                note: h.note.clone().unwrap_or_default(),
                base_phone: h.phone.clone().unwrap_or_default(),
                base_address: h.address.clone().unwrap_or_default(),
                removed: false,
            },
        );
        return Ok(());
    };
    let mut what = Vec::new();
    if now.removed {
        // Removed by an earlier import, in the file again: back on the ledger.
        w.tx.prepare_cached("UPDATE households SET removed_at = NULL WHERE id = ?1")?
            .execute([&now.id])?;
        if let Some(n) = estate.households.get_mut(&key) {
            n.removed = false;
        }
        what.push("恢复".to_owned());
    }
    if let Some(p) = h.phone.as_ref().filter(|p| **p != now.phone) {
        if now.phone != now.base_phone && !now.phone.is_empty() {
            w.counts.overwrites += 1;
        }
        w.field(&now, SharedField::Phone, p)?;
        what.push("电话".to_owned());
    }
    if let Some(a) = h.address.as_ref().filter(|a| **a != now.address) {
        if now.address != now.base_address && !now.address.is_empty() {
            w.counts.overwrites += 1;
        }
        w.field(&now, SharedField::MailingAddress, a)?;
        what.push("通讯地址".to_owned());
    }
    let relation = h.relation.unwrap_or(now.relation);
    let key_customer = h.key.unwrap_or(now.key);
    let note = h.note.clone().unwrap_or_else(|| now.note.clone());
    if relation != now.relation || key_customer != now.key || note != now.note {
        w.tx.prepare_cached(
            "UPDATE households SET relation = ?2, key_customer = ?3, note = ?4 WHERE id = ?1",
        )?
        .execute(params![
            now.id,
            relation_code(relation),
            key_customer,
            (!note.is_empty()).then_some(&note)
        ])?;
        what.push("身份/重点客户/备注".to_owned());
    }
    if what.is_empty() {
        w.counts.households_unchanged += 1;
    } else {
        w.counts.households_changed += 1;
        w.audit(
            "household",
            &now.id,
            "update",
            format!("{}: {}", h.name, what.join("，")),
        )?;
        w.households.insert(now.id.clone());
    }
    Ok(())
}

fn relation_code(r: Relation) -> &'static str {
    match r {
        Relation::Owner => "owner",
        Relation::Tenant => "tenant",
    }
}

/// The cluster a unit's building belongs to.
fn cluster_of_unit(tx: &Connection, unit: &str) -> Result<ClusterId, DbError> {
    let cluster: String = tx.query_row(
        "SELECT b.cluster_id FROM units u JOIN entrances e ON e.id = u.entrance_id
         JOIN buildings b ON b.id = e.building_id WHERE u.id = ?1",
        [unit],
        |r| r.get(0),
    )?;
    cluster
        .parse()
        .map_err(|e| DbError::Corrupt(format!("cluster id: {e}")))
}

/// Takes a household off the ledger: the row stays (with its history and visits); the
/// phones of its cluster get a tombstone.
fn remove_household(w: &Writer<'_>, unit: &str, id: &str, name: &str) -> Result<(), DbError> {
    w.tx.prepare_cached("UPDATE households SET removed_at = ?2 WHERE id = ?1")?
        .execute(params![id, w.now])?;
    let cluster = cluster_of_unit(w.tx, unit)?;
    append_change(
        w.tx,
        RecordKind::Household,
        id,
        Some(cluster),
        None,
        None,
        &w.now,
    )?;
    w.audit(
        "household",
        id,
        "remove",
        format!("文件中没有此客户：{name}"),
    )
}

fn remove_unit(w: &Writer<'_>, u: &UnitNow) -> Result<(), DbError> {
    w.tx.prepare_cached("UPDATE units SET removed_at = ?2 WHERE id = ?1")?
        .execute(params![u.id, w.now])?;
    let cluster = cluster_of_unit(w.tx, &u.id)?;
    append_change(
        w.tx,
        RecordKind::Unit,
        &u.id,
        Some(cluster),
        None,
        None,
        &w.now,
    )?;
    let households: Vec<String> =
        w.tx.prepare_cached("SELECT id FROM households WHERE unit_id = ?1")?
            .query_map([&u.id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
    for h in households {
        append_change(
            w.tx,
            RecordKind::Household,
            &h,
            Some(cluster),
            None,
            None,
            &w.now,
        )?;
    }
    w.audit("unit", &u.id, "remove", "文件中没有此房屋".to_owned())
}

/// Publishes every unit and household the import touched, and puts its overwrites on "needs
/// attention" as the applied, flagged changes of the import's own device.
fn publish(w: &mut Writer<'_>) -> Result<(), DbError> {
    for id in &w.units {
        let id = UnitId(
            id.parse()
                .map_err(|e| DbError::Corrupt(format!("unit id: {e}")))?,
        );
        if let Some(u) = db::unit::load_unit(w.tx, id)? {
            db::unit::publish(w.tx, &u, &w.now)?;
        }
    }
    for id in &w.households {
        let id = HouseholdId(
            id.parse()
                .map_err(|e| DbError::Corrupt(format!("household id: {e}")))?,
        );
        if let Some(h) = db::household::load_household(w.tx, id)? {
            db::household::publish(w.tx, &h, &w.now)?;
        }
    }
    if w.flagged.is_empty() {
        return Ok(());
    }
    let device = DeviceId(w.t.import);
    w.tx.execute(
        "INSERT OR IGNORE INTO devices (id, user_id, user_agent, first_seen_at, last_seen_at, revoked_at)
         VALUES (?1, ?2, ?3, ?4, ?4, ?4)",
        params![device.to_string(), w.t.user.to_string(), format!("import: {}", w.t.file_name), w.now],
    )?;
    let at = Utc::now();
    for (m, previous) in std::mem::take(&mut w.flagged) {
        let outcome = Outcome {
            seq: m.seq,
            mutation_id: m.id,
            verdict: Verdict::Applied,
            server_seq: None,
            skew_secs: None,
            notice: Some(Reason::Overwrote { previous }),
        };
        store_outcome(w.tx, device, w.t.user, &m, &outcome, &instant_text(at))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_excel_turned_into_dates_come_back() {
        assert_eq!(undate("2026-01-12"), "1-12");
        assert_eq!(undate("2026/1/12"), "1-12");
        assert_eq!(undate("1月12日"), "1-12");
        assert_eq!(undate("12-Jan"), "1-12");
        assert_eq!(undate("Jan-12"), "1-12");
        assert_eq!(undate("1201"), "1201");
        assert_eq!(undate("3-2-1201"), "3-2-1201");
    }

    #[test]
    fn phones_excel_stored_as_floats_are_read_or_refused() {
        assert_eq!(phone_of("13812345678.0").expect("ok"), "13812345678");
        assert_eq!(phone_of("1.3812345678E+10").expect("ok"), "13812345678");
        assert_eq!(phone_of("1.38E+10"), Err(Problem::PhoneRounded));
        assert_eq!(phone_of("138 1234 5678").expect("ok"), "13812345678");
        assert!(matches!(phone_of("12345"), Err(Problem::BadPhone { .. })));
    }

    #[test]
    fn the_floor_is_read_from_the_room_number() {
        assert_eq!(floor_of("1201"), Some(12));
        assert_eq!(floor_of("301"), Some(3));
        assert_eq!(floor_of("B101"), Some(-1));
        assert_eq!(floor_of("1-12"), Some(1));
        assert_eq!(floor_of("商铺"), None);
        assert_eq!(floor_of("031"), Some(1), "no floor 0");
    }
}
