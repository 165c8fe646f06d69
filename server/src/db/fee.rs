//! Charges from finance (issue 17): the charges an import plans against and writes, and the
//! record of each applied import.

use super::DbError;
use app::domain::fee::{FeeType, Fen};
use app::domain::{ClusterId, UnitId, UserId};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;

/// A charge's key: the unit, the fee type and the month billed (its first day).
pub type ChargeKey = (UnitId, FeeType, NaiveDate);

/// A charge as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCharge {
    /// The unit's cluster (whose butler collects it).
    pub cluster_id: ClusterId,
    /// 应收.
    pub due: Fen,
    /// 实收.
    pub paid: Fen,
    /// 缴费期限.
    pub due_date: NaiveDate,
    /// When it was paid in full (the export's date, else the first import showing it).
    pub paid_on: Option<NaiveDate>,
    /// In the latest export (false: 未在最新导出中).
    pub in_latest: bool,
}

impl StoredCharge {
    /// What is still owed.
    pub fn owed(&self) -> Fen {
        Fen((self.due.0 - self.paid.0).max(0))
    }

    /// Whether nothing is owed.
    pub fn paid_in_full(&self) -> bool {
        self.paid >= self.due
    }
}

fn corrupt(what: &str, e: impl std::fmt::Display) -> DbError {
    DbError::Corrupt(format!("{what}: {e}"))
}

fn day(s: &str) -> Result<NaiveDate, DbError> {
    s.parse().map_err(|e| corrupt("charge date", e))
}

/// Every stored charge.
pub fn charges(conn: &Connection) -> Result<HashMap<ChargeKey, StoredCharge>, DbError> {
    type Cols = (
        String,
        String,
        String,
        String,
        i64,
        i64,
        String,
        Option<String>,
        bool,
    );
    let sql = "SELECT unit_id, fee_type, period, cluster_id, due_fen, paid_fen, due_date, paid_on,
                      in_latest
               FROM charges";
    super::all::<Cols>(conn, sql, [])?
        .into_iter()
        .map(
            |(unit, fee_type, period, cluster, due, paid, due_date, paid_on, in_latest)| {
                Ok((
                    (
                        unit.parse().map_err(|e| corrupt("charge unit", e))?,
                        fee_type.parse().map_err(|e| corrupt("fee type", e))?,
                        day(&period)?,
                    ),
                    StoredCharge {
                        cluster_id: cluster.parse().map_err(|e| corrupt("charge cluster", e))?,
                        due: Fen(due),
                        paid: Fen(paid),
                        due_date: day(&due_date)?,
                        paid_on: paid_on.as_deref().map(day).transpose()?,
                        in_latest,
                    },
                ))
            },
        )
        .collect()
}

/// Stores charges as an import states them (new or replacing the stored ones).
pub fn store_charges(
    conn: &Connection,
    import: uuid::Uuid,
    charges: &[(ChargeKey, StoredCharge)],
) -> Result<(), DbError> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO charges (unit_id, fee_type, period, cluster_id, due_fen, paid_fen, due_date,
                              paid_on, in_latest, import_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (unit_id, fee_type, period) DO UPDATE SET
             cluster_id = ?4, due_fen = ?5, paid_fen = ?6, due_date = ?7, paid_on = ?8,
             in_latest = ?9, import_id = ?10",
    )?;
    for ((unit, fee_type, period), c) in charges {
        stmt.execute(params![
            unit.to_string(),
            fee_type.code(),
            period.to_string(),
            c.cluster_id.to_string(),
            c.due.0,
            c.paid.0,
            c.due_date.to_string(),
            c.paid_on.map(|d| d.to_string()),
            c.in_latest,
            import.to_string(),
        ])?;
    }
    Ok(())
}

/// Marks charges as missing from the latest export (they stay).
pub fn mark_not_in_latest(conn: &Connection, keys: &[ChargeKey]) -> Result<(), DbError> {
    let mut stmt = conn.prepare_cached(
        "UPDATE charges SET in_latest = 0 WHERE unit_id = ?1 AND fee_type = ?2 AND period = ?3",
    )?;
    for (unit, fee_type, period) in keys {
        stmt.execute(params![
            unit.to_string(),
            fee_type.code(),
            period.to_string()
        ])?;
    }
    Ok(())
}

/// An applied import of charges.
#[derive(Debug, Clone)]
pub struct ChargeImport {
    /// Its id.
    pub id: uuid::Uuid,
    /// The file's name.
    pub file_name: String,
    /// SHA-256 of the file, hex.
    pub sha256: String,
    /// Who.
    pub by: UserId,
    /// What it did.
    pub plan: app::fees::api::ChargePlan,
}

/// Records an applied import.
pub fn record_charge_import(conn: &Connection, i: &ChargeImport) -> Result<(), DbError> {
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    conn.execute(
        "INSERT INTO charge_imports (id, file_name, sha256, imported_by, imported_at, rows, new,
                                     updated, paid_in_full, missing)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            i.id.to_string(),
            i.file_name,
            i.sha256,
            i.by.to_string(),
            super::now_text(),
            count(i.plan.rows),
            count(i.plan.new),
            count(i.plan.updated),
            count(i.plan.paid_in_full),
            count(i.plan.missing),
        ],
    )?;
    Ok(())
}

/// How many imports of charges were applied.
pub fn charge_import_count(conn: &Connection) -> Result<i64, DbError> {
    Ok(conn.query_row("SELECT COUNT(*) FROM charge_imports", [], |r| r.get(0))?)
}

/// The office's fee-collection settings (the defaults until it saves its own).
pub fn fee_settings(conn: &Connection) -> Result<app::fees::api::FeeSettings, DbError> {
    let body: Option<String> = conn
        .prepare_cached("SELECT body FROM fee_settings WHERE id = 1")?
        .query_row([], |r| r.get(0))
        .optional()?;
    body.map_or_else(
        || Ok(Default::default()),
        |b| serde_json::from_str(&b).map_err(|e| corrupt("fee settings", e)),
    )
}

/// Saves the office's fee-collection settings.
pub fn save_fee_settings(
    conn: &Connection,
    settings: &app::fees::api::FeeSettings,
    by: UserId,
) -> Result<(), DbError> {
    let body = serde_json::to_string(settings).map_err(|e| corrupt("fee settings", e))?;
    conn.execute(
        "INSERT INTO fee_settings (id, body, updated_at, updated_by) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET body = ?1, updated_at = ?2, updated_by = ?3",
        params![body, super::now_text(), by.to_string()],
    )?;
    Ok(())
}

/// A unit's charges: fee type, month billed, the charge; oldest first.
pub fn charges_of_unit(
    conn: &Connection,
    unit: UnitId,
) -> Result<Vec<(FeeType, NaiveDate, StoredCharge)>, DbError> {
    Ok(charges(conn)?
        .into_iter()
        .filter(|((u, _, _), _)| *u == unit)
        .map(|((_, fee_type, month), c)| (fee_type, month, c))
        .collect())
}

/// Records a lawyer's letter as issued (at `issued_at`), with what it stated.
pub fn record_letter(
    conn: &Connection,
    id: uuid::Uuid,
    letter: &app::fees::api::LetterDraft,
    by: UserId,
    issued_at: &str,
) -> Result<(), DbError> {
    let body = serde_json::to_string(letter).map_err(|e| corrupt("letter", e))?;
    conn.execute(
        "INSERT INTO lawyer_letters (id, unit_id, dated, issued_by, issued_at, owed_fen,
                                     late_fee_fen, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            id.to_string(),
            letter.unit_id.to_string(),
            letter.dated.to_string(),
            by.to_string(),
            issued_at,
            letter.owed_fen.0,
            letter.late_fee_fen.0,
            body
        ],
    )?;
    Ok(())
}

/// The letters issued to a unit, newest first, with who recorded them.
pub fn letters_of_unit(
    conn: &Connection,
    unit: UnitId,
) -> Result<Vec<app::fees::api::IssuedLetter>, DbError> {
    type Cols = (String, String, String, i64, i64);
    let sql = "SELECT l.id, l.dated, u.display_name, l.owed_fen, l.late_fee_fen
               FROM lawyer_letters l JOIN users u ON u.id = l.issued_by
               WHERE l.unit_id = ?1 ORDER BY l.dated DESC, l.issued_at DESC";
    super::all::<Cols>(conn, sql, [unit.to_string()])?
        .into_iter()
        .map(|(id, dated, by, owed, fee)| {
            Ok(app::fees::api::IssuedLetter {
                id: id.parse().map_err(|e| corrupt("letter id", e))?,
                dated: day(&dated)?,
                issued_by: by,
                owed_fen: Fen(owed),
                late_fee_fen: Fen(fee),
            })
        })
        .collect()
}
