//! "Needs attention" (需处理): mutations the server refused or found in conflict, until someone
//! settles them. A butler sees their own; the office sees everyone's and may apply one (a
//! conflicting status change is set as asked, a refused one is decided again with the
//! office's rights) or discard it. Nothing is lost: the mutation stays stored either way.

use super::kinds::{store_decision, Stored};
use crate::auth::Authenticated;
use crate::db::{self, sync as store, DbError};
use crate::error::ApiError;
use crate::state::AppState;
use app::domain::follow_up::Actor;
use app::session::ErrorCode;
use app::sync::apply::force;
use app::sync::kind::{decide, Decision, FollowUps, Runs};
use app::sync::{AttentionItem, RecordKind, SettleRequest, Settlement};
use axum::extract::State;
use axum::Json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The attention routes, to be nested under `/api/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(settle))
}

/// What needs attention: a butler's own, or everyone's for the office.
#[utoipa::path(get, path = "/attention", tag = "sync",
    responses((status = 200, description = "Unsettled items, newest first.", body = Vec<AttentionItem>)))]
async fn list(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
) -> Result<Json<Vec<AttentionItem>>, ApiError> {
    let office = Actor::of(&session.user).is_office();
    let user = session.user.id;
    let items = state
        .db
        .read(move |c| store::attention(c, (!office).then_some(user)))
        .await?;
    Ok(Json(items))
}

/// Settles an item: apply it (office) or discard it.
#[utoipa::path(post, path = "/attention/settle", tag = "sync", request_body = SettleRequest,
    responses((status = 200, description = "Settled.", body = Object)))]
async fn settle(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Json(req): Json<SettleRequest>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let actor = Actor::of(&session.user);
    let may_settle_any = actor.is_office();
    let result = state
        .db
        .write(move |tx| settle_in(tx, &actor, may_settle_any, &req))
        .await?;
    match result {
        Ok(server_seq) => Ok(Json(
            serde_json::json!({ "settled": true, "server_seq": server_seq }),
        )),
        Err(code) => Err(ApiError::refused(code)),
    }
}

fn settle_in(
    tx: &rusqlite::Transaction<'_>,
    actor: &Actor,
    office: bool,
    req: &SettleRequest,
) -> Result<Result<Option<i64>, ErrorCode>, DbError> {
    let Some(item) = store::attention_item(tx, req.device_id, req.seq)? else {
        return Ok(Err(ErrorCode::BadRequest));
    };
    // The server keeps who sent every item.
    let author = item
        .user_id
        .ok_or_else(|| DbError::Corrupt(format!("no sender for {} #{}", req.device_id, req.seq)))?;
    let own = author == actor.user;
    let now = chrono::Utc::now();
    let now_text = db::instant_text(now);
    // An applied change flagged for a look: its author or the office acknowledges it; it has
    // taken effect already, so either action only takes it off the list.
    if item.outcome.verdict == app::sync::Verdict::Applied {
        if !(office || own) {
            return Ok(Err(ErrorCode::Forbidden));
        }
        store::settle(tx, req.device_id, req.seq, actor.user, true, &now_text)?;
        return Ok(Ok(None));
    }
    // A butler may discard their own; applying is the office's.
    if !(office || (own && req.action == Settlement::Discard)) {
        return Ok(Err(ErrorCode::Forbidden));
    }
    let mut server_seq = None;
    let kind = item.mutation.op.kind();
    // A follow-up's change is decided again as the office's (a conflicting status is set as
    // asked). Every other kind's is decided again with the office's rights (a
    // butler's change refused because the cluster moved to another butler, say), by the same
    // rules as a push — but in their author's name: the occupancy change, correction, visit or
    // answer stays theirs (a visit counts in their visit report); the audit trail records who
    // applied it.
    let as_author = Actor {
        user: author,
        ..actor.clone()
    };
    if req.action == Settlement::Apply {
        let outcome = match kind {
            RecordKind::Run => {
                match apply_run_as_office(tx, &as_author, &item.mutation, now, &now_text)? {
                    Ok(seq) => Some(seq),
                    Err(code) => return Ok(Err(code)),
                }
            }
            RecordKind::FollowUp => {
                let m = &item.mutation;
                let current = FollowUps::load(tx, m.record_id())?;
                let decided = match (&item.outcome.verdict, &current) {
                    (app::sync::Verdict::Conflict { .. }, Some(f)) => {
                        force(actor, f, &m.op, m.id, now)
                            .map(Decision::apply)
                            .unwrap_or(Decision::AlreadyDone)
                    }
                    _ => decide::<FollowUps>(
                        actor,
                        current.as_ref(),
                        &m.op,
                        None,
                        now,
                        m.schema_version,
                    ),
                };
                applied(store_decision::<FollowUps>(
                    tx, m, decided, &None, now, &now_text,
                )?)
            }
            // Every other kind: decided again by its own rule, through the kit.
            _ => applied(crate::sync::engine::apply_as(
                tx,
                &as_author,
                &item.mutation,
                now,
                &now_text,
            )?),
        };
        match outcome {
            Some(seq) => server_seq = seq,
            None => return Ok(Err(ErrorCode::BadRequest)),
        }
    }
    if server_seq.is_some() {
        db::audit::record(
            tx,
            &db::audit::Audit {
                user: Some(actor.user),
                device: Some(req.device_id.0),
                source: app::estate::audit::AuditSource::Office,
                kind: kind.code(),
                record: item.mutation.record_id().to_string(),
                action: item.mutation.op.name(),
                detail: String::new(),
                change: Some(app::estate::audit::AuditChange::Settled {
                    author: db::staff::display_name(tx, author)?.unwrap_or_default(),
                }),
            },
            &now_text,
        )?;
    }
    store::settle(
        tx,
        req.device_id,
        req.seq,
        actor.user,
        req.action == Settlement::Apply,
        &now_text,
    )?;
    Ok(Ok(server_seq))
}

/// `Some(its change-log position)` when the outcome is applied; `None` when it is not.
fn applied(outcome: app::sync::Outcome) -> Option<Option<i64>> {
    (outcome.verdict == app::sync::Verdict::Applied).then_some(outcome.server_seq)
}

/// The office applies a refused run mutation: decided again with office rights; a change to a
/// finished run is applied to it as it stands (the run stays finished).
fn apply_run_as_office(
    tx: &rusqlite::Transaction<'_>,
    actor: &Actor,
    m: &app::sync::Mutation,
    now: chrono::DateTime<chrono::Utc>,
    now_text: &str,
) -> Result<Result<Option<i64>, ErrorCode>, DbError> {
    let clusters = store::cluster_ids(tx)?;
    let current = Runs::load(tx, m.record_id())?;
    let Ok(gathered) = Runs::gather(tx, m, current.as_ref(), &clusters)? else {
        return Ok(Err(ErrorCode::BadRequest));
    };
    let decide_on = |run: Option<&app::domain::checklist::Run>| {
        decide::<Runs>(
            actor,
            run,
            &m.op,
            Runs::needs(&gathered),
            now,
            m.schema_version,
        )
    };
    let mut decided = decide_on(current.as_ref());
    if let (Decision::Refuse(app::sync::Reason::Locked), Some(run)) = (&decided, &current) {
        let mut open = run.clone();
        let finished = open.finished_at.take();
        decided = match decide_on(Some(&open)) {
            Decision::Apply(mut r) => {
                r.finished_at = finished;
                Decision::Apply(r)
            }
            other => other,
        };
    }
    let outcome = store_decision::<Runs>(tx, m, decided, &gathered, now, now_text)?;
    if outcome.verdict != app::sync::Verdict::Applied {
        return Ok(Err(ErrorCode::BadRequest));
    }
    Ok(Ok(outcome.server_seq))
}
