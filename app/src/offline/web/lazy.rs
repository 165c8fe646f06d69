//! The engine behind a split point (issue 22): the sync loop, the local database, the replay of
//! every record kind and the decoding of pulls are a chunk of their own (`sync_engine`), fetched
//! right after the page is interactive (the service worker keeps it with the other chunks), so
//! none of it is on the way to the first interactive page.
//!
//! The chunk hands back one [`EngineApi`]; the functions here, which the screens call, go
//! through it. A call before the chunk has arrived waits for it; a chunk that cannot be fetched
//! (the server has a newer build, and this page is too old to sync) says so as
//! [`SyncProblem::Upgrade`] and local writes fail with a message — never a panic.

use super::super::{LocalWriteError, Offline, SyncProblem};
use crate::domain::{DeviceId, SessionUser};
use crate::sync::Op;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::{Cell, OnceCell};
use std::future::Future;
use std::pin::Pin;

/// A future of the chunk's.
pub type Boxed<T> = Pin<Box<dyn Future<Output = T>>>;

/// What the engine's chunk offers the screens.
pub trait EngineApi {
    /// See [`start`].
    fn start(&self, user: SessionUser, offline: Offline);
    /// See [`stop`].
    fn stop(&self);
    /// See [`queue_all`].
    fn queue_all(&self, ops: Vec<Op>) -> Boxed<Result<(), LocalWriteError>>;
    /// See [`settled`].
    fn settled(&self) -> Boxed<()>;
    /// See [`keep_photo`].
    fn keep_photo(&self, ev: leptos::ev::Event) -> Boxed<Result<String, LocalWriteError>>;
    /// See [`keep_signature`].
    fn keep_signature(&self, png: Vec<u8>) -> Boxed<Result<String, LocalWriteError>>;
    /// See [`photo_src`].
    fn photo_src(&self, sha: String, thumb: bool) -> Boxed<Option<(String, bool)>>;
    /// See [`settle_attention`].
    fn settle_attention(&self, device: DeviceId, seq: i64, apply: bool) -> Boxed<bool>;
    /// See [`sync_now`].
    fn sync_now(&self);
}

/// The engine's chunk could not be fetched.
#[derive(Debug)]
pub struct EngineMissing;

impl From<leptos::wasm_split::SplitLoaderError> for EngineMissing {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        EngineMissing
    }
}

#[leptos::wasm_split::wasm_split(sync_engine, wasm_split_path = ::leptos::wasm_split, fallible)]
fn load_engine() -> Result<&'static dyn EngineApi, EngineMissing> {
    Ok(super::engine::api())
}

thread_local! {
    static API: OnceCell<&'static dyn EngineApi> = const { OnceCell::new() };
    /// Rises at every sign-out: a start still waiting for the chunk is then dropped.
    static GENERATION: Cell<u64> = const { Cell::new(0) };
}

/// The engine, fetching its chunk the first time.
async fn api() -> Option<&'static dyn EngineApi> {
    if let Some(a) = loaded() {
        return Some(a);
    }
    let a = load_engine().await.ok()?;
    API.with(|slot| {
        let _ = slot.set(a);
    });
    Some(a)
}

fn loaded() -> Option<&'static dyn EngineApi> {
    API.with(|a| a.get().copied())
}

/// Opens the user's local database and starts syncing. Another user's engine is dropped.
pub fn start(user: &SessionUser, offline: Offline) {
    let user = user.clone();
    let generation = GENERATION.with(Cell::get);
    spawn_local(async move {
        match api().await {
            Some(a) if GENERATION.with(Cell::get) == generation => a.start(user, offline),
            Some(_) => {}
            None => offline.problem.set(Some(SyncProblem::Upgrade)),
        }
    });
}

/// Stops syncing (sign-out) and empties the screens. The user's database stays, outbox and
/// all.
pub fn stop() {
    GENERATION.with(|g| g.set(g.get() + 1));
    if let Some(a) = loaded() {
        a.stop();
    }
}

/// Writes one local change (outbox entry and sequence in one transaction), shows it, and
/// starts a sync. Nothing is written when it fails.
pub async fn queue(op: Op) -> Result<(), LocalWriteError> {
    queue_all(vec![op]).await
}

/// Writes the changes of one tap in one transaction: all of them or none.
pub async fn queue_all(ops: Vec<Op>) -> Result<(), LocalWriteError> {
    match api().await {
        Some(a) => a.queue_all(ops).await,
        None => Err(LocalWriteError::EngineMissing),
    }
}

/// Resolves once the local writes under way are written and shown.
pub async fn settled() {
    if let Some(a) = loaded() {
        a.settled().await;
    }
}

/// Keeps a chosen photo on the device (resized), answering its hash.
pub async fn keep_photo(ev: leptos::ev::Event) -> Result<String, LocalWriteError> {
    match api().await {
        Some(a) => a.keep_photo(ev).await,
        None => Err(LocalWriteError::EngineMissing),
    }
}

/// Keeps a signature's PNG on the device, answering its hash.
pub async fn keep_signature(png: Vec<u8>) -> Result<String, LocalWriteError> {
    match api().await {
        Some(a) => a.keep_signature(png).await,
        None => Err(LocalWriteError::EngineMissing),
    }
}

/// Where to show a photo from: this device's copy, or the server's (`true`: still waiting to
/// upload).
pub async fn photo_src(sha: String, thumb: bool) -> Option<(String, bool)> {
    match api().await {
        Some(a) => a.photo_src(sha, thumb).await,
        None => Some((format!("/api/v1/blobs/{sha}"), false)),
    }
}

/// Settles an attention item (the office applies or dismisses it); `true` when done.
pub async fn settle_attention(device: DeviceId, seq: i64, apply: bool) -> bool {
    match api().await {
        Some(a) => a.settle_attention(device, seq, apply).await,
        None => false,
    }
}

/// Runs a sync now, or right after the one under way (nothing before the engine has started).
pub fn sync_now() {
    if let Some(a) = loaded() {
        a.sync_now();
    }
}
