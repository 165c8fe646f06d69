//! Follow-ups' own settings and upkeep: each department's default time (set by the admin),
//! and the one-time backfill of due dates and places for follow-ups made before them.

use super::{all, DbError};
use app::domain::follow_up::{backfill, DueDays, FollowUp, DEFAULT_DUE_DAYS};
use app::domain::{ClusterId, Department, UserId};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;

/// Every department's default time for a follow-up, in `Department::ALL` order (the general
/// default where the admin set none).
pub fn department_due_days(conn: &Connection) -> Result<Vec<DueDays>, DbError> {
    let set: HashMap<String, i64> = all::<(String, i64)>(
        conn,
        "SELECT department, due_days FROM department_settings",
        [],
    )?
    .into_iter()
    .collect();
    Ok(Department::ALL
        .into_iter()
        .map(|department| DueDays {
            department,
            days: set
                .get(department.code())
                .and_then(|d| u32::try_from(*d).ok())
                .unwrap_or(DEFAULT_DUE_DAYS),
        })
        .collect())
}

/// Sets a department's default time (1 to `MAX_DUE_DAYS` days, checked by the caller and by
/// the table).
pub fn set_department_due_days(
    conn: &Connection,
    department: Department,
    days: u32,
    by: UserId,
    now: &str,
) -> Result<(), DbError> {
    conn.prepare_cached(
        "INSERT INTO department_settings (department, due_days, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (department) DO UPDATE SET due_days = ?2, updated_at = ?3, updated_by = ?4",
    )?
    .execute(params![department.code(), days, now, by.to_string()])?;
    Ok(())
}

const BACKFILLED: &str = "follow_ups_backfilled_0013";

/// Once per database (after migration 0013): gives every follow-up without a due date its
/// department's default from the day it was made, and every follow-up handed on from a run
/// the item's wording and the run's place (the unit, or the round's cluster) where it named
/// a section (`app::domain::follow_up::backfill`). Changed ones are published, so phones
/// receive them; their version stays, since nobody changed the matter itself. Returns how
/// many changed.
pub fn backfill_due_dates_and_places(conn: &Connection) -> Result<usize, DbError> {
    super::sync::once(conn, BACKFILLED, |now| {
        let days: HashMap<Department, u32> = department_due_days(conn)?
            .into_iter()
            .map(|d| (d.department, d.days))
            .collect();
        let clusters: HashMap<String, String> =
            all::<(String, String)>(conn, "SELECT id, name FROM clusters", [])?
                .into_iter()
                .collect();
        let bodies: Vec<(String,)> = all(conn, "SELECT body FROM follow_ups ORDER BY id", [])?;
        let mut changed = 0;
        for (body,) in bodies {
            let mut f: FollowUp = serde_json::from_str(&body)
                .map_err(|e| DbError::Corrupt(format!("follow-up: {e}")))?;
            let run = match &f.origin {
                Some(o) => super::checklist::load_run(conn, o.run)?,
                None => None,
            };
            let template = match &run {
                Some(r) => super::checklist::load_template(conn, r.template_version)?,
                None => None,
            };
            let place = match &run {
                Some(r) => run_place(conn, r.unit, r.cluster_id, &clusters)?,
                None => String::new(),
            };
            let department_days = days.get(&f.department).copied().unwrap_or(DEFAULT_DUE_DAYS);
            if backfill(&mut f, template.as_ref(), &place, department_days) {
                super::sync::save_follow_up(conn, &f, now)?;
                changed += 1;
            }
        }
        Ok(changed)
    })
}

/// Where a run took place: its unit's code (3-2-1201), else its cluster's name.
fn run_place(
    conn: &Connection,
    unit: Option<app::domain::UnitId>,
    cluster: ClusterId,
    clusters: &HashMap<String, String>,
) -> Result<String, DbError> {
    if let Some(unit) = unit {
        let code: Option<String> = conn
            .prepare_cached(
                "SELECT b.code || '-' || e.code || '-' || u.room
                 FROM units u JOIN entrances e ON e.id = u.entrance_id
                              JOIN buildings b ON b.id = e.building_id
                 WHERE u.id = ?1",
            )?
            .query_row([unit.to_string()], |r| r.get(0))
            .optional()?;
        if let Some(code) = code {
            return Ok(code);
        }
    }
    Ok(clusters
        .get(&cluster.to_string())
        .cloned()
        .unwrap_or_default())
}
