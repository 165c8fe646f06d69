//! Community activities (issue 19): stored whole with the column the register sorts on and
//! published to every butler (no cluster; the change log reads the body from the row).

use super::sync::append_change_of_record;
use super::DbError;
use app::domain::activity::{Activity, ActivityId};
use app::sync::RecordKind;
use rusqlite::{params, Connection, OptionalExtension};

fn corrupt(e: impl std::fmt::Display) -> DbError {
    DbError::Corrupt(format!("activity: {e}"))
}

/// An activity, if announced.
pub fn load_activity(conn: &Connection, id: ActivityId) -> Result<Option<Activity>, DbError> {
    let body: Option<String> = conn
        .prepare_cached("SELECT body FROM activities WHERE id = ?1")?
        .query_row([id.to_string()], |r| r.get(0))
        .optional()?;
    body.map(|b| serde_json::from_str(&b).map_err(corrupt))
        .transpose()
}

/// Stores an activity (announced, changed, signed up for, attended, its feedback) and
/// appends its change; returns the position.
pub fn save_activity(conn: &Connection, a: &Activity, now: &str) -> Result<i64, DbError> {
    let body = serde_json::to_string(a).map_err(corrupt)?;
    conn.prepare_cached(
        "INSERT INTO activities (id, starts_at, updated_at, body) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET starts_at = excluded.starts_at,
             updated_at = excluded.updated_at, body = excluded.body",
    )?
    .execute(params![
        a.id.to_string(),
        a.starts_at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        now,
        body,
    ])?;
    append_change_of_record(
        conn,
        RecordKind::Activity,
        &a.id.to_string(),
        None,
        None,
        now,
    )
}

/// Every activity, latest first.
pub fn all_activities(conn: &Connection) -> Result<Vec<Activity>, DbError> {
    super::all(
        conn,
        "SELECT body FROM activities ORDER BY starts_at DESC, id",
        [],
    )?
    .into_iter()
    .map(|(b,): (String,)| serde_json::from_str(&b).map_err(corrupt))
    .collect()
}
