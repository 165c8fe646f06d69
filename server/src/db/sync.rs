//! The sync engine's storage: per-device sequences, stored outcomes, the change log, and the
//! records that sync (follow-ups).

use super::{instant_text, DbError};
use app::domain::follow_up::{FollowUp, FollowUpId};
use app::domain::{ClusterId, Department, DeviceId, Role, UserId};
use app::sync::{Change, Mutation, Outcome, Record, RecordKind, Verdict};
use chrono::{DateTime, Utc};
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};
use uuid::Uuid;

fn corrupt(what: &str, e: impl std::fmt::Display) -> DbError {
    DbError::Corrupt(format!("{what}: {e}"))
}

/// The device's last applied sequence (0 before its first push).
pub fn device_last_seq(conn: &Connection, device: DeviceId) -> Result<i64, DbError> {
    Ok(conn
        .query_row(
            "SELECT last_seq FROM sync_devices WHERE device_id = ?1",
            [device.to_string()],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(0))
}

/// Records the device's last applied sequence.
pub fn set_device_last_seq(
    conn: &Connection,
    device: DeviceId,
    seq: i64,
    now: &str,
) -> Result<(), DbError> {
    conn.prepare_cached(
        "INSERT INTO sync_devices (device_id, last_seq, last_push_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (device_id) DO UPDATE SET last_seq = ?2, last_push_at = ?3",
    )?
    .execute(params![device.to_string(), seq, now])?;
    Ok(())
}

/// The outcome stored for a device's sequence, if that sequence was seen.
pub fn stored_outcome(
    conn: &Connection,
    device: DeviceId,
    seq: i64,
) -> Result<Option<Outcome>, DbError> {
    let json: Option<String> = conn
        .prepare_cached("SELECT outcome FROM mutation_outcomes WHERE device_id = ?1 AND seq = ?2")?
        .query_row(params![device.to_string(), seq], |r| r.get(0))
        .optional()?;
    json.map(|j| serde_json::from_str(&j).map_err(|e| corrupt("outcome", e)))
        .transpose()
}

fn verdict_code(v: &Verdict) -> &'static str {
    match v {
        Verdict::Applied => "applied",
        Verdict::Refused { .. } => "refused",
        Verdict::Conflict { .. } => "conflict",
    }
}

/// Stores a mutation's outcome, and the mutation itself when it needs attention.
pub fn store_outcome(
    conn: &Connection,
    device: DeviceId,
    user: UserId,
    mutation: &Mutation,
    outcome: &Outcome,
    now: &str,
) -> Result<(), DbError> {
    let outcome_json = serde_json::to_string(outcome).map_err(|e| corrupt("outcome", e))?;
    // Kept only while someone may read it again (needs attention); a replay answers from the
    // outcome.
    let mutation_json = if outcome.verdict == Verdict::Applied && outcome.notice.is_none() {
        None
    } else {
        Some(serde_json::to_string(mutation).map_err(|e| corrupt("mutation", e))?)
    };
    conn.prepare_cached(
        "INSERT INTO mutation_outcomes (device_id, seq, mutation_id, user_id, op, record_id, verdict,
                                        outcome, mutation, device_time, received_at, flagged)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        device.to_string(),
        mutation.seq,
        mutation.id.to_string(),
        user.to_string(),
        mutation.op.name(),
        mutation.record_id().to_string(),
        verdict_code(&outcome.verdict),
        outcome_json,
        mutation_json,
        instant_text(mutation.device_time),
        now,
        outcome.notice.is_some(),
    ])?;
    Ok(())
}

/// A follow-up as it stands.
pub fn load_follow_up(conn: &Connection, id: FollowUpId) -> Result<Option<FollowUp>, DbError> {
    let body: Option<String> = conn
        .prepare_cached("SELECT body FROM follow_ups WHERE id = ?1")?
        .query_row([id.to_string()], |r| r.get(0))
        .optional()?;
    body.map(|b| serde_json::from_str(&b).map_err(|e| corrupt("follow-up", e)))
        .transpose()
}

/// Stores a follow-up and appends it to the change log; returns its change-log position.
pub fn save_follow_up(conn: &Connection, f: &FollowUp, now: &str) -> Result<i64, DbError> {
    let body = serde_json::to_string(f).map_err(|e| corrupt("follow-up", e))?;
    conn.prepare_cached(
        "INSERT INTO follow_ups (id, cluster_id, department, assignee_id, status, due_date, version,
                                 created_by, created_at, updated_at, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (id) DO UPDATE SET assignee_id = ?4, status = ?5, due_date = ?6, version = ?7,
                                        updated_at = ?10, body = ?11",
    )?
    .execute(params![
        f.id.to_string(),
        f.cluster_id.to_string(),
        f.department.code(),
        f.assignee.map(|a| a.to_string()),
        f.status.code(),
        f.due_date.map(|d| d.to_string()),
        f.version,
        f.created_by.to_string(),
        instant_text(f.created_at),
        now,
        body,
    ])?;
    for photo in &f.photos {
        super::checklist::refer(
            conn,
            photo,
            RecordKind::FollowUp,
            f.id.0,
            Some(f.cluster_id),
            Some(f.department),
        )?;
    }
    append_change_of_record(
        conn,
        RecordKind::FollowUp,
        &f.id.to_string(),
        Some(f.cluster_id),
        Some(f.department),
        now,
    )
}

/// Appends one entry to the change log and removes the entries it supersedes (the same
/// record's earlier ones: a change carries the whole record, so a device that has not pulled
/// them yet needs only this one, and one that has gets this one next). The log thus holds one
/// entry a record, and an appended comment or briefing matter grows it by the record's size,
/// not by the record's size again for every earlier addition. Returns its position.
pub fn append_change(
    conn: &Connection,
    kind: RecordKind,
    record_id: &str,
    cluster: Option<ClusterId>,
    department: Option<Department>,
    body: Option<&str>,
    now: &str,
) -> Result<i64, DbError> {
    append(
        conn,
        kind,
        record_id,
        (cluster, department),
        body,
        false,
        now,
    )
}

/// Appends a change whose body the pull reads from the record's own row (runs and
/// follow-ups, which grow by entries and comments): the text is stored once, in the record.
/// The caller has just written that row in the same transaction.
pub fn append_change_of_record(
    conn: &Connection,
    kind: RecordKind,
    record_id: &str,
    cluster: Option<ClusterId>,
    department: Option<Department>,
    now: &str,
) -> Result<i64, DbError> {
    debug_assert!(matches!(
        kind,
        RecordKind::Run
            | RecordKind::FollowUp
            | RecordKind::Complaint
            | RecordKind::Collection
            | RecordKind::Place
            | RecordKind::Notice
            | RecordKind::Delivery
            | RecordKind::Activity
    ));
    append(
        conn,
        kind,
        record_id,
        (cluster, department),
        None,
        true,
        now,
    )
}

fn append(
    conn: &Connection,
    kind: RecordKind,
    record_id: &str,
    (cluster, department): (Option<ClusterId>, Option<Department>),
    body: Option<&str>,
    from_record: bool,
    now: &str,
) -> Result<i64, DbError> {
    conn.prepare_cached(
        "INSERT INTO change_log (kind, record_id, cluster_id, department, body, from_record, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        kind.code(),
        record_id,
        cluster.map(|c| c.to_string()),
        department.map(Department::code),
        body,
        from_record,
        now
    ])?;
    let seq = conn.last_insert_rowid();
    // One entry a record, except a department's leaving note (see `append_leaving_department`).
    conn.prepare_cached(
        "DELETE FROM change_log WHERE kind = ?1 AND record_id = ?2 AND seq < ?3
           AND NOT (from_record = 0 AND body IS NULL AND cluster_id IS NULL
                    AND department IS NOT NULL)",
    )?
    .execute(params![kind.code(), record_id, seq])?;
    Ok(seq)
}

/// Tells the phones of `department` that a record is no longer theirs (a complaint judged
/// against another department: its old lead's copy goes). Written just before the record's
/// own entry, which does not compact it away: the old department pulls the removal, while
/// everyone who still sees the record pulls the removal and then the record again. No cluster,
/// so a butler never pulls it.
pub fn append_leaving_department(
    conn: &Connection,
    kind: RecordKind,
    record_id: &str,
    department: Department,
    now: &str,
) -> Result<(), DbError> {
    conn.prepare_cached(
        "INSERT INTO change_log (kind, record_id, cluster_id, department, body, from_record, at)
         VALUES (?1, ?2, NULL, ?3, NULL, 0, ?4)",
    )?
    .execute(params![kind.code(), record_id, department.code(), now])?;
    Ok(())
}

/// What one pull page carries at most, in bytes of record bodies: about 1 MB. A single record
/// larger than that travels alone on its own page.
pub const PULL_PAGE_BYTES: usize = 1024 * 1024;

/// Publishes records of `kind` that existed before they synced (units, households), once:
/// skipped when the change log already has that kind or the flag `<kind>s_published` is set;
/// `publish_all` appends them and says how many. Returns how many were published.
pub fn publish_once(
    conn: &Connection,
    kind: RecordKind,
    publish_all: impl FnOnce(&str) -> Result<usize, DbError>,
) -> Result<usize, DbError> {
    let logged: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM change_log WHERE kind = ?1)",
        [kind.code()],
        |r| r.get(0),
    )?;
    if logged {
        return Ok(0);
    }
    once(conn, &format!("{}s_published", kind.code()), publish_all)
}

/// Runs `work` (given the time as stored) once per database: the flag `flag` in `sync_meta`
/// remembers that it ran, in the same transaction. Returns what `work` counted, 0 when it
/// had run before.
pub fn once(
    conn: &Connection,
    flag: &str,
    work: impl FnOnce(&str) -> Result<usize, DbError>,
) -> Result<usize, DbError> {
    let done: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sync_meta WHERE key = ?1 AND value > 0)",
        [flag],
        |r| r.get(0),
    )?;
    if done {
        return Ok(0);
    }
    let n = work(&super::now_text())?;
    conn.execute(
        "INSERT INTO sync_meta (key, value) VALUES (?1, 1)
         ON CONFLICT (key) DO UPDATE SET value = 1",
        [flag],
    )?;
    Ok(n)
}

/// Every cluster's id (an estate has a handful).
pub fn cluster_ids(conn: &Connection) -> Result<std::collections::HashSet<ClusterId>, DbError> {
    let mut stmt = conn.prepare_cached("SELECT id FROM clusters")?;
    let ids = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .map(|id| id?.parse().map_err(|e| corrupt("cluster id", e)))
        .collect::<Result<_, DbError>>()?;
    Ok(ids)
}

/// An active user's role and department (for checking an assignee).
pub fn active_role(
    conn: &Connection,
    user: UserId,
) -> Result<Option<(Role, Option<Department>)>, DbError> {
    let row: Option<(String, Option<String>)> = conn
        .prepare_cached("SELECT role, department FROM users WHERE id = ?1 AND active = 1")?
        .query_row([user.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    row.map(|(role, dept)| {
        Ok((
            role.parse().map_err(|e| corrupt("role", e))?,
            dept.map(|d| d.parse().map_err(|e| corrupt("department", e)))
                .transpose()?,
        ))
    })
    .transpose()
}

/// Which change-log rows a user may pull.
#[derive(Debug, Clone)]
pub enum ScopeFilter {
    /// Office and admin: everything.
    All,
    /// A butler: their clusters.
    Clusters(Vec<ClusterId>),
    /// Department staff: their department's follow-ups; a lead also its complaints
    /// (read-only: the complaint rule lets only butlers and the office change one).
    Department {
        /// Theirs.
        department: Department,
        /// Whether they are its lead.
        lead: bool,
    },
    /// Nothing (a staff user without a department).
    Nothing,
}

/// Whether the user with `scope` may see a record, by its latest change-log entry (the
/// same scope columns a pull filters on). A removed record outside the scope is `NotYours`,
/// so that nothing is told of records one may not see.
pub fn record_reach(
    conn: &Connection,
    kind: RecordKind,
    id: Uuid,
    scope: &ScopeFilter,
) -> Result<app::sync::RecordReach, DbError> {
    use app::sync::RecordReach;
    let latest: Option<(Option<String>, Option<String>, bool)> = conn
        .prepare_cached(
            "SELECT c.cluster_id, c.department,
                    CASE WHEN c.from_record = 0 THEN c.body IS NULL
                         WHEN c.kind = 'run' THEN NOT EXISTS (SELECT 1 FROM checklist_runs
                                 WHERE id = c.record_id AND discarded_at IS NULL)
                         ELSE 0 END
             FROM change_log c WHERE c.kind = ?1 AND c.record_id = ?2
             ORDER BY c.seq DESC LIMIT 1",
        )?
        .query_row(params![kind.code(), id.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let Some((cluster, department, removed)) = latest else {
        return Ok(RecordReach::Unknown);
    };
    let in_scope = match scope {
        ScopeFilter::All => true,
        ScopeFilter::Nothing => false,
        ScopeFilter::Department {
            department: d,
            lead,
        } => department.as_deref() == Some(d.code()) && (*lead || kind != RecordKind::Complaint),
        ScopeFilter::Clusters(cs) => {
            matches!(kind, RecordKind::Template | RecordKind::Activity)
                || cluster.is_some_and(|c| cs.iter().any(|x| x.to_string() == c))
        }
    };
    Ok(match (in_scope, removed) {
        (false, _) => RecordReach::NotYours,
        (true, true) => RecordReach::Removed,
        (true, false) => RecordReach::Yours,
    })
}

/// One page of changes after `cursor`: the changes, the next cursor, whether there is more.
/// Read in one snapshot so that the next cursor never skips a change committed meanwhile.
pub fn pull_page(
    conn: &Connection,
    cursor: i64,
    limit: u32,
    scope: &ScopeFilter,
    protocol: u32,
) -> Result<(Vec<Change>, i64, bool), DbError> {
    let tx = conn.unchecked_transaction()?;
    let mut args: Vec<String> = vec![cursor.to_string()];
    let filter = match scope {
        ScopeFilter::All => "1".to_owned(),
        ScopeFilter::Nothing => "0".to_owned(),
        ScopeFilter::Department {
            department: d,
            lead,
        } => {
            args.push(d.code().to_owned());
            if *lead {
                "department = ?2".to_owned()
            } else {
                "department = ?2 AND kind <> 'complaint'".to_owned()
            }
        }
        ScopeFilter::Clusters(cs) if cs.is_empty() => "kind IN ('template', 'activity')".to_owned(),
        ScopeFilter::Clusters(cs) => {
            let marks: Vec<String> = (0..cs.len()).map(|i| format!("?{}", i + 2)).collect();
            args.extend(cs.iter().map(ToString::to_string));
            // Templates and activities have no cluster: every butler pulls them.
            format!(
                "(cluster_id IN ({}) OR kind IN ('template', 'activity'))",
                marks.join(", ")
            )
        }
    };
    // Kinds the app's protocol does not know yet are left out (the codes are the app's own).
    let unknown: Vec<String> = RecordKind::ALL
        .iter()
        .filter(|k| k.since_protocol() > protocol)
        .map(|k| format!("'{}'", k.code()))
        .collect();
    let unknown = if unknown.is_empty() {
        String::new()
    } else {
        format!("AND c.kind NOT IN ({})", unknown.join(", "))
    };
    let sql = format!(
        "SELECT c.seq, c.kind, c.record_id,
                CASE WHEN c.from_record = 0 THEN c.body
                     WHEN c.kind = 'run' THEN (SELECT body FROM checklist_runs
                                                    WHERE id = c.record_id AND discarded_at IS NULL)
                     WHEN c.kind = 'follow_up' THEN (SELECT body FROM follow_ups WHERE id = c.record_id)
                     WHEN c.kind = 'complaint' THEN (SELECT body FROM complaints WHERE id = c.record_id)
                     WHEN c.kind = 'collection' THEN (SELECT body FROM collection_contacts WHERE id = c.record_id)
                     WHEN c.kind = 'place' THEN (SELECT body FROM places WHERE id = c.record_id)
                     WHEN c.kind = 'notice' THEN (SELECT body FROM notices WHERE id = c.record_id)
                     WHEN c.kind = 'delivery' THEN (SELECT body FROM document_deliveries WHERE id = c.record_id)
                     WHEN c.kind = 'activity' THEN (SELECT body FROM activities WHERE id = c.record_id)
                END
         FROM change_log c WHERE c.seq > ?1 AND {filter} {unknown}
         ORDER BY c.seq LIMIT {}",
        i64::from(limit) + 1
    );
    let mut stmt = tx.prepare(&sql)?;
    let mut found = stmt.query_map(params_from_iter(args.iter()), |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
        ))
    })?;
    // Up to `limit` changes and about `PULL_PAGE_BYTES` of bodies; one more row read says
    // whether another page waits.
    let (mut rows, mut bytes, mut has_more) = (Vec::new(), 0usize, false);
    for row in found.by_ref() {
        let row = row?;
        let size = row.3.as_ref().map_or(0, String::len) + row.2.len();
        if rows.len() == limit as usize || (!rows.is_empty() && bytes + size > PULL_PAGE_BYTES) {
            has_more = true;
            break;
        }
        bytes += size;
        rows.push(row);
    }
    drop(found);
    drop(stmt);
    let next_cursor = match (has_more, rows.last()) {
        (true, Some((seq, ..))) => *seq,
        _ => tx
            .query_row("SELECT COALESCE(MAX(seq), 0) FROM change_log", [], |r| {
                r.get::<_, i64>(0)
            })?
            .max(cursor),
    };
    let changes = rows
        .into_iter()
        .map(|(seq, kind, id, body)| {
            let kind = RecordKind::from_code(&kind).ok_or_else(|| corrupt("change kind", &kind))?;
            let record = body
                .map(|b| match kind {
                    RecordKind::FollowUp => serde_json::from_str(&b).map(Record::FollowUp),
                    RecordKind::Template => serde_json::from_str(&b).map(Record::Template),
                    RecordKind::Run => serde_json::from_str(&b).map(Record::Run),
                    RecordKind::Unit => serde_json::from_str(&b).map(Record::Unit),
                    RecordKind::Household => serde_json::from_str(&b).map(Record::Household),
                    RecordKind::Visit => serde_json::from_str(&b).map(Record::Visit),
                    RecordKind::Complaint => serde_json::from_str(&b).map(Record::Complaint),
                    RecordKind::Arrears => serde_json::from_str(&b).map(Record::Arrears),
                    RecordKind::Collection => serde_json::from_str(&b).map(Record::Collection),
                    RecordKind::Place => serde_json::from_str(&b).map(Record::Place),
                    RecordKind::Notice => serde_json::from_str(&b).map(Record::Notice),
                    RecordKind::Delivery => serde_json::from_str(&b).map(Record::Delivery),
                    RecordKind::Activity => serde_json::from_str(&b).map(Record::Activity),
                })
                .transpose()
                .map_err(|e| corrupt("change body", e))?;
            Ok(Change {
                seq,
                kind,
                id: id.parse().map_err(|e| corrupt("change id", e))?,
                record,
            })
        })
        .collect::<Result<Vec<_>, DbError>>()?;
    tx.finish()?;
    Ok((changes, next_cursor, has_more))
}

/// The highest change-log position compaction has removed: a cursor below it is stale.
pub fn floor_seq(conn: &Connection) -> Result<i64, DbError> {
    Ok(conn
        .query_row(
            "SELECT value FROM sync_meta WHERE key = 'floor_seq'",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(0))
}

/// Removes change-log entries older than `before` that a later entry for the same record
/// supersedes, and tombstones older than `before`. A device whose cursor is below the highest
/// removed position must pull from the start (410). Returns how many entries went.
pub fn compact(conn: &Connection, before: DateTime<Utc>) -> Result<usize, DbError> {
    let cutoff = instant_text(before);
    let doomed = "FROM change_log WHERE at < ?1 AND ((body IS NULL AND from_record = 0) OR seq < (
        SELECT MAX(c2.seq) FROM change_log c2
        WHERE c2.kind = change_log.kind AND c2.record_id = change_log.record_id))";
    let top: Option<i64> =
        conn.query_row(&format!("SELECT MAX(seq) {doomed}"), [&cutoff], |r| {
            r.get(0)
        })?;
    let removed = conn.execute(&format!("DELETE {doomed}"), [&cutoff])?;
    if let Some(top) = top {
        conn.execute(
            "INSERT INTO sync_meta (key, value) VALUES ('floor_seq', ?1)
             ON CONFLICT (key) DO UPDATE SET value = MAX(value, ?1)",
            [top],
        )?;
    }
    Ok(removed)
}

/// Unsettled refused or conflicting mutations, oldest first; `of_user` limits them to one
/// user's.
pub fn attention(
    conn: &Connection,
    of_user: Option<UserId>,
) -> Result<Vec<crate::sync::AttentionItem>, DbError> {
    let mut stmt = conn.prepare_cached(
        "SELECT device_id, seq, user_id, mutation, outcome FROM mutation_outcomes
         WHERE (verdict <> 'applied' OR flagged = 1) AND settled_at IS NULL
           AND (?1 IS NULL OR user_id = ?1)
         ORDER BY received_at, device_id, seq LIMIT 1000",
    )?;
    let rows = stmt
        .query_map([of_user.map(|u| u.to_string())], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter().map(attention_row).collect()
}

fn attention_row(
    (device, seq, user, mutation, outcome): (String, i64, String, Option<String>, String),
) -> Result<crate::sync::AttentionItem, DbError> {
    Ok(crate::sync::AttentionItem {
        device_id: device.parse().map_err(|e| corrupt("device id", e))?,
        seq,
        user_id: Some(user.parse().map_err(|e| corrupt("user id", e))?),
        mutation: serde_json::from_str(
            &mutation
                .ok_or_else(|| corrupt("mutation", "not kept for an item needing attention"))?,
        )
        .map_err(|e| corrupt("mutation", e))?,
        outcome: serde_json::from_str(&outcome).map_err(|e| corrupt("outcome", e))?,
    })
}

/// One unsettled item.
pub fn attention_item(
    conn: &Connection,
    device: DeviceId,
    seq: i64,
) -> Result<Option<crate::sync::AttentionItem>, DbError> {
    let row = conn
        .query_row(
            "SELECT device_id, seq, user_id, mutation, outcome FROM mutation_outcomes
             WHERE device_id = ?1 AND seq = ?2 AND (verdict <> 'applied' OR flagged = 1)
               AND settled_at IS NULL",
            params![device.to_string(), seq],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    row.map(attention_row).transpose()
}

/// Marks an item settled (applied or discarded). The mutation and its outcome stay stored.
pub fn settle(
    conn: &Connection,
    device: DeviceId,
    seq: i64,
    by: UserId,
    applied: bool,
    now: &str,
) -> Result<(), DbError> {
    conn.execute(
        "UPDATE mutation_outcomes SET settled_at = ?3, settled_by = ?4, settlement = ?5
         WHERE device_id = ?1 AND seq = ?2",
        params![
            device.to_string(),
            seq,
            now,
            by.to_string(),
            if applied { "applied" } else { "discarded" }
        ],
    )?;
    Ok(())
}
