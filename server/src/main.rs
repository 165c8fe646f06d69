//! `server`: see `server --help` and the README.

use clap::Parser;
use server::config::{Command, Config};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let config = Config::parse();
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_new(&config.log).unwrap_or_else(|_| EnvFilter::new("info")))
        .init();
    if let Some(Command::Backup { to }) = &config.command {
        return backup(&config.db, to);
    }
    match server::run(config).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "server failed");
            std::process::ExitCode::FAILURE
        }
    }
}

/// `server backup <folder>`: exit 0 when everything was copied, 3 when photos were missing or
/// damaged (the rest is in the backup), 1 when there is no backup.
#[allow(clippy::print_stdout, reason = "the command's report is its output")]
fn backup(db: &std::path::Path, to: &std::path::Path) -> std::process::ExitCode {
    match server::backup::backup(db, to) {
        Ok(report) => {
            println!(
                "备份完成 / backup written: {} (database {} bytes, {} photos, {} bytes)",
                to.display(),
                report.database_bytes,
                report.photos,
                report.photo_bytes
            );
            if report.damaged_photos.is_empty() {
                return std::process::ExitCode::SUCCESS;
            }
            eprintln!("以下照片缺失或损坏，未能备份 / these photos were missing or damaged and are not in the backup:");
            for sha in &report.damaged_photos {
                eprintln!("  {sha}");
            }
            std::process::ExitCode::from(3)
        }
        Err(e) => {
            eprintln!("备份失败 / backup failed: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
