//! Documents' deliveries to households (issue 19): stored whole with the columns the
//! registers filter on and published to their cluster (the change log reads the body from
//! the row).

use super::sync::append_change_of_record;
use super::DbError;
use app::domain::document::{Delivery, DeliveryId, DocumentId};
use app::domain::UnitId;
use app::sync::RecordKind;
use rusqlite::{params, Connection, OptionalExtension};

fn corrupt(what: &str, e: impl std::fmt::Display) -> DbError {
    DbError::Corrupt(format!("{what}: {e}"))
}

fn parse(rows: Vec<(String,)>) -> Result<Vec<Delivery>, DbError> {
    rows.into_iter()
        .map(|(b,)| serde_json::from_str(&b).map_err(|e| corrupt("delivery", e)))
        .collect()
}

/// A delivery, if issued.
pub fn load_delivery(conn: &Connection, id: DeliveryId) -> Result<Option<Delivery>, DbError> {
    let body: Option<String> = conn
        .prepare_cached("SELECT body FROM document_deliveries WHERE id = ?1")?
        .query_row([id.to_string()], |r| r.get(0))
        .optional()?;
    body.map(|b| serde_json::from_str(&b).map_err(|e| corrupt("delivery", e)))
        .transpose()
}

/// Stores a delivery (issued, handed over, posted, called about) and appends its change;
/// returns the position.
pub fn save_delivery(conn: &Connection, d: &Delivery, now: &str) -> Result<i64, DbError> {
    let body = serde_json::to_string(d).map_err(|e| corrupt("delivery", e))?;
    conn.prepare_cached(
        "INSERT INTO document_deliveries
             (id, document_id, cluster_id, unit_id, date, state, updated_at, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (id) DO UPDATE SET state = excluded.state,
             updated_at = excluded.updated_at, body = excluded.body",
    )?
    .execute(params![
        d.id.to_string(),
        d.document.id.to_string(),
        d.cluster_id.to_string(),
        d.unit_id.to_string(),
        d.document.date.to_string(),
        d.state().code(),
        now,
        body,
    ])?;
    append_change_of_record(
        conn,
        RecordKind::Delivery,
        &d.id.to_string(),
        Some(d.cluster_id),
        None,
        now,
    )
}

/// How many households a document was issued to (0: not issued).
pub fn households_of_document(conn: &Connection, id: DocumentId) -> Result<u32, DbError> {
    Ok(conn
        .prepare_cached("SELECT COUNT(*) FROM document_deliveries WHERE document_id = ?1")?
        .query_row([id.to_string()], |r| r.get(0))?)
}

/// A document's deliveries, by unit.
pub fn deliveries_of_document(conn: &Connection, id: DocumentId) -> Result<Vec<Delivery>, DbError> {
    parse(super::all(
        conn,
        "SELECT body FROM document_deliveries WHERE document_id = ?1 ORDER BY cluster_id, id",
        [id.to_string()],
    )?)
}

/// A unit's deliveries, oldest document first (a statement's is a demand for payment).
pub fn deliveries_of_unit(conn: &Connection, unit: UnitId) -> Result<Vec<Delivery>, DbError> {
    parse(super::all(
        conn,
        "SELECT body FROM document_deliveries WHERE unit_id = ?1 ORDER BY date, id",
        [unit.to_string()],
    )?)
}

/// Every delivery, newest document first, then by cluster and unit.
pub fn all_deliveries(conn: &Connection) -> Result<Vec<Delivery>, DbError> {
    parse(super::all(
        conn,
        "SELECT body FROM document_deliveries ORDER BY date DESC, document_id DESC, cluster_id, id",
        [],
    )?)
}
