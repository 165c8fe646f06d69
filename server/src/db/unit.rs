//! Units as they sync: the estate's normalised tables (buildings, entrances, units,
//! occupancy changes) read back as whole [`Unit`] records, and occupancy changes stored and
//! appended to the change log for the butlers of the unit's cluster.

use super::sync::append_change;
use super::{instant_text, parse_instant, DbError};
use app::domain::unit::{OccupancyChange, Unit};
use app::domain::{ClusterId, UnitId};
use app::sync::RecordKind;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;

fn corrupt(what: &str, e: impl std::fmt::Display) -> DbError {
    DbError::Corrupt(format!("{what}: {e}"))
}

const UNIT_SQL: &str = "SELECT u.id, b.cluster_id, b.code, e.code, u.room, u.floor
    FROM units u JOIN entrances e ON e.id = u.entrance_id JOIN buildings b ON b.id = e.building_id
    WHERE u.removed_at IS NULL";

const CHANGE_SQL: &str = "SELECT id, unit_id, state, effective_date, household, note, recorded_by,
    recorded_at, replaced_unseen FROM occupancy_changes";

type UnitRow = (String, String, String, String, String, i64);

fn unit_of(row: UnitRow, history: Vec<OccupancyChange>) -> Result<Unit, DbError> {
    let (id, cluster, building, entrance, room, floor) = row;
    let mut u = Unit {
        id: id.parse().map_err(|e| corrupt("unit id", e))?,
        cluster_id: cluster.parse().map_err(|e| corrupt("cluster id", e))?,
        building,
        entrance,
        room,
        floor,
        version: history.len() as i64 + 1,
        history,
    };
    u.sort_history();
    Ok(u)
}

fn change_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<(String, [Option<String>; 8])> {
    Ok((
        r.get::<_, String>(1)?,
        [
            r.get(0)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
            r.get(7)?,
            r.get(8)?,
        ],
    ))
}

fn parse_change(cols: [Option<String>; 8]) -> Result<OccupancyChange, DbError> {
    let [id, state, date, household, note, by, at, replaced] = cols;
    let need = |v: Option<String>, what: &str| v.ok_or_else(|| corrupt(what, "missing"));
    Ok(OccupancyChange {
        id: need(id, "change id")?
            .parse()
            .map_err(|e| corrupt("change id", e))?,
        state: need(state, "state")?
            .parse()
            .map_err(|e| corrupt("state", e))?,
        effective_date: need(date, "date")?
            .parse()
            .map_err(|e| corrupt("date", e))?,
        household: household.unwrap_or_default(),
        note: note.unwrap_or_default(),
        recorded_by: by
            .map(|b| b.parse().map_err(|e| corrupt("recorded by", e)))
            .transpose()?,
        recorded_at: parse_instant(&need(at, "recorded at")?)?,
        replaced_unseen: replaced
            .map(|r| r.parse().map_err(|e| corrupt("replaced", e)))
            .transpose()?,
    })
}

/// One unit with its history.
pub fn load_unit(conn: &Connection, id: UnitId) -> Result<Option<Unit>, DbError> {
    let row: Option<UnitRow> = conn
        .prepare_cached(&format!("{UNIT_SQL} AND u.id = ?1"))?
        .query_row([id.to_string()], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .optional()?;
    let Some(row) = row else { return Ok(None) };
    let mut stmt = conn.prepare_cached(&format!("{CHANGE_SQL} WHERE unit_id = ?1"))?;
    let history = stmt
        .query_map([id.to_string()], change_of)?
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .map(|(_, cols)| parse_change(cols))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(unit_of(row, history)?))
}

/// Every unit (not removed), with its history; `cluster` limits them to one cluster.
pub fn units(conn: &Connection, cluster: Option<ClusterId>) -> Result<Vec<Unit>, DbError> {
    let mut changes: HashMap<String, Vec<OccupancyChange>> = HashMap::new();
    let mut stmt = conn.prepare_cached(CHANGE_SQL)?;
    for row in stmt.query_map([], change_of)? {
        let (unit, cols) = row?;
        changes.entry(unit).or_default().push(parse_change(cols)?);
    }
    let mut stmt = conn.prepare_cached(&format!(
        "{UNIT_SQL} AND (?1 IS NULL OR b.cluster_id = ?1) ORDER BY b.code, e.code, u.floor, u.room"
    ))?;
    let rows = stmt
        .query_map([cluster.map(|c| c.to_string())], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<Result<Vec<UnitRow>, _>>()?;
    rows.into_iter()
        .map(|row| {
            let history = changes.remove(&row.0).unwrap_or_default();
            unit_of(row, history)
        })
        .collect()
}

/// Every unit (not removed) by its code (3-2-1201), with its cluster: how imports find them.
pub fn units_by_code(conn: &Connection) -> Result<HashMap<String, (UnitId, ClusterId)>, DbError> {
    Ok(units(conn, None)?
        .into_iter()
        .map(|u| (u.code(), (u.id, u.cluster_id)))
        .collect())
}

/// Every unit (not removed) by its id, with its code and cluster: how fee collection names
/// them.
pub fn codes_by_unit(conn: &Connection) -> Result<HashMap<UnitId, (String, ClusterId)>, DbError> {
    Ok(units(conn, None)?
        .into_iter()
        .map(|u| (u.id, (u.code(), u.cluster_id)))
        .collect())
}

/// Stores one occupancy change of `unit` and appends the unit, as stored, to the change log;
/// returns the position.
pub fn save_change(
    conn: &Connection,
    unit: &Unit,
    change: &OccupancyChange,
    now: &str,
) -> Result<i64, DbError> {
    conn.prepare_cached(
        "INSERT INTO occupancy_changes (id, unit_id, state, effective_date, recorded_at,
                                        recorded_by, household, note, replaced_unseen)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        change.id.to_string(),
        unit.id.to_string(),
        change.state.code(),
        change.effective_date.to_string(),
        instant_text(change.recorded_at),
        change.recorded_by.map(|u| u.to_string()),
        (!change.household.is_empty()).then_some(&change.household),
        (!change.note.is_empty()).then_some(&change.note),
        change.replaced_unseen.map(|o| o.code()),
    ])?;
    // Published as stored (instants at the store's millisecond precision), so that every
    // device holds exactly what a later read gives.
    let stored = load_unit(conn, unit.id)?
        .ok_or_else(|| corrupt("unit", "gone after its change was stored"))?;
    publish(conn, &stored, now)
}

/// Appends a unit, whole, to the change log.
pub fn publish(conn: &Connection, unit: &Unit, now: &str) -> Result<i64, DbError> {
    let body = serde_json::to_string(unit).map_err(|e| corrupt("unit", e))?;
    append_change(
        conn,
        RecordKind::Unit,
        &unit.id.to_string(),
        Some(unit.cluster_id),
        None,
        Some(&body),
        now,
    )
}

/// Publishes every unit to the change log once (the estate existed before units synced).
/// Returns how many it published.
pub fn ensure_published(conn: &Connection) -> Result<usize, DbError> {
    super::sync::publish_once(conn, RecordKind::Unit, |now| {
        let all = units(conn, None)?;
        for u in &all {
            publish(conn, u, now)?;
        }
        Ok(all.len())
    })
}
