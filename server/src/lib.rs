//! Butler's server: axum, server-side rendering with leptos_axum, SQLite.
//!
//! [`routes::app`] is the whole HTTP surface; [`run`] opens the database, seeds it, and serves
//! (https when given a certificate and key) until SIGINT or SIGTERM, then shuts down gracefully.

pub mod activities;
pub mod auth;
pub mod backup;
pub mod blobs;
pub mod complaints;
pub mod config;
pub mod db;
pub mod directory;
pub mod documents;
pub mod error;
pub mod estate;
pub mod export;
pub mod fees;
#[doc(hidden)]
pub mod fuzzing;
pub mod openapi;
pub mod patrol;
pub mod places;
pub mod pwa;
pub mod routes;
pub mod staff;
pub mod state;
pub mod sync;
pub mod vacant;
pub mod visits;

use config::Config;
use db::{seed, Db};
use leptos::prelude::LeptosOptions;
use state::AppState;
use std::sync::Arc;
use std::time::Duration;

/// Anything that stops the server from starting.
pub type StartError = Box<dyn std::error::Error + Send + Sync>;

/// Opens and seeds the database and prepares everything the routes share.
pub async fn build_state(config: Config) -> Result<AppState, StartError> {
    let db = Db::open(&config.db)?;
    prepare_database(&db, &config).await?;
    let leptos = LeptosOptions::builder()
        .output_name("butler")
        .site_root(config.site_root.to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .site_addr(config.listen)
        // cargo-leptos writes hash.txt beside the binary; without it (tests, `cargo run`) the
        // file names carry no hash, and Leptos must not look for one.
        .hash_files(pwa::hash_file_beside_exe().is_some())
        .build();
    let build = pwa::BuildInfo::load(&leptos, config.build_id.as_deref());
    let missing = build.missing_files(&config.site_root, "pkg");
    if !missing.is_empty() {
        tracing::warn!(?missing, site_root = %config.site_root.display(),
            "build files missing: run the README's run command (cargo leptos build)");
    }
    Ok(AppState {
        config: Arc::new(config),
        db,
        build: Arc::new(build),
        leptos,
        sign_in: Arc::default(),
    })
}

/// Seeds an empty database: the standard checklists always; the demo estate in demo mode,
/// else only the first administrator.
async fn prepare_database(db: &Db, config: &Config) -> Result<(), StartError> {
    if db
        .write(patrol::standard::ensure_standard_templates)
        .await?
    {
        tracing::info!("published the standard checklist templates");
    }
    if !config.demo {
        bring_records_up_to_date(db).await?;
    }
    if config.demo {
        let hashes = tokio::task::spawn_blocking(|| {
            seed::DEMO_ACCOUNTS
                .iter()
                .map(|_| auth::hash_password(seed::DEMO_PASSWORD))
                .collect::<Vec<_>>()
        })
        .await?;
        let seeded = db
            .write(move |tx| {
                let seeded = seed::seed_demo(tx, &hashes)?;
                if seeded {
                    fees::seed_demo_letters(tx, chrono::Utc::now())?;
                }
                Ok(seeded)
            })
            .await?;
        if seeded {
            tracing::info!("seeded the demo estate (翠湖花园) and the demo accounts");
        }
        bring_records_up_to_date(db).await?;
        return Ok(());
    }
    let given = config.admin_password.clone().filter(|p| !p.is_empty());
    let password = given.clone().unwrap_or_else(generate_password);
    let hash = {
        let password = password.clone();
        tokio::task::spawn_blocking(move || auth::hash_password(&password)).await?
    };
    if db
        .write(move |tx| seed::ensure_first_admin(tx, &hash))
        .await?
        && given.is_none()
    {
        // Printed once, on the one start that created the account.
        eprintln!(
            "\n  First administrator created.\n  username: admin\n  password: {password}\n  \
             (it must be changed at first sign-in; this is shown only once)\n"
        );
    }
    Ok(())
}

/// Units and households enter the change log once (they existed before they synced), and
/// follow-ups made before due dates get theirs (migration 0013), once.
async fn bring_records_up_to_date(db: &Db) -> Result<(), StartError> {
    let n = db.write(|tx| crate::db::unit::ensure_published(tx)).await?;
    if n > 0 {
        tracing::info!(units = n, "published the units to the change log");
    }
    let n = db
        .write(|tx| crate::db::household::ensure_published(tx))
        .await?;
    if n > 0 {
        tracing::info!(households = n, "published the households to the change log");
    }
    let n = db
        .write(|tx| crate::db::collection::publish_arrears(tx, &crate::db::now_text()))
        .await?;
    if n > 0 {
        tracing::info!(units = n, "published units' arrears to the change log");
    }
    // The estate's key for the places' QR labels, made once.
    db.write(|tx| crate::db::place::current_label_key(tx, &crate::db::now_text()))
        .await?;
    let n = db
        .write(|tx| crate::db::follow_up::backfill_due_dates_and_places(tx))
        .await?;
    if n > 0 {
        tracing::info!(
            follow_ups = n,
            "gave older follow-ups a due date and their place"
        );
    }
    Ok(())
}

fn generate_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 16];
    // Without randomness we must not invent a password; an empty one can never sign in.
    if getrandom::fill(&mut bytes).is_err() {
        return String::new();
    }
    bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect()
}

/// Serves until SIGINT or SIGTERM, then lets requests in flight finish (up to 10 s).
pub async fn run(config: Config) -> Result<(), StartError> {
    let listen = config.listen;
    let tls = config.tls_cert.clone().zip(config.tls_key.clone());
    let state = build_state(config).await?;
    tokio::spawn(sync::compact_forever(
        state.db.clone(),
        state.config.retention_days,
    ));
    let app = routes::app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    let handle = axum_server::Handle::new();
    tokio::spawn(shutdown_on_signal(handle.clone()));
    match tls {
        Some((cert, key)) => {
            let rustls = axum_server::tls_rustls::RustlsConfig::from_pem_file(cert, key).await?;
            tracing::info!("listening on https://{listen}");
            axum_server::bind_rustls(listen, rustls)
                .handle(handle)
                .serve(app)
                .await?;
        }
        None => {
            tracing::info!("listening on http://{listen}");
            axum_server::bind(listen).handle(handle).serve(app).await?;
        }
    }
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_on_signal(handle: axum_server::Handle<std::net::SocketAddr>) {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down");
    handle.graceful_shutdown(Some(Duration::from_secs(10)));
}
