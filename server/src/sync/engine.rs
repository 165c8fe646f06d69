//! The push engine: one batch, inside the caller's transaction.

use crate::db::{self, sync as store, DbError};
use app::domain::follow_up::Actor;
use app::domain::{DeviceId, Role, RunId, SessionUser};
use app::estate::audit::{AuditChange, AuditSource};
use app::sync::{
    Mutation, Op, Outcome, PushResponse, Reason, RecordKind, Scope, Verdict, SKEW_FLAG_SECS,
};
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

/// Why a batch was not taken.
#[derive(Debug)]
pub enum PushRefusal {
    /// The first new sequence is not the next one; nothing was applied.
    Gap {
        /// The sequence the server expects.
        expected: i64,
    },
    /// Storage failed; the transaction rolls back and the device retries.
    Db(DbError),
}

/// How a batch is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// No savepoints: the whole batch fails on a constraint violation (the caller then rolls
    /// back and goes again, carefully).
    Fast,
    /// Each mutation in its own savepoint: a row the database refuses becomes a refusal of
    /// that mutation, never a batch that fails forever and blocks the device's queue.
    Careful,
}

/// Takes a batch in one write transaction: fast, and again carefully if a constraint the
/// rules did not foresee refused a row. `Ok(Err(expected))` is a sequence gap.
pub async fn push(
    db: &db::Db,
    device: DeviceId,
    actor: &Actor,
    mutations: Vec<Mutation>,
) -> Result<Result<PushResponse, i64>, DbError> {
    let mutations = std::sync::Arc::new(mutations);
    for mode in [Mode::Fast, Mode::Careful] {
        let (actor, mutations) = (actor.clone(), mutations.clone());
        let result = db
            .write(move |tx| {
                match push_batch(tx, device, &actor, &mutations, chrono::Utc::now(), mode) {
                    Ok(r) => Ok(Ok(r)),
                    Err(PushRefusal::Gap { expected }) => Ok(Err(expected)),
                    Err(PushRefusal::Db(e)) => Err(e),
                }
            })
            .await;
        match result {
            Err(DbError::Sqlite(e)) if mode == Mode::Fast && is_constraint(&e) => continue,
            other => return other,
        }
    }
    Err(DbError::Task("unreachable: careful mode returned".into()))
}

impl From<DbError> for PushRefusal {
    fn from(e: DbError) -> Self {
        PushRefusal::Db(e)
    }
}

impl From<rusqlite::Error> for PushRefusal {
    fn from(e: rusqlite::Error) -> Self {
        PushRefusal::Db(e.into())
    }
}

/// The user's scope (for the device) and the change-log filter (for the query).
pub fn scope_of(user: &SessionUser) -> (Scope, store::ScopeFilter) {
    scope_for_protocol(user, app::sync::PROTOCOL_VERSION)
}

/// [`scope_of`] for an app speaking `protocol`: the kinds it knows are part of its scope.
pub fn scope_for_protocol(user: &SessionUser, protocol: u32) -> (Scope, store::ScopeFilter) {
    let mut clusters: Vec<_> = user.clusters.iter().map(|c| c.id).collect();
    clusters.sort();
    let filter = match user.role {
        Role::Office | Role::Admin => store::ScopeFilter::All,
        Role::Butler => store::ScopeFilter::Clusters(clusters.clone()),
        Role::Staff => match user.department {
            Some(d) => store::ScopeFilter::Department {
                department: d,
                lead: user.lead,
            },
            None => store::ScopeFilter::Nothing,
        },
    };
    let mut key = format!(
        "{}|{}|{}",
        user.role.code(),
        user.department.map(|d| d.code()).unwrap_or("-"),
        clusters
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(",")
    );
    if protocol >= 3 {
        // Apps that know complaints have a scope of their own (see `since_protocol`).
        key.push_str("|p3");
    }
    if protocol >= 4 {
        // And apps that know the case file of fee collection.
        key.push_str("|p4");
    }
    if protocol >= 5 {
        // And apps that know places and notices.
        key.push_str("|p5");
    }
    if protocol >= 6 {
        // And apps that know documents' deliveries.
        key.push_str("|p6");
    }
    if protocol >= 7 {
        // And apps that know community activities.
        key.push_str("|p7");
    }
    if user.role == Role::Staff && user.lead {
        // A lead also pulls their department's complaints: made a lead, the phone pulls again.
        key.push_str("|lead");
    }
    let hash = Sha256::digest(key.as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    (
        Scope {
            hash,
            role: user.role,
            clusters,
            department: user.department,
        },
        filter,
    )
}

/// Takes a batch (ascending, contiguous sequences) from one device: replays get their stored
/// outcome, new mutations are decided and stored, the device's sequence advances.
pub fn push_batch(
    tx: &rusqlite::Transaction<'_>,
    device: DeviceId,
    actor: &Actor,
    mutations: &[Mutation],
    now: DateTime<Utc>,
    mode: Mode,
) -> Result<PushResponse, PushRefusal> {
    let now_text = db::instant_text(now);
    let clusters = store::cluster_ids(tx)?;
    let mut last = store::device_last_seq(tx, device)?;
    let mut outcomes = Vec::with_capacity(mutations.len());
    if let Some(first_new) = mutations.iter().find(|m| m.seq > last) {
        if first_new.seq != last + 1 {
            return Err(PushRefusal::Gap { expected: last + 1 });
        }
    }
    for m in mutations {
        if m.seq <= last {
            let stored = store::stored_outcome(tx, device, m.seq)?.ok_or_else(|| {
                DbError::Corrupt(format!("no stored outcome for {device} #{}", m.seq))
            })?;
            if stored.mutation_id != m.id {
                // The same sequence with other content: the device's store is not what it
                // sent before. The stored outcome stands; say so in the log.
                tracing::warn!(device = %device, seq = m.seq, stored = %stored.mutation_id,
                    sent = %m.id, "a replayed sequence carries a different mutation");
            }
            outcomes.push(stored);
            continue;
        }
        if mode == Mode::Fast {
            let outcome = apply_one(tx, actor, m, now, &now_text, &clusters)?;
            store::store_outcome(tx, device, actor.user, m, &outcome, &now_text)?;
            audit_applied(tx, device, actor, m, &outcome, &now_text)?;
            outcomes.push(outcome);
            last = m.seq;
            continue;
        }
        tx.prepare_cached("SAVEPOINT mutation")?.execute([])?;
        let outcome = match apply_one(tx, actor, m, now, &now_text, &clusters) {
            Ok(outcome) => {
                tx.prepare_cached("RELEASE mutation")?.execute([])?;
                outcome
            }
            Err(DbError::Sqlite(e)) if is_constraint(&e) => {
                tx.prepare_cached("ROLLBACK TO mutation")?.execute([])?;
                tx.prepare_cached("RELEASE mutation")?.execute([])?;
                tracing::warn!(error = %e, mutation = %m.id, "mutation refused by a constraint");
                refused(
                    m,
                    now,
                    Reason::Invalid {
                        field: "record".into(),
                    },
                )
            }
            Err(e) => return Err(e.into()),
        };
        store::store_outcome(tx, device, actor.user, m, &outcome, &now_text)?;
        audit_applied(tx, device, actor, m, &outcome, &now_text)?;
        outcomes.push(outcome);
        last = m.seq;
    }
    store::set_device_last_seq(tx, device, last, &now_text)?;
    Ok(PushResponse {
        outcomes,
        last_seq: last,
        server_time: now,
    })
}

/// A mutation that changed a record goes on the audit trail: who, from which device, what.
pub fn audit_applied(
    tx: &rusqlite::Transaction<'_>,
    device: DeviceId,
    actor: &Actor,
    m: &Mutation,
    outcome: &Outcome,
    now_text: &str,
) -> Result<(), DbError> {
    if outcome.verdict != Verdict::Applied || outcome.server_seq.is_none() {
        return Ok(());
    }
    let source = if actor.is_office() {
        AuditSource::Office
    } else {
        AuditSource::Device
    };
    db::audit::record(
        tx,
        &db::audit::Audit {
            user: Some(actor.user),
            device: Some(device.0),
            source,
            kind: m.op.kind().code(),
            record: m.record_id().to_string(),
            action: m.op.name(),
            detail: String::new(),
            change: audit_change(tx, &m.op)?,
        },
        now_text,
    )
}

/// What a mutation did, as data for the trail (its screen says it in words): an answer with its
/// item's label from the run's checklist, a corrected field, an occupancy.
pub fn audit_change(conn: &rusqlite::Connection, op: &Op) -> Result<Option<AuditChange>, DbError> {
    Ok(match op {
        Op::RecordOccupancy {
            state,
            effective_date,
            household,
            note,
            ..
        } => Some(AuditChange::Occupancy {
            state: *state,
            effective_date: *effective_date,
            household: household.clone(),
            note: note.clone(),
        }),
        Op::CorrectHousehold { field, value, .. } => Some(AuditChange::Field {
            field: *field,
            value: value.clone(),
        }),
        Op::RecordItem {
            run,
            item,
            answer,
            note,
            ..
        } => Some(AuditChange::Answer {
            item: item_label(conn, *run, item)?,
            answer: answer.clone(),
            note: note.clone(),
        }),
        // The receipt of what the customer signed, as it was stored with the sign-off.
        Op::SignOffComplaint { id, .. } => db::complaint::load_complaint(conn, *id)?
            .and_then(|c| c.receipt)
            .map(|receipt| AuditChange::Receipt { receipt }),
        _ => None,
    })
}

/// An item's label in its run's checklist (the checklist's name for it if it has none there).
fn item_label(conn: &rusqlite::Connection, run: RunId, key: &str) -> Result<String, DbError> {
    let Some(run) = db::checklist::load_run(conn, run)? else {
        return Ok(String::new());
    };
    let template = db::checklist::load_template(conn, run.template_version)?;
    Ok(template
        .and_then(|t| {
            t.sections
                .iter()
                .flat_map(|s| &s.items)
                .find(|i| i.key == key)
                .map(|i| i.label.clone())
        })
        .unwrap_or(run.template_name))
}

fn is_constraint(e: &rusqlite::Error) -> bool {
    e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation)
}

fn skew(m: &Mutation, now: DateTime<Utc>) -> Option<i64> {
    let skew = (m.device_time - now).num_seconds();
    (skew.abs() > SKEW_FLAG_SECS).then_some(skew)
}

/// A mutation's outcome as stored and answered.
pub(super) fn outcome(
    m: &Mutation,
    now: DateTime<Utc>,
    verdict: Verdict,
    server_seq: Option<i64>,
    notice: Option<Reason>,
) -> Outcome {
    Outcome {
        seq: m.seq,
        mutation_id: m.id,
        verdict,
        server_seq,
        skew_secs: skew(m, now),
        notice,
    }
}

/// A mutation refused before its rule ran.
pub(super) fn refused(m: &Mutation, now: DateTime<Utc>, reason: Reason) -> Outcome {
    Outcome {
        seq: m.seq,
        mutation_id: m.id,
        verdict: Verdict::Refused { reason },
        server_seq: None,
        skew_secs: skew(m, now),
        notice: None,
    }
}

/// A mutation decided and applied for `actor` (the office applying one from "needs
/// attention"), by its kind's rule.
pub fn apply_as(
    tx: &rusqlite::Transaction<'_>,
    actor: &Actor,
    m: &Mutation,
    now: DateTime<Utc>,
    now_text: &str,
) -> Result<Outcome, DbError> {
    let clusters = store::cluster_ids(tx)?;
    apply_kind(tx, actor, m, now, now_text, &clusters)
}

/// Every kind through the one path of the kit.
fn apply_kind(
    tx: &rusqlite::Transaction<'_>,
    actor: &Actor,
    m: &Mutation,
    now: DateTime<Utc>,
    now_text: &str,
    clusters: &std::collections::HashSet<app::domain::ClusterId>,
) -> Result<Outcome, DbError> {
    use super::kinds::apply;
    use app::sync::kind::{
        Activities, Collections, Complaints, Deliveries, FollowUps, Households, Notices, Places,
        Runs, Units, Visits,
    };
    match m.op.kind() {
        RecordKind::FollowUp => apply::<FollowUps>(tx, actor, m, now, now_text, clusters),
        RecordKind::Run => apply::<Runs>(tx, actor, m, now, now_text, clusters),
        RecordKind::Unit => apply::<Units>(tx, actor, m, now, now_text, clusters),
        RecordKind::Household => apply::<Households>(tx, actor, m, now, now_text, clusters),
        RecordKind::Visit => apply::<Visits>(tx, actor, m, now, now_text, clusters),
        RecordKind::Complaint => apply::<Complaints>(tx, actor, m, now, now_text, clusters),
        RecordKind::Collection => apply::<Collections>(tx, actor, m, now, now_text, clusters),
        RecordKind::Place => apply::<Places>(tx, actor, m, now, now_text, clusters),
        RecordKind::Notice => apply::<Notices>(tx, actor, m, now, now_text, clusters),
        RecordKind::Delivery => apply::<Deliveries>(tx, actor, m, now, now_text, clusters),
        RecordKind::Activity => apply::<Activities>(tx, actor, m, now, now_text, clusters),
        RecordKind::Template | RecordKind::Arrears => Ok(refused(m, now, Reason::NotFound)),
    }
}

fn apply_one(
    tx: &rusqlite::Transaction<'_>,
    actor: &Actor,
    m: &Mutation,
    now: DateTime<Utc>,
    now_text: &str,
    clusters: &std::collections::HashSet<app::domain::ClusterId>,
) -> Result<Outcome, DbError> {
    let photos = match &m.op {
        Op::CreateFollowUp { photos, .. }
        | Op::RecordItem { photos, .. }
        | Op::PostNotice { photos, .. }
        | Op::TakeDownNotice { photos, .. } => photos.as_slice(),
        _ => &[],
    };
    for sha in photos {
        if !db::checklist::may_cite_blob(tx, sha, actor)? {
            return Ok(refused(
                m,
                now,
                Reason::Invalid {
                    field: "photos".into(),
                },
            ));
        }
    }
    apply_kind(tx, actor, m, now, now_text, clusters)
}
