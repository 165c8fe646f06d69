//! Checklist templates and runs, and which records refer to which photos.

use super::sync::append_change;
use super::{instant_text, DbError};
use app::domain::checklist::{Run, Template};
use app::domain::follow_up::Actor;
use app::domain::{ClusterId, Department, RunId, TemplateId, UserId};
use app::sync::RecordKind;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

fn corrupt(what: &str, e: impl std::fmt::Display) -> DbError {
    DbError::Corrupt(format!("{what}: {e}"))
}

fn json<T: serde::Serialize>(what: &str, v: &T) -> Result<String, DbError> {
    serde_json::to_string(v).map_err(|e| corrupt(what, e))
}

/// One template version.
pub fn load_template(conn: &Connection, version_id: Uuid) -> Result<Option<Template>, DbError> {
    let body: Option<String> = conn
        .prepare_cached("SELECT body FROM checklist_templates WHERE version_id = ?1")?
        .query_row([version_id.to_string()], |r| r.get(0))
        .optional()?;
    body.map(|b| serde_json::from_str(&b).map_err(|e| corrupt("template", e)))
        .transpose()
}

/// Every version of every template.
pub fn templates(conn: &Connection) -> Result<Vec<Template>, DbError> {
    let mut stmt =
        conn.prepare_cached("SELECT body FROM checklist_templates ORDER BY template_id, version")?;
    let rows = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    rows.iter()
        .map(|b| serde_json::from_str(b).map_err(|e| corrupt("template", e)))
        .collect()
}

/// The number the next version of a template gets.
pub fn next_version(conn: &Connection, id: TemplateId) -> Result<i64, DbError> {
    Ok(conn.query_row(
        "SELECT COALESCE(MAX(version), 0) + 1 FROM checklist_templates WHERE template_id = ?1",
        [id.to_string()],
        |r| r.get(0),
    )?)
}

/// Publishes a template version (immutable) and appends it to the change log, which every
/// butler and the office pull.
pub fn save_template(conn: &Connection, t: &Template, now: &str) -> Result<i64, DbError> {
    let body = json("template", t)?;
    conn.prepare_cached(
        "INSERT INTO checklist_templates (version_id, template_id, version, name, purpose, active,
                                          created_at, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        t.version_id.to_string(),
        t.id.to_string(),
        t.version,
        t.name,
        t.purpose.code(),
        t.active,
        instant_text(t.created_at),
        body,
    ])?;
    append_change(
        conn,
        RecordKind::Template,
        &t.version_id.to_string(),
        None,
        None,
        Some(&body),
        now,
    )
}

/// A run as it stands.
pub fn load_run(conn: &Connection, id: RunId) -> Result<Option<Run>, DbError> {
    let body: Option<String> = conn
        .prepare_cached("SELECT body FROM checklist_runs WHERE id = ?1")?
        .query_row([id.to_string()], |r| r.get(0))
        .optional()?;
    body.map(|b| serde_json::from_str(&b).map_err(|e| corrupt("run", e)))
        .transpose()
}

/// Stores a run, the photos it refers to and its change-log entry; returns the position.
pub fn save_run(conn: &Connection, run: &Run, failures: usize, now: &str) -> Result<i64, DbError> {
    let body = json("run", run)?;
    conn.prepare_cached(
        "INSERT INTO checklist_runs (id, template_id, template_version, purpose, cluster_id,
                                     butler_id, date, started_at, finished_at, failures, version,
                                     updated_at, body, unit_id, discarded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
         ON CONFLICT (id) DO UPDATE SET finished_at = ?9, failures = ?10, version = ?11,
                                        updated_at = ?12, body = ?13, discarded_at = ?15",
    )?
    .execute(params![
        run.id.to_string(),
        run.template_id.to_string(),
        run.template_version.to_string(),
        run.purpose.code(),
        run.cluster_id.to_string(),
        run.butler.to_string(),
        run.date.to_string(),
        instant_text(run.started_at),
        run.finished_at.map(instant_text),
        failures as i64,
        run.version,
        now,
        body,
        run.unit.map(|u| u.to_string()),
        run.discarded_at.map(instant_text),
    ])?;
    for photo in run.results.iter().flat_map(|r| r.photos.iter()) {
        refer(
            conn,
            photo,
            RecordKind::Run,
            run.id.0,
            Some(run.cluster_id),
            None,
        )?;
    }
    super::sync::append_change_of_record(
        conn,
        RecordKind::Run,
        &run.id.to_string(),
        Some(run.cluster_id),
        None,
        now,
    )
}

/// Notes that a record shows a photo (who may see the record may see the photo).
pub fn refer(
    conn: &Connection,
    sha256: &str,
    kind: RecordKind,
    record: Uuid,
    cluster: Option<ClusterId>,
    department: Option<Department>,
) -> Result<(), DbError> {
    conn.prepare_cached(
        "INSERT INTO blob_refs (sha256, kind, record_id, cluster_id, department)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT DO UPDATE SET cluster_id = ?4, department = ?5",
    )?
    .execute(params![
        sha256,
        kind.code(),
        record.to_string(),
        cluster.map(|c| c.to_string()),
        department.map(Department::code),
    ])?;
    Ok(())
}

/// What the register is filtered by.
#[derive(Debug, Clone, Default)]
pub struct RunFilter {
    /// First estate date.
    pub from: Option<NaiveDate>,
    /// Last estate date.
    pub to: Option<NaiveDate>,
    /// One cluster.
    pub cluster: Option<ClusterId>,
    /// One butler.
    pub butler: Option<UserId>,
    /// One template (any version).
    pub template: Option<TemplateId>,
    /// Only runs with findings.
    pub failures_only: bool,
    /// Leave out vacant-unit inspections (they have their own register).
    pub purposes: Vec<app::domain::checklist::Purpose>,
}

/// Runs matching a filter, newest first, at most `limit`.
pub fn runs(conn: &Connection, f: &RunFilter, limit: u32) -> Result<Vec<Run>, DbError> {
    let purposes = f
        .purposes
        .iter()
        .map(|p| format!("'{}'", p.code()))
        .collect::<Vec<_>>()
        .join(",");
    let sql = format!(
        "SELECT body FROM checklist_runs
         WHERE discarded_at IS NULL AND (?1 IS NULL OR date >= ?1) AND (?2 IS NULL OR date <= ?2)
           AND (?3 IS NULL OR cluster_id = ?3) AND (?4 IS NULL OR butler_id = ?4)
           AND (?5 IS NULL OR template_id = ?5) AND (?6 = 0 OR failures > 0)
           {}
         ORDER BY date DESC, started_at DESC LIMIT ?7",
        if purposes.is_empty() {
            String::new()
        } else {
            format!("AND purpose IN ({purposes})")
        }
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(
            params![
                f.from.map(|d| d.to_string()),
                f.to.map(|d| d.to_string()),
                f.cluster.map(|c| c.to_string()),
                f.butler.map(|u| u.to_string()),
                f.template.map(|t| t.to_string()),
                f.failures_only,
                limit,
            ],
            |r| r.get::<_, String>(0),
        )?
        .collect::<Result<Vec<_>, _>>()?;
    rows.iter()
        .map(|b| serde_json::from_str(b).map_err(|e| corrupt("run", e)))
        .collect()
}

/// A stored photo's type, if it has arrived.
pub fn blob(conn: &Connection, sha256: &str) -> Result<Option<String>, DbError> {
    Ok(conn
        .prepare_cached("SELECT content_type FROM blobs WHERE sha256 = ?1")?
        .query_row([sha256], |r| r.get(0))
        .optional()?)
}

/// Records an arrived photo (idempotent).
pub fn save_blob(
    conn: &Connection,
    sha256: &str,
    content_type: &str,
    size: usize,
    by: UserId,
    now: &str,
) -> Result<(), DbError> {
    conn.prepare_cached(
        "INSERT INTO blobs (sha256, content_type, size, uploaded_by, uploaded_at)
         VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
    )?
    .execute(params![
        sha256,
        content_type,
        size as i64,
        by.to_string(),
        now
    ])?;
    Ok(())
}

/// Whether `actor` may see the photo: the office; whoever uploaded it; a butler of a cluster
/// whose record shows it; staff of a department whose follow-up shows it.
/// Whether `actor` may cite this photo in a record of theirs: one not on the server yet (the
/// phone uploads it after the push), one they uploaded, or one they may already see. Citing
/// another's photo would otherwise give its hash a reference in the citer's scope.
pub fn may_cite_blob(conn: &Connection, sha256: &str, actor: &Actor) -> Result<bool, DbError> {
    if blob(conn, sha256)?.is_none() {
        return Ok(true);
    }
    may_see_blob(conn, sha256, actor)
}

pub fn may_see_blob(conn: &Connection, sha256: &str, actor: &Actor) -> Result<bool, DbError> {
    if actor.is_office() {
        return Ok(true);
    }
    let uploader: Option<String> = conn
        .prepare_cached("SELECT uploaded_by FROM blobs WHERE sha256 = ?1")?
        .query_row([sha256], |r| r.get(0))
        .optional()?;
    if uploader.as_deref() == Some(actor.user.to_string().as_str()) {
        return Ok(true);
    }
    let mut stmt =
        conn.prepare_cached("SELECT cluster_id, department FROM blob_refs WHERE sha256 = ?1")?;
    let refs = stmt
        .query_map([sha256], |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, Option<String>>(1)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(refs.iter().any(|(cluster, dept)| {
        let in_cluster = cluster
            .as_deref()
            .and_then(|c| c.parse::<ClusterId>().ok())
            .is_some_and(|c| {
                actor.role == app::domain::Role::Butler && actor.clusters.contains(&c)
            });
        let in_dept = dept.as_deref().is_some_and(|d| {
            actor.role == app::domain::Role::Staff
                && actor.department.map(Department::code) == Some(d)
        });
        in_cluster || in_dept
    }))
}
