//! SQLite: one file, WAL mode, foreign keys on, a busy timeout; the schema from numbered
//! migrations applied at start-up. All SQL lives below this module, in functions named in
//! domain terms, so that the storage can move to another engine behind the same functions.
//!
//! Blocking calls never run on the async executor: [`Db::read`] and [`Db::write`] move the work
//! to tokio's blocking pool. Writes go through a single writer connection and `BEGIN IMMEDIATE`
//! (a deferred transaction that reads then writes would meet `SQLITE_BUSY`); reads use a small
//! pool of their own connections, which WAL lets run beside the writer.

pub mod activity;
pub mod audit;
pub mod checklist;
pub mod collection;
pub mod complaint;
pub mod document;
pub mod estate;
pub mod fee;
pub mod follow_up;
pub mod household;
pub mod place;
pub mod seed;
pub mod staff;
pub mod sync;
pub mod unit;
pub mod visit;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use rusqlite_migration::{Migrations, M};
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

/// The schema, in order. Never edit a shipped migration: add the next number.
pub static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    Migrations::new(vec![
        M::up(include_str!("../../migrations/0001_estate_and_staff.sql")),
        M::up(include_str!(
            "../../migrations/0002_sync_and_follow_ups.sql"
        )),
        M::up(include_str!(
            "../../migrations/0003_checklists_and_blobs.sql"
        )),
        M::up(include_str!(
            "../../migrations/0004_units_and_inspections.sql"
        )),
        M::up(include_str!("../../migrations/0005_flagged_outcomes.sql")),
        M::up(include_str!("../../migrations/0006_household_changes.sql")),
        M::up(include_str!("../../migrations/0007_visits.sql")),
        M::up(include_str!("../../migrations/0008_imports_and_audit.sql")),
        M::up(include_str!("../../migrations/0009_household_removal.sql")),
        M::up(include_str!("../../migrations/0010_bodies_stored_once.sql")),
        M::up(include_str!("../../migrations/0011_audit_changes.sql")),
        M::up(include_str!("../../migrations/0012_discarded_runs.sql")),
        M::up(include_str!(
            "../../migrations/0013_department_due_days.sql"
        )),
        M::up(include_str!("../../migrations/0014_complaints.sql")),
        M::up(include_str!("../../migrations/0015_department_leads.sql")),
        M::up(include_str!("../../migrations/0016_charges.sql")),
        M::up(include_str!(
            "../../migrations/0017_collection_contacts.sql"
        )),
        M::up(include_str!("../../migrations/0018_places_and_notices.sql")),
        M::up(include_str!("../../migrations/0019_label_keys.sql")),
        M::up(include_str!(
            "../../migrations/0020_document_deliveries.sql"
        )),
        M::up(include_str!("../../migrations/0021_activities.sql")),
    ])
});

/// How many migrations there are (the schema's `user_version` after start-up).
pub const MIGRATIONS_COUNT: i64 = 21;

/// How many idle read connections are kept.
const IDLE_READERS: usize = 8;

/// A storage failure. Shown to nobody; logged, and answered as an internal error.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// SQLite refused or failed.
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The schema could not be brought up to date.
    #[error("migration: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// The database's folder could not be made.
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    /// The blocking task died.
    #[error("task: {0}")]
    Task(String),
    /// A stored value that the code cannot read (a corrupt row).
    #[error("corrupt row: {0}")]
    Corrupt(String),
}

/// The database: a writer, a pool of readers, one file.
#[derive(Clone)]
pub struct Db {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db")
            .field("path", &self.inner.path)
            .finish()
    }
}

fn configure(conn: &Connection) -> Result<(), DbError> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

fn open_connection(path: &Path) -> Result<Connection, DbError> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI,
    )?;
    configure(&conn)?;
    Ok(conn)
}

impl Db {
    /// Opens (or creates) the database file and applies any pending migrations.
    pub fn open(path: &Path) -> Result<Db, DbError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let mut writer = open_connection(path)?;
        MIGRATIONS.to_latest(&mut writer)?;
        Ok(Db {
            inner: Arc::new(Inner {
                path: path.to_owned(),
                writer: Mutex::new(writer),
                readers: Mutex::new(Vec::new()),
            }),
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    /// Runs `f` on a read connection, off the async executor.
    pub async fn read<T, F>(&self, f: F) -> Result<T, DbError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, DbError> + Send + 'static,
    {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || {
            let pooled = inner
                .readers
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .pop();
            let conn = match pooled {
                Some(conn) => conn,
                None => open_connection(&inner.path)?,
            };
            let out = f(&conn);
            let mut idle = inner.readers.lock().unwrap_or_else(PoisonError::into_inner);
            if idle.len() < IDLE_READERS {
                idle.push(conn);
            }
            out
        })
        .await
        .map_err(|e| DbError::Task(e.to_string()))?
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction on the writer, off the async executor;
    /// commits when `f` returns `Ok`, rolls back otherwise.
    pub async fn write<T, F>(&self, f: F) -> Result<T, DbError>
    where
        T: Send + 'static,
        F: FnOnce(&Transaction<'_>) -> Result<T, DbError> + Send + 'static,
    {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = inner.writer.lock().unwrap_or_else(PoisonError::into_inner);
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let out = f(&tx)?;
            tx.commit()?;
            Ok(out)
        })
        .await
        .map_err(|e| DbError::Task(e.to_string()))?
    }
}

impl Db {
    /// Like [`Db::write`], but `f` says whether to commit: a dry run (an import's preview)
    /// does all the work and rolls it back.
    pub async fn write_or_roll_back<T, F>(&self, f: F) -> Result<T, DbError>
    where
        T: Send + 'static,
        F: FnOnce(&Transaction<'_>) -> Result<(T, bool), DbError> + Send + 'static,
    {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = inner.writer.lock().unwrap_or_else(PoisonError::into_inner);
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let (out, commit) = f(&tx)?;
            if commit {
                tx.commit()?;
            } else {
                tx.rollback()?;
            }
            Ok(out)
        })
        .await
        .map_err(|e| DbError::Task(e.to_string()))?
    }
}

/// Every row of a query as a tuple of its columns (`(String, i64, Option<String>)`…), in order.
pub fn all<T>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<T>, DbError>
where
    T: for<'r> TryFrom<&'r rusqlite::Row<'r>, Error = rusqlite::Error>,
{
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, |r| T::try_from(r))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Now, as stored: UTC with milliseconds, which sorts as text.
pub fn now_text() -> String {
    instant_text(chrono::Utc::now())
}

/// An instant as stored.
pub fn instant_text(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// Reads a stored instant back.
pub fn parse_instant(s: &str) -> Result<chrono::DateTime<chrono::Utc>, DbError> {
    chrono::DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|_| DbError::Corrupt(format!("instant {s:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(MIGRATIONS.validate().is_ok());
    }

    #[tokio::test]
    async fn opens_in_wal_with_foreign_keys_and_survives_reopen() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("nested/butler.db");
        let db = Db::open(&path).expect("opens");
        let (mode, fk): (String, i64) = db
            .read(|c| {
                Ok((
                    c.query_row("PRAGMA journal_mode", [], |r| r.get(0))?,
                    c.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?,
                ))
            })
            .await
            .expect("reads");
        assert_eq!(mode, "wal");
        assert_eq!(fk, 1);
        // A row pointing at a missing estate is refused: foreign keys are enforced.
        let bad = db
            .write(|tx| {
                tx.execute(
                    "INSERT INTO clusters (id, estate_id, name) VALUES ('c', 'nope', 'x')",
                    [],
                )?;
                Ok(())
            })
            .await;
        assert!(bad.is_err());
        drop(db);
        let again = Db::open(&path).expect("reopens with migrations already applied");
        let version: i64 = again
            .read(|c| Ok(c.query_row("PRAGMA user_version", [], |r| r.get(0))?))
            .await
            .expect("reads");
        assert_eq!(version, MIGRATIONS_COUNT);
    }

    #[test]
    fn migration_10_keeps_the_bodies_still_needed_and_drops_the_rest() {
        let mut conn = Connection::open_in_memory().expect("opens");
        MIGRATIONS.to_version(&mut conn, 9).expect("version 9");
        // Rows of their own, without the users and devices they would name.
        conn.pragma_update(None, "foreign_keys", false)
            .expect("pragma");
        let row = |seq: i64, verdict: &str, flagged: i64| {
            conn.execute(
                "INSERT INTO mutation_outcomes (device_id, seq, mutation_id, user_id, op,
                     record_id, verdict, outcome, mutation, device_time, received_at, flagged)
                 VALUES ('d', ?1, 'm', 'u', 'add_entry', 'r', ?2, '{}', 'body', 't', 't', ?3)",
                rusqlite::params![seq, verdict, flagged],
            )
            .expect("row");
        };
        row(1, "applied", 0);
        row(2, "applied", 1);
        row(3, "refused", 0);
        row(4, "conflict", 0);
        conn.execute(
            "INSERT INTO change_log (kind, record_id, body, at) VALUES ('run', 'r', 'b', 't')",
            [],
        )
        .expect("change");
        MIGRATIONS.to_latest(&mut conn).expect("latest");
        let kept: Vec<(i64, Option<String>)> = conn
            .prepare("SELECT seq, mutation FROM mutation_outcomes ORDER BY seq")
            .expect("query")
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("read");
        let body = Some("body".to_owned());
        assert_eq!(
            kept,
            vec![(1, None), (2, body.clone()), (3, body.clone()), (4, body)]
        );
        let old: (Option<String>, i64) = conn
            .query_row("SELECT body, from_record FROM change_log", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .expect("change");
        assert_eq!(
            old,
            (Some("b".to_owned()), 0),
            "an old change keeps its body"
        );
        // A mutation that needs attention cannot lose its body.
        assert!(conn
            .execute(
                "INSERT INTO mutation_outcomes (device_id, seq, mutation_id, user_id, op,
                     record_id, verdict, outcome, mutation, device_time, received_at)
                 VALUES ('d', 5, 'm', 'u', 'x', 'r', 'refused', '{}', NULL, 't', 't')",
                [],
            )
            .is_err());
    }

    #[test]
    fn instants_round_trip_and_sort_as_text() {
        let a = chrono::Utc::now();
        let b = a + chrono::Duration::milliseconds(5);
        assert!(instant_text(a) < instant_text(b));
        let back = parse_instant(&instant_text(a)).expect("parses");
        assert_eq!(back.timestamp_millis(), a.timestamp_millis());
    }
}
