//! The user's IndexedDB database: `records`, `outbox`, `meta`, `attention` (version 1) and
//! `blobs` (version 2: photos by hash). Values are JSON strings (small WASM, and the exact wire
//! format) — records as the tagged [`Record`]; follow-ups written by version 1 as the bare
//! record, which is still read — except photos, kept as JS objects holding their bytes. Keys
//! are record ids, sequence numbers, hashes or fixed names. Only IndexedDB requests are
//! awaited inside a transaction.

use super::super::LocalWriteError;
use crate::domain::checklist::{Run, Template};
use crate::domain::follow_up::FollowUp;
use crate::domain::household::Household;
use crate::domain::unit::Unit;
use crate::domain::visit::Visit;
use crate::domain::{DeviceId, UserId};
use crate::sync::AttentionItem;
use crate::sync::{Mutation, Op, PullResponse, PushResponse, Record, Verdict};
use chrono::{DateTime, Utc};
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;
use wasm_bindgen::{JsCast, JsValue};

const RECORDS: &str = "records";
const OUTBOX: &str = "outbox";
const META: &str = "meta";
const ATTENTION: &str = "attention";
const BLOBS: &str = "blobs";
const META_KEY: &str = "meta";
const VERSION: u32 = 2;

/// The device's sync bookkeeping. Stored as JSON under `meta/meta`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Meta {
    /// The device the sequences belong to.
    pub device_id: Option<DeviceId>,
    /// The next sequence to give a mutation.
    pub next_seq: i64,
    /// The pull cursor.
    pub cursor: i64,
    /// The scope the records were pulled under.
    pub scope_hash: Option<String>,
    /// The last successful sync.
    pub last_sync: Option<DateTime<Utc>>,
    /// A first sync (from cursor 0) is under way.
    #[serde(default)]
    pub first_sync: bool,
}

/// Everything the screens need, read at once.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// Server records: follow-ups.
    pub records: BTreeMap<Uuid, FollowUp>,
    /// Checklist runs.
    pub runs: BTreeMap<Uuid, Run>,
    /// Template versions.
    pub templates: BTreeMap<Uuid, Template>,
    /// Units of the user's clusters.
    pub units: BTreeMap<Uuid, Unit>,
    /// Households of the user's clusters.
    pub households: BTreeMap<Uuid, Household>,
    /// Visit notes of the user's clusters.
    pub visits: BTreeMap<Uuid, Visit>,
    /// Complaints of the user's clusters.
    pub complaints: BTreeMap<Uuid, crate::domain::complaint::Complaint>,
    /// Units' arrears (butlers).
    pub arrears: BTreeMap<Uuid, crate::domain::collection::Arrears>,
    /// Fee-collection contacts of the user's clusters.
    pub contacts: BTreeMap<Uuid, crate::domain::collection::CollectionContact>,
    /// Places of the user's clusters.
    pub places: BTreeMap<Uuid, crate::domain::place::Place>,
    /// Notices on the boards of the user's clusters.
    pub notices: BTreeMap<Uuid, crate::domain::place::Notice>,
    /// Documents' deliveries to the households of the user's clusters.
    pub deliveries: BTreeMap<Uuid, crate::domain::document::Delivery>,
    /// Community activities.
    pub activities: BTreeMap<Uuid, crate::domain::activity::Activity>,
    /// Photos taken here and not yet confirmed by the server.
    pub unsent_photos: Vec<String>,
    /// Unsettled mutations, by sequence.
    pub outbox: Vec<Mutation>,
    /// Bookkeeping.
    pub meta: Meta,
    /// Refused and conflicting mutations.
    pub attention: Vec<AttentionItem>,
}

/// A storage failure, told apart where the user must act.
#[derive(Debug, Clone)]
pub enum StoreError {
    /// The browser's quota is exhausted.
    Quota,
    /// Anything else.
    Other(String),
}

impl From<indexed_db_futures::error::Error> for StoreError {
    fn from(e: indexed_db_futures::error::Error) -> Self {
        let text = format!("{e:?}");
        if text.contains("Quota") {
            StoreError::Quota
        } else {
            StoreError::Other(text)
        }
    }
}

impl From<indexed_db_futures::error::OpenDbError> for StoreError {
    fn from(e: indexed_db_futures::error::OpenDbError) -> Self {
        StoreError::Other(format!("{e:?}"))
    }
}

impl From<StoreError> for LocalWriteError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Quota => LocalWriteError::Quota,
            StoreError::Other(_) => LocalWriteError::Storage,
        }
    }
}

/// A photo ready to keep: shrunk, hashed, with its thumbnail.
#[derive(Debug, Clone)]
pub struct Photo {
    /// SHA-256 of `bytes`, lowercase hex.
    pub sha: String,
    /// The JPEG.
    pub bytes: Vec<u8>,
    /// A small JPEG for lists.
    pub thumb: Vec<u8>,
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(target, &JsValue::from_str(key), value);
}

fn get(target: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn get_bool(target: &JsValue, key: &str) -> bool {
    get(target, key).as_bool().unwrap_or(false)
}

fn to_json<T: Serialize>(v: &T) -> Result<String, StoreError> {
    serde_json::to_string(v).map_err(|e| StoreError::Other(e.to_string()))
}

fn from_json<T: for<'de> Deserialize<'de>>(s: &str) -> Result<T, StoreError> {
    serde_json::from_str(s).map_err(|e| StoreError::Other(e.to_string()))
}

/// The bookkeeping as stored (defaults before the first write).
async fn read_meta(
    store: &indexed_db_futures::object_store::ObjectStore<'_>,
) -> Result<Meta, StoreError> {
    let meta: Option<String> = store.get(META_KEY).await?;
    Ok(meta.map(|m| from_json(&m)).transpose()?.unwrap_or_default())
}

/// One user's local database.
pub struct LocalDb {
    db: Database,
}

impl LocalDb {
    /// Opens (or creates) `butler-<user>`. An older tab holding an older version is asked to
    /// close by the `versionchange` handler the engine installs.
    pub async fn open(user: UserId) -> Result<LocalDb, StoreError> {
        let db = Database::open(format!("butler-{user}").as_str())
            .with_version(VERSION)
            .with_on_upgrade_needed(|event, db| {
                if event.old_version() < 1.0 {
                    db.create_object_store(RECORDS).build()?;
                    db.create_object_store(OUTBOX).build()?;
                    db.create_object_store(META).build()?;
                    db.create_object_store(ATTENTION).build()?;
                }
                if event.old_version() < 2.0 {
                    db.create_object_store(BLOBS).build()?;
                }
                Ok(())
            })
            .await?;
        Ok(LocalDb { db })
    }

    /// Waits until another tab opens a newer version of this database, then closes this
    /// connection so that the upgrade is not blocked. Returns when it did.
    pub async fn until_version_change(&self) {
        let Ok(mut changes) = self.db.version_changes() else {
            return std::future::pending().await;
        };
        if changes.recv().await.is_some() {
            self.db.clone().close();
        }
    }

    /// Reads everything.
    pub async fn snapshot(&self) -> Result<Snapshot, StoreError> {
        let tx = self
            .db
            .transaction([RECORDS, OUTBOX, META, ATTENTION, BLOBS])
            .build()?;
        let photos: Vec<JsValue> = tx
            .object_store(BLOBS)?
            .get_all::<JsValue>()
            .await?
            .collect::<Result<_, _>>()?;
        let records: Vec<String> = tx
            .object_store(RECORDS)?
            .get_all::<String>()
            .await?
            .collect::<Result<_, _>>()?;
        let outbox: Vec<String> = tx
            .object_store(OUTBOX)?
            .get_all::<String>()
            .await?
            .collect::<Result<_, _>>()?;
        let meta: Option<String> = tx.object_store(META)?.get(META_KEY).await?;
        let attention: Vec<String> = tx
            .object_store(ATTENTION)?
            .get_all::<String>()
            .await?
            .collect::<Result<_, _>>()?;
        drop(tx);
        let mut snap = Snapshot {
            meta: meta.map(|m| from_json(&m)).transpose()?.unwrap_or_default(),
            ..Snapshot::default()
        };
        for r in records {
            match serde_json::from_str::<Record>(&r) {
                Ok(Record::FollowUp(f)) => {
                    snap.records.insert(f.id.0, f);
                }
                Ok(Record::Run(run)) => {
                    snap.runs.insert(run.id.0, run);
                }
                Ok(Record::Template(t)) => {
                    snap.templates.insert(t.version_id, t);
                }
                Ok(Record::Unit(u)) => {
                    snap.units.insert(u.id.0, u);
                }
                Ok(Record::Household(h)) => {
                    snap.households.insert(h.id.0, h);
                }
                Ok(Record::Visit(v)) => {
                    snap.visits.insert(v.id.0, v);
                }
                Ok(Record::Complaint(c)) => {
                    snap.complaints.insert(c.id.0, c);
                }
                Ok(Record::Arrears(a)) => {
                    snap.arrears.insert(a.unit_id.0, a);
                }
                Ok(Record::Collection(c)) => {
                    snap.contacts.insert(c.id.0, c);
                }
                Ok(Record::Place(p)) => {
                    snap.places.insert(p.id.0, p);
                }
                Ok(Record::Notice(n)) => {
                    snap.notices.insert(n.id.0, n);
                }
                Ok(Record::Delivery(d)) => {
                    snap.deliveries.insert(d.id.0, d);
                }
                Ok(Record::Activity(a)) => {
                    snap.activities.insert(a.id.0, a);
                }
                // Written by version 1: a bare follow-up.
                Err(_) => {
                    let f: FollowUp = from_json(&r)?;
                    snap.records.insert(f.id.0, f);
                }
            }
        }
        snap.unsent_photos = photos
            .iter()
            .filter(|p| !get_bool(p, "uploaded"))
            .filter_map(|p| get(p, "sha").as_string())
            .collect();
        for m in outbox {
            snap.outbox.push(from_json(&m)?);
        }
        snap.outbox.sort_by_key(|m| m.seq);
        for a in attention {
            snap.attention.push(from_json(&a)?);
        }
        Ok(snap)
    }

    /// What a local write changes — the outbox, the bookkeeping, the attention list — without
    /// the records, which only a pull changes.
    pub async fn local_part(
        &self,
    ) -> Result<(Vec<Mutation>, Meta, Vec<AttentionItem>), StoreError> {
        let tx = self.db.transaction([OUTBOX, META, ATTENTION]).build()?;
        let outbox: Vec<String> = tx
            .object_store(OUTBOX)?
            .get_all::<String>()
            .await?
            .collect::<Result<_, _>>()?;
        let meta: Option<String> = tx.object_store(META)?.get(META_KEY).await?;
        let attention: Vec<String> = tx
            .object_store(ATTENTION)?
            .get_all::<String>()
            .await?
            .collect::<Result<_, _>>()?;
        drop(tx);
        let mut out = outbox
            .iter()
            .map(|m| from_json::<Mutation>(m))
            .collect::<Result<Vec<_>, _>>()?;
        out.sort_by_key(|m| m.seq);
        let attention = attention
            .iter()
            .map(|a| from_json::<AttentionItem>(a))
            .collect::<Result<Vec<_>, _>>()?;
        let meta = meta.map(|m| from_json(&m)).transpose()?.unwrap_or_default();
        Ok((out, meta, attention))
    }

    /// The bookkeeping and the outbox, without the records (what a sync step needs).
    pub async fn sync_state(&self) -> Result<(Meta, Vec<Mutation>), StoreError> {
        let tx = self.db.transaction([OUTBOX, META]).build()?;
        let outbox: Vec<String> = tx
            .object_store(OUTBOX)?
            .get_all::<String>()
            .await?
            .collect::<Result<_, _>>()?;
        let meta: Option<String> = tx.object_store(META)?.get(META_KEY).await?;
        drop(tx);
        let meta = meta.map(|m| from_json(&m)).transpose()?.unwrap_or_default();
        let mut out = outbox
            .iter()
            .map(|m| from_json::<Mutation>(m))
            .collect::<Result<Vec<_>, _>>()?;
        out.sort_by_key(|m| m.seq);
        Ok((meta, out))
    }

    /// Writes local changes made by one tap (a finding and the follow-up it hands on): the
    /// outbox entries and the next sequence, all in one transaction — all or none.
    pub async fn enqueue(&self, ops: Vec<Op>, device: DeviceId) -> Result<(), StoreError> {
        let tx = self
            .db
            .transaction([OUTBOX, META])
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let meta_store = tx.object_store(META)?;
        let mut meta = read_meta(&meta_store).await?;
        if meta.device_id != Some(device) {
            // A new device id (a revoked phone signed in again) restarts the sequence; entries
            // still queued keep their mutation ids, which the server recognises.
            meta.device_id = Some(device);
            meta.next_seq = meta.next_seq.max(1);
        }
        let outbox = tx.object_store(OUTBOX)?;
        for op in ops {
            let seq = meta.next_seq.max(1);
            let m = Mutation::new(seq, op);
            meta.next_seq = seq + 1;
            outbox.put(to_json(&m)?).with_key(seq as f64).await?;
        }
        meta_store.put(to_json(&meta)?).with_key(META_KEY).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Keeps a photo (its bytes, a thumbnail and type) under its hash until the server has it.
    pub async fn put_photo(&self, photo: &Photo) -> Result<(), StoreError> {
        let tx = self
            .db
            .transaction(BLOBS)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let value = js_sys::Object::new();
        set(&value, "sha", &JsValue::from_str(&photo.sha));
        set(&value, "type", &JsValue::from_str("image/jpeg"));
        set(
            &value,
            "bytes",
            &js_sys::Uint8Array::from(photo.bytes.as_slice()),
        );
        set(
            &value,
            "thumb",
            &js_sys::Uint8Array::from(photo.thumb.as_slice()),
        );
        set(&value, "uploaded", &JsValue::FALSE);
        tx.object_store(BLOBS)?
            .put(JsValue::from(value))
            .with_key(photo.sha.clone())
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A photo kept here: (full bytes, thumbnail bytes, uploaded).
    pub async fn photo(&self, sha: &str) -> Result<Option<(Vec<u8>, Vec<u8>, bool)>, StoreError> {
        let tx = self.db.transaction(BLOBS).build()?;
        let value: Option<JsValue> = tx.object_store(BLOBS)?.get(sha.to_owned()).await?;
        drop(tx);
        Ok(value.map(|v| {
            let bytes = |k| {
                get(&v, k)
                    .dyn_into::<js_sys::Uint8Array>()
                    .map(|a| a.to_vec())
                    .unwrap_or_default()
            };
            (bytes("bytes"), bytes("thumb"), get_bool(&v, "uploaded"))
        }))
    }

    /// The server has the photo: keep the thumbnail and the bytes (the device may be asked to
    /// show it full size offline), marked uploaded.
    pub async fn mark_uploaded(&self, sha: &str) -> Result<(), StoreError> {
        let tx = self
            .db
            .transaction(BLOBS)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let store = tx.object_store(BLOBS)?;
        let value: Option<JsValue> = store.get(sha.to_owned()).await?;
        if let Some(v) = value {
            set(&v, "uploaded", &JsValue::TRUE);
            store.put(v).with_key(sha.to_owned()).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Notes a push's outcomes: refused, conflicting and flagged ones are kept for "needs
    /// attention". The entries stay in the outbox until the pull that brings their effect
    /// (`apply_pull`): removed earlier, a screen refreshed in between would show the record
    /// without them.
    pub async fn settle_push(
        &self,
        device: DeviceId,
        user: UserId,
        outbox: &[Mutation],
        resp: &PushResponse,
    ) -> Result<(), StoreError> {
        let tx = self
            .db
            .transaction(ATTENTION)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let att = tx.object_store(ATTENTION)?;
        for o in &resp.outcomes {
            if !matches!(o.verdict, Verdict::Applied) || o.notice.is_some() {
                if let Some(m) = outbox.iter().find(|m| m.seq == o.seq) {
                    let item = AttentionItem {
                        device_id: device,
                        seq: o.seq,
                        user_id: Some(user),
                        mutation: m.clone(),
                        outcome: o.clone(),
                    };
                    att.put(to_json(&item)?).with_key(m.id.to_string()).await?;
                }
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// Applies one pulled page: records replaced whole or removed, the cursor and scope
    /// advanced, settled outbox entries removed — all in one transaction. `reset` first empties
    /// the records (a first sync after a scope change or a stale cursor).
    pub async fn apply_pull(
        &self,
        page: &PullResponse,
        outbox: &[Mutation],
        reset: bool,
    ) -> Result<(), StoreError> {
        let tx = self
            .db
            .transaction([RECORDS, OUTBOX, META])
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let records = tx.object_store(RECORDS)?;
        if reset {
            records.clear()?.await?;
        }
        // Every request is issued before any is awaited: IndexedDB runs them in order, and
        // waiting for each one's answer before sending the next made a first sync of 10,000
        // records take twice as long. A failed request aborts the transaction, so the page is
        // still applied whole or not at all.
        let mut requests = Vec::with_capacity(page.changes.len() + outbox.len());
        for c in &page.changes {
            requests.push(match &c.record {
                Some(record) => records
                    .put(to_json(record)?)
                    .with_key(c.id.to_string())
                    .without_key_type()
                    .build()?,
                None => records.delete(c.id.to_string()).build()?,
            });
        }
        // Settled entries leave with the last page, which carries (or follows) their effect.
        if !page.has_more {
            let out = tx.object_store(OUTBOX)?;
            for m in outbox.iter().filter(|m| m.seq <= page.last_seq) {
                requests.push(out.delete(m.seq as f64).build()?);
            }
        }
        for request in requests {
            request.await?;
        }
        let meta_store = tx.object_store(META)?;
        let mut meta = read_meta(&meta_store).await?;
        meta.cursor = page.next_cursor;
        meta.scope_hash = Some(page.scope.hash.clone());
        meta.first_sync = page.has_more && (reset || meta.first_sync);
        if !page.has_more {
            meta.last_sync = Some(page.server_time);
        }
        meta_store.put(to_json(&meta)?).with_key(META_KEY).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Starts over from cursor 0 (scope changed, or the cursor is older than the server
    /// keeps). Records are kept until the first page replaces them.
    pub async fn reset_cursor(&self) -> Result<(), StoreError> {
        let tx = self
            .db
            .transaction(META)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let store = tx.object_store(META)?;
        let mut meta = read_meta(&store).await?;
        meta.cursor = 0;
        meta.scope_hash = None;
        meta.first_sync = true;
        store.put(to_json(&meta)?).with_key(META_KEY).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Replaces the attention list with the server's.
    pub async fn replace_attention(&self, items: &[AttentionItem]) -> Result<(), StoreError> {
        let tx = self
            .db
            .transaction(ATTENTION)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let store = tx.object_store(ATTENTION)?;
        store.clear()?.await?;
        for item in items {
            store
                .put(to_json(item)?)
                .with_key(item.mutation.id.to_string())
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
