//! What every route and server-rendered page shares.

use crate::config::Config;
use crate::db::Db;
use crate::pwa::BuildInfo;
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use std::sync::Arc;

/// Shared by routes, middleware and server-side rendering.
#[derive(Clone)]
pub struct AppState {
    /// The configuration the server started with.
    pub config: Arc<Config>,
    /// The database.
    pub db: Db,
    /// The build being served: file names, build id, the generated shell and service worker.
    pub build: Arc<BuildInfo>,
    /// Leptos' options (site root, output name, hashed files).
    pub leptos: LeptosOptions,
    /// Bounds the sign-ins hashing at once and the failures per address.
    pub sign_in: Arc<crate::auth::gate::SignInGate>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}
