//! Configuration, from command-line flags or the environment (flags win).

use clap::{Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;

/// Butler's server.
#[derive(Debug, Clone, Parser)]
#[command(name = "server", version, about = "物业管家 Butler: the server")]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "BUTLER_LISTEN", default_value = "127.0.0.1:3000")]
    pub listen: SocketAddr,

    /// The SQLite database file (created with its folder if missing).
    #[arg(long, env = "BUTLER_DB", default_value = "data/butler.db")]
    pub db: PathBuf,

    /// Log filter, e.g. `info` or `server=debug,tower_http=debug`.
    #[arg(long, env = "BUTLER_LOG", default_value = "info")]
    pub log: String,

    /// TLS certificate chain (PEM). With `--tls-key`, the server speaks https.
    #[arg(long, env = "BUTLER_TLS_CERT", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,

    /// TLS private key (PEM).
    #[arg(long, env = "BUTLER_TLS_KEY", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,

    /// Mark cookies Secure even without `--tls-cert` (behind a TLS proxy).
    #[arg(long, env = "BUTLER_SECURE_COOKIES")]
    pub secure_cookies: bool,

    /// Seed an empty database with the demo estate and accounts.
    #[arg(long, env = "BUTLER_DEMO")]
    pub demo: bool,

    /// Password of the first administrator on an empty production database; if unset, one is
    /// generated and printed once.
    #[arg(long, env = "BUTLER_ADMIN_PASSWORD", hide_env_values = true)]
    pub admin_password: Option<String>,

    /// The built site: `pkg/` with the WASM, JS and CSS, and the public files.
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,

    /// Days the change log keeps superseded entries and tombstones; a device that has not
    /// synced for longer pulls everything again.
    #[arg(long, env = "BUTLER_RETENTION_DAYS", default_value_t = 30)]
    pub retention_days: i64,

    /// Overrides the build id that names the service worker's cache (normally derived from the
    /// build's file hashes). Two servers with different ids serve different service workers.
    #[arg(long, env = "BUTLER_BUILD_ID")]
    pub build_id: Option<String>,

    /// The address users open, e.g. `https://butler.example.com`: a change (any request but
    /// GET, HEAD, OPTIONS) whose `Origin` is not this is refused. Without it, the request's own
    /// scheme (https with `--tls-cert` or `--secure-cookies`) and `Host`.
    #[arg(long, env = "BUTLER_PUBLIC_ORIGIN")]
    pub public_origin: Option<String>,

    /// Behind a proxy that appends the client's address to `X-Forwarded-For`: count sign-in
    /// failures by that address instead of the proxy's.
    #[arg(long, env = "BUTLER_TRUST_FORWARDED_FOR")]
    pub trust_forwarded_for: bool,

    /// Without a command, the server runs.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What `server` does instead of serving.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Copies the database (`--db`) and its photos into a new or empty folder, consistently,
    /// while the server runs; `server --db <folder>/butler.db` then runs on the copy.
    Backup {
        /// The folder to write (created if missing; must be empty).
        to: PathBuf,
    },
}

impl Config {
    /// Whether the server speaks https itself.
    pub fn tls(&self) -> bool {
        self.tls_cert.is_some() && self.tls_key.is_some()
    }

    /// Whether cookies get the Secure attribute.
    pub fn secure_cookies(&self) -> bool {
        self.secure_cookies || self.tls()
    }

    /// A configuration for tests: a database path, everything else default, demo on.
    pub fn for_tests(db: PathBuf) -> Config {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            db,
            log: "warn".into(),
            tls_cert: None,
            tls_key: None,
            secure_cookies: false,
            demo: true,
            admin_password: None,
            site_root: PathBuf::from("target/site"),
            build_id: Some("test".into()),
            retention_days: 30,
            public_origin: None,
            trust_forwarded_for: false,
            command: None,
        }
    }
}
