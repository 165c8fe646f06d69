//! Places and notices (issue 18): stored whole with the columns the registers filter on and
//! published to their cluster (the change log reads the body from the row).

use super::sync::append_change_of_record;
use super::{instant_text, DbError};
use app::domain::place::{Notice, NoticeId, Place, PlaceId};
use app::sync::RecordKind;
use rusqlite::{params, Connection, OptionalExtension};

fn corrupt(what: &str, e: impl std::fmt::Display) -> DbError {
    DbError::Corrupt(format!("{what}: {e}"))
}

fn body_of<T: serde::de::DeserializeOwned>(
    conn: &Connection,
    sql: &str,
    id: &str,
    what: &str,
) -> Result<Option<T>, DbError> {
    let body: Option<String> = conn
        .prepare_cached(sql)?
        .query_row([id], |r| r.get(0))
        .optional()?;
    body.map(|b| serde_json::from_str(&b).map_err(|e| corrupt(what, e)))
        .transpose()
}

/// A place, if registered.
pub fn load_place(conn: &Connection, id: PlaceId) -> Result<Option<Place>, DbError> {
    body_of(
        conn,
        "SELECT body FROM places WHERE id = ?1",
        &id.to_string(),
        "place",
    )
}

/// The places of these ids that are registered (unknown ids are left out).
pub fn places_named(conn: &Connection, ids: &[PlaceId]) -> Result<Vec<Place>, DbError> {
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(p) = load_place(conn, *id)? {
            out.push(p);
        }
    }
    Ok(out)
}

/// Stores a place (new or changed) and appends its change; returns the position.
pub fn save_place(conn: &Connection, p: &Place, now: &str) -> Result<i64, DbError> {
    let body = serde_json::to_string(p).map_err(|e| corrupt("place", e))?;
    conn.prepare_cached(
        "INSERT INTO places (id, cluster_id, kind, name, retired, updated_at, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (id) DO UPDATE SET cluster_id = excluded.cluster_id, kind = excluded.kind,
             name = excluded.name, retired = excluded.retired, updated_at = excluded.updated_at,
             body = excluded.body",
    )?
    .execute(params![
        p.id.to_string(),
        p.cluster_id.to_string(),
        p.kind.code(),
        p.name,
        p.retired,
        now,
        body,
    ])?;
    append_change_of_record(
        conn,
        RecordKind::Place,
        &p.id.to_string(),
        Some(p.cluster_id),
        None,
        now,
    )
}

/// Every place, by cluster, kind and name.
pub fn all_places(conn: &Connection) -> Result<Vec<Place>, DbError> {
    let rows: Vec<(String,)> = super::all(
        conn,
        "SELECT body FROM places ORDER BY cluster_id, kind, name",
        [],
    )?;
    rows.into_iter()
        .map(|(b,)| serde_json::from_str(&b).map_err(|e| corrupt("place", e)))
        .collect()
}

/// The places of a cluster (retired ones too), by kind and name.
pub fn places_of_cluster(
    conn: &Connection,
    cluster: app::domain::ClusterId,
) -> Result<Vec<Place>, DbError> {
    let rows: Vec<(String,)> = super::all(
        conn,
        "SELECT body FROM places WHERE cluster_id = ?1 ORDER BY kind, name",
        [cluster.to_string()],
    )?;
    rows.into_iter()
        .map(|(b,)| serde_json::from_str(&b).map_err(|e| corrupt("place", e)))
        .collect()
}

/// A notice, if posted.
pub fn load_notice(conn: &Connection, id: NoticeId) -> Result<Option<Notice>, DbError> {
    body_of(
        conn,
        "SELECT body FROM notices WHERE id = ?1",
        &id.to_string(),
        "notice",
    )
}

/// Stores a notice (posted, its expiry changed, taken down) and appends its change; returns
/// the position.
pub fn save_notice(conn: &Connection, n: &Notice, now: &str) -> Result<i64, DbError> {
    let body = serde_json::to_string(n).map_err(|e| corrupt("notice", e))?;
    conn.prepare_cached(
        "INSERT INTO notices (id, cluster_id, posted_on, expires_on, taken_down_at, updated_at, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (id) DO UPDATE SET expires_on = excluded.expires_on,
             taken_down_at = excluded.taken_down_at, updated_at = excluded.updated_at,
             body = excluded.body",
    )?
    .execute(params![
        n.id.to_string(),
        n.cluster_id.to_string(),
        n.posted_on.to_string(),
        n.expires_on.to_string(),
        n.taken_down.as_ref().map(|t| instant_text(t.at)),
        now,
        body,
    ])?;
    append_change_of_record(
        conn,
        RecordKind::Notice,
        &n.id.to_string(),
        Some(n.cluster_id),
        None,
        now,
    )
}

/// Every notice, newest posting first.
pub fn all_notices(conn: &Connection) -> Result<Vec<Notice>, DbError> {
    let rows: Vec<(String,)> = super::all(
        conn,
        "SELECT body FROM notices ORDER BY posted_on DESC, id DESC",
        [],
    )?;
    rows.into_iter()
        .map(|(b,)| serde_json::from_str(&b).map_err(|e| corrupt("notice", e)))
        .collect()
}

/// Whether any place is registered (the demo seeds places once).
pub fn any_place(conn: &Connection) -> Result<bool, DbError> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM places)", [], |r| r.get(0))?)
}

/// Whether a checklist template of this id exists (any version).
pub fn template_known(conn: &Connection, id: app::domain::TemplateId) -> Result<bool, DbError> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM checklist_templates WHERE template_id = ?1)")?
        .query_row([id.to_string()], |r| r.get(0))?)
}

/// The estate's current label key: its number and 32-byte seed, made (from the system's
/// randomness) the first time it is asked for.
pub fn current_label_key(conn: &Connection, now: &str) -> Result<(u32, [u8; 32]), DbError> {
    let found: Option<(u32, Vec<u8>)> = conn
        .query_row(
            "SELECT id, secret FROM label_keys WHERE retired_at IS NULL ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((id, secret)) = found {
        let seed: [u8; 32] = secret
            .try_into()
            .map_err(|_| DbError::Corrupt("label key: not 32 bytes".into()))?;
        return Ok((id, seed));
    }
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| DbError::Corrupt(format!("randomness: {e}")))?;
    let public = ed25519_dalek::SigningKey::from_bytes(&seed).verifying_key();
    let hex: String = public
        .as_bytes()
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect();
    conn.execute(
        "INSERT INTO label_keys (secret, public, created_at) VALUES (?1, ?2, ?3)",
        params![seed.to_vec(), hex, now],
    )?;
    Ok((u32::try_from(conn.last_insert_rowid()).unwrap_or(0), seed))
}

/// Retires the current label key (its labels are refused from now on) and makes a new one.
pub fn rotate_label_key(conn: &Connection, now: &str) -> Result<u32, DbError> {
    conn.execute(
        "UPDATE label_keys SET retired_at = ?1 WHERE retired_at IS NULL",
        [now],
    )?;
    Ok(current_label_key(conn, now)?.0)
}

/// Every label key's public half, as phones receive them.
pub fn label_keys(conn: &Connection) -> Result<Vec<app::domain::label::LabelKey>, DbError> {
    let rows: Vec<(u32, String, Option<String>)> = super::all(
        conn,
        "SELECT id, public, retired_at FROM label_keys ORDER BY id",
        [],
    )?;
    Ok(rows
        .into_iter()
        .map(|(id, public, retired)| app::domain::label::LabelKey {
            id,
            public,
            current: retired.is_none(),
        })
        .collect())
}
