//! The audit trail (design §6): who changed what, when, from which device. Rows are appended in
//! the same transaction as the change they describe, and never edited.

use super::DbError;
use app::estate::audit::{AuditChange, AuditEntry, AuditFilter, AuditSource};
use rusqlite::{params, Connection};

fn corrupt(what: &str, e: impl std::fmt::Display) -> DbError {
    DbError::Corrupt(format!("{what}: {e}"))
}

/// One change to record.
#[derive(Debug, Clone)]
pub struct Audit<'a> {
    /// Who.
    pub user: Option<app::domain::UserId>,
    /// From which device (an import's own id for an import).
    pub device: Option<uuid::Uuid>,
    /// Where it came from.
    pub source: AuditSource,
    /// The record's kind (`unit`, `household`, `follow_up`, `run`, `visit`, `template`, `user`,
    /// `device`, `import`).
    pub kind: &'a str,
    /// The record.
    pub record: String,
    /// What was done (`create`, `update`, `remove`, or a mutation's name).
    pub action: &'a str,
    /// In words, for the log (imports and staff changes).
    pub detail: String,
    /// What a synced change did, as data (the screen says it in words).
    pub change: Option<AuditChange>,
}

/// Appends one entry.
pub fn record(conn: &Connection, a: &Audit<'_>, at: &str) -> Result<(), DbError> {
    conn.prepare_cached(
        "INSERT INTO audit_log (at, user_id, device_id, source, kind, record_id, action, detail,
                                change)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        at,
        a.user.map(|u| u.to_string()),
        a.device.map(|d| d.to_string()),
        a.source.code(),
        a.kind,
        a.record,
        a.action,
        a.detail,
        a.change
            .as_ref()
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| corrupt("change", e))?,
    ])?;
    Ok(())
}

/// Entries matching a filter, newest first (oldest first for one record), at most `limit`.
pub fn entries(conn: &Connection, f: &AuditFilter, limit: u32) -> Result<Vec<AuditEntry>, DbError> {
    let one_record = f.record.is_some();
    let sql = format!(
        "SELECT a.seq, a.at, a.user_id, COALESCE(u.display_name, ''), a.device_id, a.source,
                a.kind, a.record_id, a.action, a.detail, a.change, COALESCE(d.user_agent, '')
         FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
              LEFT JOIN devices d ON d.id = a.device_id
         WHERE (?1 IS NULL OR a.kind = ?1) AND (?2 IS NULL OR a.record_id = ?2)
           AND (?3 IS NULL OR a.user_id = ?3) AND (?4 IS NULL OR a.source = ?4)
           AND (?5 IS NULL OR a.at >= ?5) AND (?6 IS NULL OR a.at < ?6)
         ORDER BY a.seq {} LIMIT {limit}",
        if one_record { "ASC" } else { "DESC" }
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(
        params![
            f.kind,
            f.record,
            f.user.map(|u| u.to_string()),
            f.source.map(AuditSource::code),
            f.from,
            f.to
        ],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, String>(9)?,
                r.get::<_, Option<String>>(10)?,
                r.get::<_, String>(11)?,
            ))
        },
    )?;
    rows.map(|row| {
        let (seq, at, user, user_name, device, source, kind, record, action, detail, change, agent) =
            row?;
        Ok(AuditEntry {
            seq,
            at: super::parse_instant(&at)?,
            user: user
                .map(|u| u.parse().map_err(|e| corrupt("user id", e)))
                .transpose()?,
            user_name,
            device: device
                .map(|d| d.parse().map_err(|e| corrupt("device id", e)))
                .transpose()?,
            source: AuditSource::from_code(&source).ok_or_else(|| corrupt("source", &source))?,
            kind,
            record,
            action,
            detail,
            change: change
                .map(|c| serde_json::from_str(&c).map_err(|e| corrupt("change", e)))
                .transpose()?,
            device_agent: agent,
        })
    })
    .collect()
}
