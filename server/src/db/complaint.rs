//! Complaints: stored whole, with the columns the register filters on, and published to
//! their cluster (phones) and to the lead of the department a valid one is against, through
//! the change log, the body read from the row (stored once).

use super::sync::{append_change_of_record, append_leaving_department};
use super::{instant_text, DbError};
use app::domain::complaint::{Complaint, ComplaintId};
use app::sync::RecordKind;
use rusqlite::{params, Connection, OptionalExtension};

fn corrupt(what: &str, e: impl std::fmt::Display) -> DbError {
    DbError::Corrupt(format!("{what}: {e}"))
}

/// A complaint, if stored.
pub fn load_complaint(conn: &Connection, id: ComplaintId) -> Result<Option<Complaint>, DbError> {
    let body: Option<String> = conn
        .prepare_cached("SELECT body FROM complaints WHERE id = ?1")?
        .query_row([id.to_string()], |r| r.get(0))
        .optional()?;
    body.map(|b| serde_json::from_str(&b).map_err(|e| corrupt("complaint", e)))
        .transpose()
}

/// Stores a complaint as it now stands and appends its change; returns the position.
pub fn save_complaint(conn: &Connection, c: &Complaint, now: &str) -> Result<i64, DbError> {
    let body = serde_json::to_string(c).map_err(|e| corrupt("complaint", e))?;
    let department_before: Option<Option<String>> = conn
        .prepare_cached("SELECT department FROM complaints WHERE id = ?1")?
        .query_row([c.id.to_string()], |r| r.get(0))
        .optional()?;
    conn.prepare_cached(
        "INSERT INTO complaints (id, cluster_id, household_id, category, department, valid,
                                 status, received_at, closed_at, taken_by, version, updated_at,
                                 body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
         ON CONFLICT (id) DO UPDATE SET department = ?5, valid = ?6, status = ?7,
                                        closed_at = ?9, version = ?11, updated_at = ?12,
                                        body = ?13",
    )?
    .execute(params![
        c.id.to_string(),
        c.cluster_id.to_string(),
        c.household.map(|h| h.to_string()),
        c.category.code(),
        c.department().map(|d| d.code()),
        c.valid(),
        c.status().code(),
        instant_text(c.received_at),
        c.closed_at.map(instant_text),
        c.taken_by.to_string(),
        c.version,
        now,
        body,
    ])?;
    for photo in c.photos.iter().chain(signature_image(c)) {
        super::checklist::refer(
            conn,
            photo,
            RecordKind::Complaint,
            c.id.0,
            Some(c.cluster_id),
            None,
        )?;
    }
    // The department a valid one is against: its lead pulls it (`ScopeFilter::Department`);
    // judged again against another, the old lead's copy is taken back.
    if let Some(Some(before)) = department_before {
        let before: app::domain::Department = before
            .parse()
            .map_err(|e| corrupt("complaint department", e))?;
        if c.department() != Some(before) {
            append_leaving_department(conn, RecordKind::Complaint, &c.id.to_string(), before, now)?;
        }
    }
    append_change_of_record(
        conn,
        RecordKind::Complaint,
        &c.id.to_string(),
        Some(c.cluster_id),
        c.department(),
        now,
    )
}

fn signature_image(c: &Complaint) -> Option<&String> {
    match &c.sign_off {
        Some(app::domain::complaint::SignOff::Signed { image, .. }) => Some(image),
        _ => None,
    }
}

/// Every complaint, oldest first (the register filters them).
pub fn all_complaints(conn: &Connection) -> Result<Vec<Complaint>, DbError> {
    let mut stmt = conn.prepare_cached("SELECT body FROM complaints ORDER BY received_at")?;
    let rows = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    rows.iter()
        .map(|b| serde_json::from_str(b).map_err(|e| corrupt("complaint", e)))
        .collect()
}
