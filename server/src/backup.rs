//! `server backup <folder>` (design §7): a consistent copy of the database and the photos it
//! refers to, made while the server runs.
//!
//! The database is copied first, with `VACUUM INTO` — one read transaction, so the copy is the
//! database as of one instant, whatever the server writes meanwhile. Then every photo that copy
//! lists is copied and its hash checked. A photo's file is always written before its row (see
//! [`crate::blobs`]), and files are never changed once written, so every photo the copy lists
//! is on disk. Photos that arrive after the instant are left for the next backup.
//!
//! The folder it writes has the data folder's layout — `butler.db`, `blobs/ab/abcd…` — plus a
//! `backup.json` manifest, so `server --db <folder>/butler.db` runs on a backup as it is.
//! Nothing is overwritten: the folder must be new or empty. The database appears under its name
//! only once everything else is written; an interrupted backup leaves `butler.db.part`.

use crate::blobs::{blob_dir_for, hex};
use app::domain::checklist::is_photo_hash;
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The database file's name in a backup.
pub const DATABASE: &str = "butler.db";
/// The manifest's name in a backup.
pub const MANIFEST: &str = "backup.json";

/// What a backup wrote; also its `backup.json`.
#[derive(Debug, Clone, Serialize)]
pub struct BackupReport {
    /// When the copy was taken (UTC, RFC 3339).
    pub taken_at: String,
    /// The database copied.
    pub source: PathBuf,
    /// The database's schema version (`PRAGMA user_version`).
    pub schema_version: i64,
    /// Size of the copied database.
    pub database_bytes: u64,
    /// Photos copied, and their bytes.
    pub photos: usize,
    pub photo_bytes: u64,
    /// Photos the database lists that were missing or did not match their hash: not copied.
    pub damaged_photos: Vec<String>,
}

/// Why a backup could not be made. The messages are for whoever runs the command.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("找不到数据库 {0} / there is no database at {0}")]
    NoDatabase(PathBuf),
    #[error("目标文件夹 {0} 不是空的，备份不会覆盖已有文件 / the folder {0} is not empty: a backup never overwrites files")]
    NotEmpty(PathBuf),
    #[error(
        "备份的数据库未通过完整性检查：{0} / the copied database failed its integrity check: {0}"
    )]
    Integrity(String),
    #[error("路径不是有效的 UTF-8：{0} / the path is not valid UTF-8: {0}")]
    Path(PathBuf),
    #[error("数据库错误 / database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("文件错误 / file error: {0}")]
    Io(#[from] std::io::Error),
}

/// Copies the database at `db` and its photos into the folder `to` (created if missing; it
/// must be empty).
pub fn backup(db: &Path, to: &Path) -> Result<BackupReport, BackupError> {
    if !db.is_file() {
        return Err(BackupError::NoDatabase(db.to_owned()));
    }
    std::fs::create_dir_all(to)?;
    if std::fs::read_dir(to)?.next().is_some() {
        return Err(BackupError::NotEmpty(to.to_owned()));
    }
    // The database, as of one instant.
    let part = to.join(format!("{DATABASE}.part"));
    let part_text = part
        .to_str()
        .ok_or_else(|| BackupError::Path(part.clone()))?;
    let taken_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    {
        let live = Connection::open_with_flags(
            db,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        live.busy_timeout(std::time::Duration::from_secs(30))?;
        live.execute("VACUUM INTO ?1", [part_text])?;
    }
    let copy = Connection::open_with_flags(
        &part,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let check: String = copy.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(BackupError::Integrity(check));
    }
    let schema_version: i64 = copy.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let listed: Vec<String> = copy
        .prepare("SELECT sha256 FROM blobs ORDER BY sha256")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    drop(copy);

    // The photos that copy lists, each checked against its name.
    let from = blob_dir_for(db);
    let into = to.join("blobs");
    let mut photos = 0;
    let mut photo_bytes = 0;
    let mut damaged_photos = vec![];
    for sha in listed {
        // A name that is not a hash never becomes a path.
        if !is_photo_hash(&sha) {
            damaged_photos.push(sha);
            continue;
        }
        let prefix = &sha[..2];
        let bytes = match std::fs::read(from.join(prefix).join(&sha)) {
            Ok(b) if hex(&Sha256::digest(&b)) == sha => b,
            _ => {
                damaged_photos.push(sha);
                continue;
            }
        };
        let dir = into.join(prefix);
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join(&sha), &bytes)?;
        photos += 1;
        photo_bytes += bytes.len() as u64;
    }

    let report = BackupReport {
        taken_at,
        source: db.to_owned(),
        schema_version,
        database_bytes: std::fs::metadata(&part)?.len(),
        photos,
        photo_bytes,
        damaged_photos,
    };
    let manifest = serde_json::to_vec_pretty(&report).map_err(std::io::Error::other)?;
    std::fs::write(to.join(MANIFEST), manifest)?;
    std::fs::rename(&part, to.join(DATABASE))?;
    Ok(report)
}
