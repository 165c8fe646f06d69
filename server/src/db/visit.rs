//! Visit notes: stored whole, appended to the change log for their cluster.

use super::sync::append_change;
use super::{instant_text, DbError};
use app::domain::visit::{Visit, VisitId};
use app::sync::RecordKind;
use rusqlite::{params, Connection, OptionalExtension};

fn corrupt(what: &str, e: impl std::fmt::Display) -> DbError {
    DbError::Corrupt(format!("{what}: {e}"))
}

/// A visit, if stored.
pub fn load_visit(conn: &Connection, id: VisitId) -> Result<Option<Visit>, DbError> {
    let body: Option<String> = conn
        .prepare_cached("SELECT body FROM visits WHERE id = ?1")?
        .query_row([id.to_string()], |r| r.get(0))
        .optional()?;
    body.map(|b| serde_json::from_str(&b).map_err(|e| corrupt("visit", e)))
        .transpose()
}

/// Stores a visit and appends it to the change log; returns the position.
pub fn save_visit(conn: &Connection, v: &Visit, now: &str) -> Result<i64, DbError> {
    let body = serde_json::to_string(v).map_err(|e| corrupt("visit", e))?;
    conn.prepare_cached(
        "INSERT INTO visits (id, household_id, cluster_id, butler_id, at, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        v.id.to_string(),
        v.household.to_string(),
        v.cluster_id.to_string(),
        v.butler.to_string(),
        instant_text(v.at),
        body
    ])?;
    append_change(
        conn,
        RecordKind::Visit,
        &v.id.to_string(),
        Some(v.cluster_id),
        None,
        Some(&body),
        now,
    )
}

/// Every visit (the report filters them by period and butler).
pub fn visits(conn: &Connection) -> Result<Vec<Visit>, DbError> {
    let mut stmt = conn.prepare_cached("SELECT body FROM visits ORDER BY at")?;
    let rows = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    rows.iter()
        .map(|b| serde_json::from_str(b).map_err(|e| corrupt("visit", e)))
        .collect()
}

/// Every follow-up (for satisfaction and referrals).
pub fn follow_ups(conn: &Connection) -> Result<Vec<app::domain::follow_up::FollowUp>, DbError> {
    let mut stmt = conn.prepare_cached("SELECT body FROM follow_ups")?;
    let rows = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    rows.iter()
        .map(|b| serde_json::from_str(b).map_err(|e| corrupt("follow-up", e)))
        .collect()
}
