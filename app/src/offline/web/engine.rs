//! The sync loop: push the outbox in bounded batches, pull pages into the local database, fetch
//! the attention list, refresh the screens. One tab at a time (Web Locks), the others told by
//! BroadcastChannel; failures back off exponentially with jitter.

use super::super::{replay, replay_runs, LocalWriteError, Offline, SyncProblem};
use super::idb::{LocalDb, StoreError};
use crate::browser::{get_text, post_json, post_json_gzip, put_jpeg};
use crate::domain::follow_up::Actor;
use crate::domain::{DeviceId, SessionUser};
use crate::session::ApiErrorBody;
use crate::sync::machine::{
    retry_delay, Command, Event, Halt, LocalState, PullAnswer, PushAnswer, SyncLoop,
};
use crate::sync::AttentionItem;
use crate::sync::{Op, PullResponse, PROTOCOL_VERSION};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

const PULL_LIMIT: u32 = 500;
const TIMER: Duration = Duration::from_secs(30);

/// A sync request waiting longer than this counts as "the server cannot be reached".
const SLOW_REQUEST: Duration = Duration::from_secs(10);

struct Engine {
    user: SessionUser,
    actor: Actor,
    device: DeviceId,
    db: LocalDb,
    offline: Offline,
    running: Cell<bool>,
    again: Cell<bool>,
    failures: Cell<u32>,
    channel: Option<web_sys::BroadcastChannel>,
    /// The records as last read whole, with the epoch they were read in (only a pull, or
    /// another tab's pull, changes them).
    records: RefCell<Option<(u64, Rc<super::idb::Snapshot>)>>,
    /// Rises just before this tab writes pulled records: a cache read in an older epoch may
    /// miss what a pull brought (and removed from the outbox).
    epoch: Cell<u64>,
}

thread_local! {
    static ENGINE: RefCell<Option<Rc<Engine>>> = const { RefCell::new(None) };
    static TRIGGERS: Cell<bool> = const { Cell::new(false) };
}

fn engine() -> Option<Rc<Engine>> {
    ENGINE.with(|e| e.borrow().clone())
}

/// Opens the user's local database and starts syncing. Another user's engine is dropped.
pub(super) fn start(user: &SessionUser, offline: Offline) {
    if engine().is_some_and(|e| e.user.id == user.id) {
        // Signed in again in this tab: what waited goes out now.
        sync_now();
        return;
    }
    ENGINE.with(|e| e.borrow_mut().take());
    let user = user.clone();
    spawn_local(async move {
        let db = match LocalDb::open(user.id).await {
            Ok(db) => db,
            Err(_) => {
                offline.problem.set(Some(SyncProblem::Storage));
                return;
            }
        };
        let channel = web_sys::BroadcastChannel::new(&format!("butler-{}", user.id)).ok();
        if let Some(ch) = &channel {
            let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |_| {
                spawn_local(async {
                    if let Some(e) = engine() {
                        // Another tab may have pulled: the records read here are stale.
                        e.epoch.set(e.epoch.get() + 1);
                        e.refresh().await;
                    }
                });
            });
            ch.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            on_message.forget();
        }
        let e = Rc::new(Engine {
            actor: Actor::of(&user),
            device: crate::browser::device_id(),
            user,
            db,
            offline,
            running: Cell::new(false),
            again: Cell::new(false),
            failures: Cell::new(0),
            channel,
            records: RefCell::new(None),
            epoch: Cell::new(0),
        });
        ENGINE.with(|slot| *slot.borrow_mut() = Some(e.clone()));
        {
            // A newer build opened the database in another tab: let it upgrade, and ask this
            // (older) tab to update rather than write to a closed database.
            let e = e.clone();
            spawn_local(async move {
                e.db.until_version_change().await;
                if engine().is_some_and(|current| Rc::ptr_eq(&current, &e)) {
                    e.offline.problem.set(Some(SyncProblem::Upgrade));
                }
            });
        }
        e.refresh().await;
        install_triggers();
        ask_for_persistence();
        sync_now();
    });
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// Records a User Timing measure (`performance.getEntriesByName(name)`), which the benchmarks
/// read: `butler-persist` (tap to outbox entry committed) and `butler-first-sync`.
fn measure(name: &str, start: f64) {
    let Some(perf) = web_sys::window().and_then(|w| w.performance()) else {
        return;
    };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"start".into(), &JsValue::from_f64(start));
    let _ = js_sys::Reflect::set(&options, &"end".into(), &JsValue::from_f64(perf.now()));
    if let Ok(f) = js_sys::Reflect::get(&perf, &"measure".into())
        .and_then(|f| f.dyn_into::<js_sys::Function>())
    {
        let _ = f.call2(&perf, &JsValue::from_str(name), &options);
    }
}

/// Stops syncing (sign-out) and empties the screens. The user's database stays, outbox and
/// all; a sync still under way finishes its request but shows nothing.
pub(super) fn stop() {
    if let Some(e) = ENGINE.with(|e| e.borrow_mut().take()) {
        e.offline.clear();
    }
}

/// Writes the changes of one tap (say, a finding and the follow-up it hands on) in one
/// transaction: all of them or none.
pub(super) async fn queue_all(ops: Vec<Op>) -> Result<(), LocalWriteError> {
    let _writing = Writing::begin();
    let started = now_ms();
    let e = engine().ok_or(LocalWriteError::NotSignedIn)?;
    let written = e.db.enqueue(ops, e.device).await;
    if written.is_ok() {
        measure("butler-persist", started);
    }
    match written {
        Ok(_) => {}
        Err(err) => {
            if matches!(err, StoreError::Quota) {
                e.offline.problem.set(Some(SyncProblem::Quota));
            }
            return Err(err.into());
        }
    }
    e.refresh_local().await;
    e.broadcast();
    sync_now();
    Ok(())
}

thread_local! {
    /// Local writes begun and not yet shown, and who waits for them all to end.
    static WRITES: RefCell<(usize, Vec<js_sys::Function>)> = const { RefCell::new((0, Vec::new())) };
}

/// One local write in flight, from its first step until the screens show it (or it failed).
struct Writing;

impl Writing {
    fn begin() -> Writing {
        WRITES.with(|w| w.borrow_mut().0 += 1);
        Writing
    }
}

impl Drop for Writing {
    fn drop(&mut self) {
        let waiting = WRITES.with(|w| {
            let mut w = w.borrow_mut();
            w.0 -= 1;
            if w.0 == 0 {
                std::mem::take(&mut w.1)
            } else {
                Vec::new()
            }
        });
        for resolve in waiting {
            let _ = resolve.call0(&JsValue::NULL);
        }
    }
}

/// Waits until every local write begun so far is written and shown: a decision taken on the
/// screen's state (say, whether a round can be finished) then sees the taps made just before.
pub(super) async fn settled() {
    if WRITES.with(|w| w.borrow().0 == 0) {
        return;
    }
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        WRITES.with(|w| w.borrow_mut().1.push(resolve));
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Keeps the photo chosen in a file input on the device (shrunk, hashed) and starts its
/// upload; returns its hash for the record that shows it.
pub(super) async fn keep_photo(ev: leptos::ev::Event) -> Result<String, LocalWriteError> {
    let e = engine().ok_or(LocalWriteError::NotSignedIn)?;
    let photo = super::photo::from_input(&ev)
        .await
        .map_err(|_| LocalWriteError::Photo)?;
    if let Err(err) = e.db.put_photo(&photo).await {
        if matches!(err, StoreError::Quota) {
            e.offline.problem.set(Some(SyncProblem::Quota));
        }
        return Err(err.into());
    }
    e.offline
        .unsent_photos
        .update(|u| u.push(photo.sha.clone()));
    sync_now();
    Ok(photo.sha)
}

/// Keeps a signature image (PNG, drawn on the pad) on the device like a photo and starts its
/// upload; returns its hash for the complaint that shows it.
pub(super) async fn keep_signature(png: Vec<u8>) -> Result<String, LocalWriteError> {
    use sha2::Digest;
    let e = engine().ok_or(LocalWriteError::NotSignedIn)?;
    let sha: String = sha2::Sha256::digest(&png)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let photo = super::idb::Photo {
        sha: sha.clone(),
        bytes: png,
        thumb: vec![],
    };
    if let Err(err) = e.db.put_photo(&photo).await {
        if matches!(err, StoreError::Quota) {
            e.offline.problem.set(Some(SyncProblem::Quota));
        }
        return Err(err.into());
    }
    e.offline.unsent_photos.update(|u| u.push(sha.clone()));
    sync_now();
    Ok(sha)
}

thread_local! {
    static PHOTO_URLS: RefCell<std::collections::HashMap<(String, bool), String>> =
        RefCell::new(std::collections::HashMap::new());
}

/// Where to show a photo from: the copy on this device (an object URL) when there is one,
/// else the server's. The flag says it has not reached the server yet.
pub(super) async fn photo_src(sha: String, thumb: bool) -> Option<(String, bool)> {
    let server = format!("/api/v1/blobs/{sha}");
    let Some(e) = engine() else {
        return Some((server, false));
    };
    let waiting = e.offline.unsent_photos.with_untracked(|u| u.contains(&sha));
    if let Some(url) = PHOTO_URLS.with(|m| m.borrow().get(&(sha.clone(), thumb)).cloned()) {
        return Some((url, waiting));
    }
    let Ok(Some((full, small, _))) = e.db.photo(&sha).await else {
        return Some((server, false));
    };
    let bytes = if thumb && !small.is_empty() {
        small
    } else {
        full
    };
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice()));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/jpeg");
    let url = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .ok()
        .and_then(|b| web_sys::Url::create_object_url_with_blob(&b).ok())?;
    PHOTO_URLS.with(|m| m.borrow_mut().insert((sha, thumb), url.clone()));
    Some((url, waiting))
}

/// Asks the server to apply (office) or discard an item of "needs attention".
pub(super) async fn settle_attention(device: DeviceId, seq: i64, apply: bool) -> bool {
    let body = serde_json::json!({
        "device_id": device,
        "seq": seq,
        "action": if apply { "apply" } else { "discard" },
    });
    let ok = matches!(
        post_json("/api/v1/attention/settle", &body).await,
        Ok((200, _))
    );
    if ok {
        sync_now();
    }
    ok
}

/// Runs a sync now, or right after the one under way.
pub(super) fn sync_now() {
    let Some(e) = engine() else { return };
    if e.running.get() {
        e.again.set(true);
        return;
    }
    e.running.set(true);
    spawn_local(async move {
        loop {
            e.again.set(false);
            with_lock(&e).await;
            if !e.again.get() {
                break;
            }
        }
        e.running.set(false);
    });
}

/// Runs one sync under the Web Lock `butler-sync-<user>`: one tab syncs at a time. A tab that
/// finds the lock held waits for it and then runs its own sync — the holder may have read the
/// outbox before this tab's last write, and nothing else would send that entry. The second run
/// is cheap (an empty push, one pull page).
async fn with_lock(e: &Rc<Engine>) {
    let locks = web_sys::window()
        .map(|w| w.navigator())
        .and_then(|n| js_sys::Reflect::get(&n, &"locks".into()).ok())
        .filter(|l| !l.is_undefined());
    let Some(locks) = locks else {
        e.sync_once().await;
        return;
    };
    let engine = e.clone();
    let callback = Closure::once(move |lock: JsValue| -> js_sys::Promise {
        if lock.is_null() {
            return js_sys::Promise::resolve(&JsValue::FALSE);
        }
        wasm_bindgen_futures::future_to_promise(async move {
            engine.sync_once().await;
            Ok(JsValue::TRUE)
        })
    });
    let request = js_sys::Reflect::get(&locks, &"request".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let name = JsValue::from_str(&format!("butler-sync-{}", e.user.id));
    match request.and_then(|f| f.call2(&locks, &name, callback.as_ref()).ok()) {
        Some(promise) => {
            let _ = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise)).await;
        }
        None => e.sync_once().await,
    }
    drop(callback);
}

/// How a sync ended early (the machine's verdict, or this engine stopped).
type Stop = Halt;

fn error_code(body: &str) -> Option<ApiErrorBody> {
    serde_json::from_str(body).ok()
}

impl Engine {
    /// Re-reads everything (after a pull, another tab's write, at start) and redraws.
    async fn refresh(&self) {
        let started = now_ms();
        let epoch = self.epoch.get();
        let Ok(snap) = self.db.snapshot().await else {
            self.offline.problem.set(Some(SyncProblem::Storage));
            return;
        };
        if self.is_current() {
            self.offline.unsent_photos.set(snap.unsent_photos.clone());
        }
        self.show(&snap, &snap.outbox, snap.attention.clone(), &snap.meta);
        *self.records.borrow_mut() = Some((epoch, Rc::new(snap)));
        measure("butler-refresh", started);
    }

    /// After a write on this device: only the outbox and the bookkeeping changed, so the
    /// records parsed at the last full read are replayed again with the new outbox (a tap does
    /// not re-parse every unit and household).
    async fn refresh_local(&self) {
        let started = now_ms();
        let Ok((outbox, meta, attention)) = self.db.local_part().await else {
            self.offline.problem.set(Some(SyncProblem::Storage));
            return;
        };
        // Taken after the read: a pull that began meanwhile makes the cache stale.
        let cached = self.records.borrow().clone();
        let Some((_, records)) = cached.filter(|(e, _)| *e == self.epoch.get()) else {
            return self.refresh().await;
        };
        self.show(&records, &outbox, attention, &meta);
        measure("butler-refresh-local", started);
    }

    /// This engine is the tab's current one (not stopped by a sign-out, not replaced).
    fn is_current(&self) -> bool {
        engine().is_some_and(|current| std::ptr::eq(Rc::as_ptr(&current), self))
    }

    /// While a sync request waits more than [`SLOW_REQUEST`] for its answer, the chip says the
    /// server cannot be reached (the request goes on; the sync's end says how it went).
    fn slow_request(&self) -> Option<leptos::prelude::TimeoutHandle> {
        let unreachable = self.offline.unreachable;
        set_timeout_with_handle(move || unreachable.set(true), SLOW_REQUEST).ok()
    }

    /// Before each request: a stopped engine sends nothing. After a sign-out the browser may
    /// hold the next user's session, which must not carry this user's changes or fill this
    /// user's database.
    fn still_current(&self) -> Result<(), Stop> {
        if self.is_current() {
            Ok(())
        } else {
            Err(Stop::Retry)
        }
    }

    /// Puts the server's records with the outbox replayed on top on the screens.
    fn show(
        &self,
        snap: &super::idb::Snapshot,
        outbox: &[crate::sync::Mutation],
        attention: Vec<AttentionItem>,
        meta: &super::idb::Meta,
    ) {
        if !self.is_current() {
            return;
        }
        let now = chrono::Utc::now();
        let view = replay(&snap.records, outbox, &attention, &self.actor, now);
        self.offline.follow_ups.set(view);
        self.offline.runs.set(replay_runs(
            &snap.runs,
            &snap.templates,
            &snap.places,
            outbox,
            &attention,
            &self.actor,
            now,
        ));
        self.offline
            .templates
            .set(snap.templates.values().cloned().collect());
        self.offline.complaints.set(super::super::replay_complaints(
            &snap.complaints,
            &snap.households,
            &snap.records,
            outbox,
            &attention,
            &self.actor,
            now,
        ));
        self.offline
            .arrears
            .set(snap.arrears.values().cloned().collect());
        self.offline.contacts.set(super::super::replay_contacts(
            &snap.contacts,
            &snap.units,
            outbox,
            &attention,
            &self.actor,
            now,
        ));
        self.offline.places.set(super::super::replay_places(
            &snap.places,
            outbox,
            &attention,
            &self.actor,
            now,
        ));
        self.offline.notices.set(super::super::replay_notices(
            &snap.notices,
            &snap.places,
            outbox,
            &attention,
            &self.actor,
            now,
        ));
        self.offline.deliveries.set(super::super::replay_deliveries(
            &snap.deliveries,
            outbox,
            &attention,
            &self.actor,
            now,
        ));
        self.offline.activities.set(super::super::replay_activities(
            &snap.activities,
            outbox,
            &attention,
            &self.actor,
            now,
        ));
        self.offline.visits.set(super::super::replay_visits(
            &snap.visits,
            &snap.households,
            outbox,
            &attention,
            &self.actor,
            now,
        ));
        self.offline.households.set(super::super::replay_households(
            &snap.households,
            outbox,
            &attention,
            &self.actor,
            now,
        ));
        self.offline.units.set(super::super::replay_units(
            &snap.units,
            outbox,
            &attention,
            &self.actor,
            now,
        ));
        self.offline.attention.set(attention);
        self.offline.pending.set(outbox.len() as u32);
        self.offline.waiting.set(super::super::waiting(outbox));
        self.offline.last_sync.set(meta.last_sync);
        self.offline
            .first_sync
            .set(meta.first_sync.then_some(snap.records.len() as u32));
        self.offline.loaded.set(true);
    }

    fn broadcast(&self) {
        if let Some(ch) = &self.channel {
            let _ = ch.post_message(&JsValue::from_str("changed"));
        }
    }

    async fn sync_once(self: &Rc<Self>) {
        self.offline.syncing.set(true);
        let result = self.push_and_pull().await;
        // Photos travel on their own: a slow one never holds up the queue.
        let result = match (result, self.upload_photos().await) {
            (Ok(changed), Ok(sent)) => Ok(changed | sent),
            (Ok(_), Err(stop)) | (Err(stop), _) => Err(stop),
        };
        let changed = match result {
            Ok(pulled) => self.fetch_attention().await | pulled,
            Err(_) => true,
        };
        // A timer sync that found nothing new does not re-read every record.
        if changed {
            self.refresh().await;
        }
        if !self.is_current() {
            // Signed out meanwhile: nothing to show, nothing to retry.
            return;
        }
        self.offline.syncing.set(false);
        // The server answered unless the sync stopped for want of an answer.
        self.offline
            .unreachable
            .set(matches!(result, Err(Stop::Unreachable)));
        match result {
            Ok(_) => {
                self.failures.set(0);
                self.offline.problem.set(None);
                if changed {
                    self.broadcast();
                }
            }
            Err(Stop::Problem(p)) => self.offline.problem.set(Some(p)),
            Err(Stop::Retry | Stop::Unreachable) => {
                let n = self.failures.get().saturating_add(1);
                self.failures.set(n);
                set_timeout(sync_now, retry_delay(n, js_sys::Math::random()));
            }
        }
    }

    /// Uploads the photos the server does not have yet; `Ok(true)` when any arrived.
    async fn upload_photos(&self) -> Result<bool, Stop> {
        let waiting = self.offline.unsent_photos.get_untracked();
        let mut sent = false;
        for sha in waiting {
            let Ok(Some((bytes, _, false))) = self.db.photo(&sha).await else {
                continue;
            };
            self.still_current()?;
            let (status, _) = put_jpeg(&format!("/api/v1/blobs/{sha}"), &bytes)
                .await
                .map_err(|_| Stop::Unreachable)?;
            match status {
                200 | 201 => {
                    self.db
                        .mark_uploaded(&sha)
                        .await
                        .map_err(|_| Stop::Problem(SyncProblem::Storage))?;
                    self.offline
                        .unsent_photos
                        .update(|u| u.retain(|s| *s != sha));
                    sent = true;
                }
                401 => return Err(Stop::Problem(SyncProblem::SignIn)),
                // A photo the server refuses (too large, not a photo) would be refused
                // forever: leave it and try the others; it stays listed as waiting.
                400 | 413 | 415 | 422 => {}
                500..=599 => return Err(Stop::Unreachable),
                _ => return Err(Stop::Retry),
            }
        }
        Ok(sent)
    }

    /// Pushes the whole outbox and pulls until there is no more, as the pure
    /// [`SyncLoop`] decides; this only carries out its commands. `Ok(true)` when anything was
    /// sent or anything local changed.
    async fn push_and_pull(&self) -> Result<bool, Stop> {
        let started = now_ms();
        let (mut machine, mut command) = SyncLoop::start(self.device);
        // The next page, asked for while the one before was being stored: (its cursor, the
        // answer). Used only if the machine asks for that cursor next.
        let mut prefetched: Option<(i64, PullAnswer)> = None;
        let stored = |r: Result<(), StoreError>| match r {
            Ok(()) => Event::Stored,
            Err(e) => Event::StoreFailed {
                quota: matches!(e, StoreError::Quota),
            },
        };
        loop {
            let event = match command {
                Command::ReadLocal => match self.db.sync_state().await {
                    Ok((meta, outbox)) => Event::LocalRead(LocalState {
                        outbox,
                        cursor: meta.cursor,
                        first_sync: meta.first_sync,
                        scope_hash: meta.scope_hash,
                    }),
                    Err(_) => Event::StoreFailed { quota: false },
                },
                Command::Push(request) => {
                    self.still_current()?;
                    let slow = self.slow_request();
                    let answer = post_json_gzip("/api/v1/sync/push", &request).await;
                    if let Some(slow) = slow {
                        slow.clear();
                    }
                    Event::PushAnswered(match answer {
                        Ok((200, body)) => serde_json::from_str(&body)
                            .map_or(PushAnswer::Unreachable, PushAnswer::Taken),
                        Ok((409, body)) => {
                            PushAnswer::Gap(error_code(&body).and_then(|b| b.expected_seq))
                        }
                        Ok((status, _)) => PushAnswer::Status(status),
                        Err(_) => PushAnswer::Unreachable,
                    })
                }
                Command::SettlePush { batch, response } => stored(
                    self.db
                        .settle_push(self.device, self.user.id, &batch, &response)
                        .await,
                ),
                Command::Pull { cursor } => {
                    let answer = match prefetched.take() {
                        Some((asked, answer)) if asked == cursor => answer,
                        _ => self.fetch_page(cursor).await?,
                    };
                    self.still_current()?;
                    Event::PageReceived(answer)
                }
                Command::StorePage {
                    page,
                    outbox,
                    reset,
                } => {
                    self.epoch.set(self.epoch.get() + 1);
                    let applied = now_ms();
                    let apply = self.db.apply_pull(&page, &outbox, reset);
                    // While this page is stored, the next one is on its way.
                    let result = if page.has_more {
                        let (result, next) =
                            futures::future::join(apply, self.fetch_page(page.next_cursor)).await;
                        prefetched = Some((page.next_cursor, next?));
                        self.offline
                            .first_sync
                            .update(|n| *n = Some(n.unwrap_or(0) + page.changes.len() as u32));
                        result
                    } else {
                        apply.await
                    };
                    measure("butler-pull-apply", applied);
                    stored(result)
                }
                Command::ResetCursor => {
                    self.epoch.set(self.epoch.get() + 1);
                    stored(self.db.reset_cursor().await)
                }
                Command::Finish {
                    changed,
                    first_sync,
                    server_time,
                } => {
                    if first_sync {
                        measure("butler-first-sync", started);
                    }
                    self.offline.last_sync.set(Some(server_time));
                    return Ok(changed);
                }
                Command::Stop(halt) => return Err(halt),
            };
            command = machine.step(event);
        }
    }

    /// Asks for one page of changes after `cursor`; `Err` only when this engine was stopped.
    async fn fetch_page(&self, cursor: i64) -> Result<PullAnswer, Stop> {
        self.still_current()?;
        let url = format!(
            "/api/v1/sync/pull?cursor={cursor}&limit={PULL_LIMIT}&protocol={PROTOCOL_VERSION}"
        );
        let fetched = now_ms();
        let slow = self.slow_request();
        let answer = get_text(&url).await;
        if let Some(slow) = slow {
            slow.clear();
        }
        let answer = match answer {
            Ok((200, body)) => {
                let parsed = now_ms();
                let page = serde_json::from_str::<PullResponse>(&body);
                measure("butler-pull-parse", parsed);
                page.map_or(PullAnswer::Unreachable, |p| PullAnswer::Page(Box::new(p)))
            }
            Ok((status, _)) => PullAnswer::Status(status),
            Err(_) => PullAnswer::Unreachable,
        };
        measure("butler-pull-fetch", fetched);
        Ok(answer)
    }

    /// Replaces the local attention list with the server's; `true` when it differed.
    async fn fetch_attention(&self) -> bool {
        if !self.is_current() {
            return false;
        }
        let Ok((200, body)) = get_text("/api/v1/attention").await else {
            return false;
        };
        if !self.is_current() {
            return false;
        }
        let Ok(items) = serde_json::from_str::<Vec<AttentionItem>>(&body) else {
            return false;
        };
        let mine: Vec<_> = items
            .into_iter()
            .filter(|i| i.device_id == self.device || self.actor.is_office())
            .collect();
        if self.offline.attention.with_untracked(|now| *now == mine) {
            return false;
        }
        let _ = self.db.replace_attention(&mine).await;
        true
    }
}

fn install_triggers() {
    if TRIGGERS.with(|t| t.replace(true)) {
        return;
    }
    let _ = window_event_listener(leptos::ev::online, |_| sync_now());
    let _ = window_event_listener_untyped("visibilitychange", |_| {
        let visible = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Visible);
        if visible {
            sync_now();
        }
    });
    let _ = set_interval_with_handle(sync_now, TIMER);
}

/// Asks the browser to keep this site's data (it may say no; the app works either way).
fn ask_for_persistence() {
    let storage = web_sys::window()
        .map(|w| w.navigator())
        .and_then(|n| js_sys::Reflect::get(&n, &"storage".into()).ok())
        .filter(|s| !s.is_undefined());
    if let Some(storage) = storage {
        if let Some(persist) = js_sys::Reflect::get(&storage, &"persist".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        {
            let _ = persist.call0(&storage);
        }
    }
}

/// The engine as its chunk hands it to the screens ([`super::lazy`]).
struct Api;

impl super::lazy::EngineApi for Api {
    fn start(&self, user: SessionUser, offline: Offline) {
        start(&user, offline);
    }

    fn stop(&self) {
        stop();
    }

    fn queue_all(&self, ops: Vec<Op>) -> super::lazy::Boxed<Result<(), LocalWriteError>> {
        Box::pin(queue_all(ops))
    }

    fn settled(&self) -> super::lazy::Boxed<()> {
        Box::pin(settled())
    }

    fn keep_photo(
        &self,
        ev: leptos::ev::Event,
    ) -> super::lazy::Boxed<Result<String, LocalWriteError>> {
        Box::pin(keep_photo(ev))
    }

    fn keep_signature(&self, png: Vec<u8>) -> super::lazy::Boxed<Result<String, LocalWriteError>> {
        Box::pin(keep_signature(png))
    }

    fn photo_src(&self, sha: String, thumb: bool) -> super::lazy::Boxed<Option<(String, bool)>> {
        Box::pin(photo_src(sha, thumb))
    }

    fn settle_attention(
        &self,
        device: DeviceId,
        seq: i64,
        apply: bool,
    ) -> super::lazy::Boxed<bool> {
        Box::pin(settle_attention(device, seq, apply))
    }

    fn sync_now(&self) {
        sync_now();
    }
}

/// The engine's entry points, for the split point in [`super::lazy`].
pub(super) fn api() -> &'static dyn super::lazy::EngineApi {
    &Api
}
