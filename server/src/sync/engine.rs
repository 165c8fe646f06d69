//! The push engine: one batch, inside the caller's transaction.

use crate::db::{self, sync as store, DbError};
use app::domain::follow_up::{Actor, FollowUpId};
use app::domain::{DeviceId, Role, SessionUser};
use app::estate::audit::AuditSource;
use app::sync::apply::{decide, Context, Decision};
use app::sync::run::{decide_run, RunDecision};
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
    let mut clusters: Vec<_> = user.clusters.iter().map(|c| c.id).collect();
    clusters.sort();
    let filter = match user.role {
        Role::Office | Role::Admin => store::ScopeFilter::All,
        Role::Butler => store::ScopeFilter::Clusters(clusters.clone()),
        Role::Staff => match user.department {
            Some(d) => store::ScopeFilter::Department(d),
            None => store::ScopeFilter::Nothing,
        },
    };
    let key = format!(
        "{}|{}|{}",
        user.role.code(),
        user.department.map(|d| d.code()).unwrap_or("-"),
        clusters
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(",")
    );
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
            detail: audit_detail(&m.op),
        },
        now_text,
    )
}

/// A mutation in a few words, for the trail.
fn audit_detail(op: &Op) -> String {
    match op {
        Op::RecordOccupancy {
            state,
            effective_date,
            household,
            note,
            ..
        } => [state.code(), &effective_date.to_string(), household, note]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" · "),
        Op::CorrectHousehold { field, value, .. } => format!("{field:?}: {value}"),
        Op::RecordItem { item, answer, .. } => format!("{item}: {answer:?}"),
        _ => String::new(),
    }
}

fn is_constraint(e: &rusqlite::Error) -> bool {
    e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation)
}

fn skew(m: &Mutation, now: DateTime<Utc>) -> Option<i64> {
    let skew = (m.device_time - now).num_seconds();
    (skew.abs() > SKEW_FLAG_SECS).then_some(skew)
}

/// A mutation's outcome as stored and answered.
fn outcome(
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

fn refused(m: &Mutation, now: DateTime<Utc>, reason: Reason) -> Outcome {
    Outcome {
        seq: m.seq,
        mutation_id: m.id,
        verdict: Verdict::Refused { reason },
        server_seq: None,
        skew_secs: skew(m, now),
        notice: None,
    }
}

/// A unit, household or visit mutation decided and applied for `actor` (the office applying
/// one from "needs attention").
pub fn apply_as(
    tx: &rusqlite::Transaction<'_>,
    actor: &Actor,
    m: &Mutation,
    now: DateTime<Utc>,
    now_text: &str,
) -> Result<Outcome, DbError> {
    match m.op.kind() {
        RecordKind::Unit => apply_unit(tx, actor, m, now, now_text),
        RecordKind::Household => apply_household(tx, actor, m, now, now_text),
        RecordKind::Visit => apply_visit(tx, actor, m, now, now_text),
        _ => Ok(refused(m, now, Reason::NotFound)),
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
        Op::CreateFollowUp { photos, .. } | Op::RecordItem { photos, .. } => photos.as_slice(),
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
    match m.op.kind() {
        RecordKind::Run => return apply_run(tx, actor, m, now, now_text, clusters),
        RecordKind::Unit => return apply_unit(tx, actor, m, now, now_text),
        RecordKind::Household => return apply_household(tx, actor, m, now, now_text),
        RecordKind::Visit => return apply_visit(tx, actor, m, now, now_text),
        RecordKind::FollowUp | RecordKind::Template => {}
    }
    if let Op::CreateFollowUp { cluster_id, .. } = &m.op {
        if !clusters.contains(cluster_id) {
            return Ok(refused(
                m,
                now,
                Reason::Invalid {
                    field: "cluster_id".into(),
                },
            ));
        }
    }
    let current = store::load_follow_up(tx, FollowUpId(m.record_id()))?;
    let assignee = match &m.op {
        Op::AssignFollowUp { assignee, .. } => Some(store::active_role(tx, *assignee)?),
        _ => None,
    };
    let ctx = Context {
        now,
        schema_version: m.schema_version,
        assignee,
    };
    let (verdict, server_seq) = match decide(actor, current.as_ref(), &m.op, &ctx) {
        Decision::Apply(f) => (
            Verdict::Applied,
            Some(store::save_follow_up(tx, &f, now_text)?),
        ),
        Decision::AlreadyDone => (Verdict::Applied, None),
        Decision::Refuse(reason) => (Verdict::Refused { reason }, None),
        Decision::Conflict(reason) => (Verdict::Conflict { reason }, None),
    };
    Ok(outcome(m, now, verdict, server_seq, None))
}

fn apply_run(
    tx: &rusqlite::Transaction<'_>,
    actor: &Actor,
    m: &Mutation,
    now: DateTime<Utc>,
    now_text: &str,
    clusters: &std::collections::HashSet<app::domain::ClusterId>,
) -> Result<Outcome, DbError> {
    let current = db::checklist::load_run(tx, app::domain::RunId(m.record_id()))?;
    let version = match (&m.op, &current) {
        (Op::StartRun { cluster_id, .. }, _) if !clusters.contains(cluster_id) => {
            return Ok(refused(
                m,
                now,
                Reason::Invalid {
                    field: "cluster_id".into(),
                },
            ));
        }
        (
            Op::StartRun {
                unit: Some(unit),
                cluster_id,
                ..
            },
            _,
        ) if db::unit::load_unit(tx, *unit)?.map(|u| u.cluster_id) != Some(*cluster_id) => {
            return Ok(refused(
                m,
                now,
                Reason::Invalid {
                    field: "unit".into(),
                },
            ));
        }
        (
            Op::StartRun {
                template_version, ..
            },
            _,
        ) => Some(*template_version),
        (_, Some(run)) => Some(run.template_version),
        (_, None) => None,
    };
    let template = match version {
        Some(v) => db::checklist::load_template(tx, v)?,
        None => None,
    };
    let decision = decide_run(
        actor,
        current.as_ref(),
        template.as_ref(),
        &m.op,
        now,
        m.schema_version,
    );
    let (verdict, server_seq) = match (decision, &template) {
        (RunDecision::Apply(run), Some(t)) => {
            let failures = run.failures(t);
            (
                Verdict::Applied,
                Some(db::checklist::save_run(tx, &run, failures, now_text)?),
            )
        }
        (RunDecision::Apply(_), None) => (
            Verdict::Refused {
                reason: Reason::NotFound,
            },
            None,
        ),
        (RunDecision::AlreadyDone, _) => (Verdict::Applied, None),
        (RunDecision::Refuse(reason), _) => (Verdict::Refused { reason }, None),
    };
    Ok(outcome(m, now, verdict, server_seq, None))
}

fn apply_unit(
    tx: &rusqlite::Transaction<'_>,
    actor: &Actor,
    m: &Mutation,
    now: DateTime<Utc>,
    now_text: &str,
) -> Result<Outcome, DbError> {
    use app::sync::unit::{decide_unit, UnitDecision};
    let current = db::unit::load_unit(tx, app::domain::UnitId(m.record_id()))?;
    let mut notice = None;
    let (verdict, server_seq) =
        match decide_unit(actor, current.as_ref(), &m.op, now, m.schema_version) {
            UnitDecision::Apply(unit) => {
                let Op::RecordOccupancy { change, .. } = &m.op else {
                    return Ok(refused(m, now, Reason::NotFound));
                };
                let Some(c) = unit.history.iter().find(|c| c.id == *change) else {
                    return Ok(refused(m, now, Reason::NotFound));
                };
                notice = c.replaced_unseen.map(|o| Reason::Overwrote {
                    previous: o.code().to_owned(),
                });
                (
                    Verdict::Applied,
                    Some(db::unit::save_change(tx, &unit, c, now_text)?),
                )
            }
            UnitDecision::AlreadyDone => (Verdict::Applied, None),
            UnitDecision::Refuse(reason) => (Verdict::Refused { reason }, None),
        };
    Ok(outcome(m, now, verdict, server_seq, notice))
}

fn apply_household(
    tx: &rusqlite::Transaction<'_>,
    actor: &Actor,
    m: &Mutation,
    now: DateTime<Utc>,
    now_text: &str,
) -> Result<Outcome, DbError> {
    use app::sync::household::{decide_household, HouseholdDecision};
    let id = app::domain::household::HouseholdId(m.record_id());
    let current = db::household::load_household(tx, id)?;
    let mut notice = None;
    let (verdict, server_seq) =
        match decide_household(actor, current.as_ref(), &m.op, now, m.schema_version) {
            HouseholdDecision::Apply(h) => {
                let Some(c) = h.history.last() else {
                    return Ok(refused(m, now, Reason::NotFound));
                };
                if c.author_saw.is_some() {
                    notice = Some(Reason::Overwrote {
                        previous: c.previous.clone(),
                    });
                }
                (
                    Verdict::Applied,
                    Some(db::household::save_change(tx, &h, c, now_text)?),
                )
            }
            HouseholdDecision::AlreadyDone => (Verdict::Applied, None),
            HouseholdDecision::Refuse(reason) => (Verdict::Refused { reason }, None),
        };
    Ok(outcome(m, now, verdict, server_seq, notice))
}

fn apply_visit(
    tx: &rusqlite::Transaction<'_>,
    actor: &Actor,
    m: &Mutation,
    now: DateTime<Utc>,
    now_text: &str,
) -> Result<Outcome, DbError> {
    use app::sync::visit::{decide_visit, VisitDecision};
    let Op::RecordVisit { id, household, .. } = &m.op else {
        return Ok(refused(m, now, Reason::NotFound));
    };
    let existing = db::visit::load_visit(tx, *id)?;
    let h = db::household::load_household(tx, *household)?;
    let (verdict, server_seq) = match decide_visit(
        actor,
        existing.as_ref(),
        h.as_ref(),
        &m.op,
        now,
        m.schema_version,
    ) {
        VisitDecision::Apply(v) => (
            Verdict::Applied,
            Some(db::visit::save_visit(tx, &v, now_text)?),
        ),
        VisitDecision::AlreadyDone => (Verdict::Applied, None),
        VisitDecision::Refuse(reason) => (Verdict::Refused { reason }, None),
    };
    Ok(outcome(m, now, verdict, server_seq, None))
}
