//! The fee-collection case file (issue 17): contacts stored whole with the columns the
//! register filters on and published to their cluster (the change log reads the body from the
//! row), and units' arrears published to their cluster's butlers as `arrears` records computed
//! from the stored charges.

use super::sync::{append_change, append_change_of_record};
use super::{instant_text, DbError};
use app::domain::collection::{Arrears, CollectionContact, ContactId, OwedCharge};
use app::domain::UnitId;
use app::sync::RecordKind;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::BTreeMap;

fn corrupt(what: &str, e: impl std::fmt::Display) -> DbError {
    DbError::Corrupt(format!("{what}: {e}"))
}

/// A contact, if stored.
pub fn load_contact(
    conn: &Connection,
    id: ContactId,
) -> Result<Option<CollectionContact>, DbError> {
    let body: Option<String> = conn
        .prepare_cached("SELECT body FROM collection_contacts WHERE id = ?1")?
        .query_row([id.to_string()], |r| r.get(0))
        .optional()?;
    body.map(|b| serde_json::from_str(&b).map_err(|e| corrupt("contact", e)))
        .transpose()
}

/// Stores a new contact and appends its change; returns the position.
pub fn save_contact(conn: &Connection, c: &CollectionContact, now: &str) -> Result<i64, DbError> {
    let body = serde_json::to_string(c).map_err(|e| corrupt("contact", e))?;
    conn.prepare_cached(
        "INSERT INTO collection_contacts (id, unit_id, cluster_id, what, at, by_user, reason,
                                          promised_on, follow_up, recorded_at, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        c.id.to_string(),
        c.unit_id.to_string(),
        c.cluster_id.to_string(),
        c.note.what.code(),
        instant_text(c.note.at),
        c.by.to_string(),
        c.note.reason.map(|r| r.code()),
        c.note.promised_on.map(|d| d.to_string()),
        c.note.follow_up.map(|f| f.to_string()),
        now,
        body,
    ])?;
    append_change_of_record(
        conn,
        RecordKind::Collection,
        &c.id.to_string(),
        Some(c.cluster_id),
        None,
        now,
    )
}

/// Every contact, oldest first (the register filters them as the office's screen does).
pub fn all_contacts(conn: &Connection) -> Result<Vec<CollectionContact>, DbError> {
    let rows: Vec<(String,)> = super::all(
        conn,
        "SELECT body FROM collection_contacts ORDER BY at, id",
        [],
    )?;
    rows.into_iter()
        .map(|(b,)| serde_json::from_str(&b).map_err(|e| corrupt("contact", e)))
        .collect()
}

/// The estate day of finance's latest applied export, if any.
pub fn latest_export_day(conn: &Connection) -> Result<Option<NaiveDate>, DbError> {
    let at: Option<String> =
        conn.query_row("SELECT MAX(imported_at) FROM charge_imports", [], |r| {
            r.get(0)
        })?;
    at.map(|t| super::parse_instant(&t).map(app::domain::time::estate_today))
        .transpose()
}

/// Every unit's arrears as finance's exports state them (units with any charge), with its
/// owners' names, as of the latest export.
pub fn arrears_of_units(conn: &Connection) -> Result<Vec<Arrears>, DbError> {
    let Some(as_of) = latest_export_day(conn)? else {
        return Ok(vec![]);
    };
    let limitation = super::fee::fee_settings(conn)?.limitation;
    let units = super::unit::codes_by_unit(conn)?;
    let owners = super::household::owners_by_unit(conn)?;
    let mut per: BTreeMap<UnitId, Vec<OwedCharge>> = BTreeMap::new();
    for ((unit, fee_type, period), c) in super::fee::charges(conn)? {
        let owed = per.entry(unit).or_default();
        if c.owed().0 > 0 {
            owed.push(OwedCharge {
                fee_type,
                period,
                due_on: c.due_date,
                owed_fen: c.owed(),
                not_in_latest: !c.in_latest,
            });
        }
    }
    Ok(per
        .into_iter()
        .filter_map(|(unit, mut charges)| {
            let (code, cluster) = units.get(&unit)?;
            charges.sort_by(|a, b| {
                (a.due_on, a.period, a.fee_type).cmp(&(b.due_on, b.period, b.fee_type))
            });
            Some(Arrears {
                unit_id: unit,
                cluster_id: *cluster,
                unit: code.clone(),
                owners: owners.get(&unit).cloned().unwrap_or_default(),
                charges,
                as_of,
                limitation,
            })
        })
        .collect())
}

/// Publishes each unit's arrears whose record changed since it was last published (after an
/// import, a change of the office's settings, at start): a unit that owes, or that owed and
/// has paid (its record then lists no charge). Returns how many were published.
pub fn publish_arrears(conn: &Connection, now: &str) -> Result<usize, DbError> {
    let mut published = 0;
    for a in arrears_of_units(conn)? {
        let body = serde_json::to_string(&a).map_err(|e| corrupt("arrears", e))?;
        let before: Option<Option<String>> = conn
            .prepare_cached(
                "SELECT body FROM change_log WHERE kind = 'arrears' AND record_id = ?1
                 ORDER BY seq DESC LIMIT 1",
            )?
            .query_row([Arrears::record_id(a.unit_id).to_string()], |r| r.get(0))
            .optional()?;
        let changed = match &before {
            Some(b) => b.as_deref() != Some(body.as_str()),
            None => a.owes(),
        };
        if changed {
            append_change(
                conn,
                RecordKind::Arrears,
                &Arrears::record_id(a.unit_id).to_string(),
                Some(a.cluster_id),
                None,
                Some(&body),
                now,
            )?;
            published += 1;
        }
    }
    Ok(published)
}
