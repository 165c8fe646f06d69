//! Households as they sync: the `households` table with their unit's code and cluster, and the
//! corrections of their shared fields (`household_changes`), appended to the change log for the
//! butlers of the cluster.

use super::sync::append_change;
use super::{instant_text, parse_instant, DbError};
use app::domain::household::{FieldChange, Household, HouseholdId, Relation, SharedField};
use app::domain::ClusterId;
use app::sync::RecordKind;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;

fn corrupt(what: &str, e: impl std::fmt::Display) -> DbError {
    DbError::Corrupt(format!("{what}: {e}"))
}

const HOUSEHOLD_SQL: &str =
    "SELECT h.id, h.unit_id, b.cluster_id, b.code || '-' || e.code || '-' || u.room,
        h.name, h.relation, COALESCE(h.phone, ''), COALESCE(h.mailing_address, ''), h.key_customer,
        COALESCE(h.note, '')
    FROM households h JOIN units u ON u.id = h.unit_id JOIN entrances e ON e.id = u.entrance_id
    JOIN buildings b ON b.id = e.building_id WHERE u.removed_at IS NULL AND h.removed_at IS NULL";

const CHANGE_SQL: &str = "SELECT household_id, id, field, value, previous, author_saw, recorded_by,
    recorded_at FROM household_changes";

fn household_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<[String; 8]> {
    Ok([
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
    ])
}

fn parse(
    cols: [String; 8],
    (key, note): (bool, String),
    history: Vec<FieldChange>,
) -> Result<Household, DbError> {
    let [id, unit, cluster, code, name, relation, phone, address] = cols;
    Ok(Household {
        id: HouseholdId(id.parse().map_err(|e| corrupt("household id", e))?),
        unit_id: unit.parse().map_err(|e| corrupt("unit id", e))?,
        cluster_id: cluster.parse().map_err(|e| corrupt("cluster id", e))?,
        unit_code: code,
        name,
        relation: if relation == "owner" {
            Relation::Owner
        } else {
            Relation::Tenant
        },
        phone,
        mailing_address: address,
        key_customer: key,
        note,
        version: history.len() as i64 + 1,
        history,
    })
}

fn change_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<(String, [Option<String>; 7])> {
    Ok((
        r.get(0)?,
        [
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
            r.get(7)?,
        ],
    ))
}

fn parse_change(cols: [Option<String>; 7]) -> Result<FieldChange, DbError> {
    let [id, field, value, previous, saw, by, at] = cols;
    let need = |v: Option<String>, what: &str| v.ok_or_else(|| corrupt(what, "missing"));
    Ok(FieldChange {
        id: need(id, "change id")?
            .parse()
            .map_err(|e| corrupt("change id", e))?,
        field: match need(field, "field")?.as_str() {
            "phone" => SharedField::Phone,
            _ => SharedField::MailingAddress,
        },
        value: need(value, "value")?,
        previous: need(previous, "previous")?,
        author_saw: saw,
        by: by
            .map(|b| b.parse().map_err(|e| corrupt("by", e)))
            .transpose()?,
        at: parse_instant(&need(at, "at")?)?,
    })
}

/// One household with its history.
pub fn load_household(conn: &Connection, id: HouseholdId) -> Result<Option<Household>, DbError> {
    let row = conn
        .prepare_cached(&format!("{HOUSEHOLD_SQL} AND h.id = ?1"))?
        .query_row([id.to_string()], |r| {
            Ok((
                household_of(r)?,
                (r.get::<_, bool>(8)?, r.get::<_, String>(9)?),
            ))
        })
        .optional()?;
    let Some((cols, extra)) = row else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(&format!(
        "{CHANGE_SQL} WHERE household_id = ?1 ORDER BY recorded_at, id"
    ))?;
    let history = stmt
        .query_map([id.to_string()], change_of)?
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .map(|(_, c)| parse_change(c))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(parse(cols, extra, history)?))
}

/// Every household (of units not removed); `cluster` limits them to one cluster.
pub fn households(
    conn: &Connection,
    cluster: Option<ClusterId>,
) -> Result<Vec<Household>, DbError> {
    let mut changes: HashMap<String, Vec<FieldChange>> = HashMap::new();
    let mut stmt = conn.prepare_cached(&format!("{CHANGE_SQL} ORDER BY recorded_at, id"))?;
    for row in stmt.query_map([], change_of)? {
        let (h, cols) = row?;
        changes.entry(h).or_default().push(parse_change(cols)?);
    }
    let mut stmt = conn.prepare_cached(&format!(
        "{HOUSEHOLD_SQL} AND (?1 IS NULL OR b.cluster_id = ?1) ORDER BY b.code, e.code, u.floor, u.room, h.name"
    ))?;
    let rows = stmt
        .query_map([cluster.map(|c| c.to_string())], |r| {
            Ok((
                household_of(r)?,
                (r.get::<_, bool>(8)?, r.get::<_, String>(9)?),
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(cols, extra)| {
            let history = changes.remove(&cols[0]).unwrap_or_default();
            parse(cols, extra, history)
        })
        .collect()
}

/// Stores a correction (already applied to `h`), and appends the household, as stored, to the
/// change log; returns the position.
pub fn save_change(
    conn: &Connection,
    h: &Household,
    c: &FieldChange,
    now: &str,
) -> Result<i64, DbError> {
    let field = match c.field {
        SharedField::Phone => "phone",
        SharedField::MailingAddress => "mailing_address",
    };
    conn.prepare_cached(
        "INSERT INTO household_changes (id, household_id, field, value, previous, author_saw,
                                        recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        c.id.to_string(),
        h.id.to_string(),
        field,
        c.value,
        c.previous,
        c.author_saw,
        c.by.map(|u| u.to_string()),
        instant_text(c.at),
    ])?;
    conn.execute(
        &format!("UPDATE households SET {field} = ?2 WHERE id = ?1"),
        params![h.id.to_string(), c.value],
    )?;
    let stored =
        load_household(conn, h.id)?.ok_or_else(|| corrupt("household", "gone after a change"))?;
    publish(conn, &stored, now)
}

/// Appends a household, whole, to the change log.
pub fn publish(conn: &Connection, h: &Household, now: &str) -> Result<i64, DbError> {
    let body = serde_json::to_string(h).map_err(|e| corrupt("household", e))?;
    append_change(
        conn,
        RecordKind::Household,
        &h.id.to_string(),
        Some(h.cluster_id),
        None,
        Some(&body),
        now,
    )
}

/// Publishes every household to the change log once. Returns how many.
pub fn ensure_published(conn: &Connection) -> Result<usize, DbError> {
    super::sync::publish_once(conn, RecordKind::Household, |now| {
        let all = households(conn, None)?;
        for h in &all {
            publish(conn, h, now)?;
        }
        Ok(all.len())
    })
}

/// Each unit's owners' names in the ledger, joined by 、 (a unit with none is absent): the names
/// on the arrears list, the phones' arrears records and lawyer's letters.
pub fn owners_by_unit(
    conn: &Connection,
) -> Result<std::collections::HashMap<app::domain::UnitId, String>, DbError> {
    let mut owners: std::collections::HashMap<app::domain::UnitId, String> = Default::default();
    for h in households(conn, None)? {
        if h.relation == app::domain::household::Relation::Owner {
            let names = owners.entry(h.unit_id).or_default();
            if !names.is_empty() {
                names.push('、');
            }
            names.push_str(&h.name);
        }
    }
    Ok(owners)
}
