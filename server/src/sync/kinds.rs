//! The server's half of the record-kind kit (`app::sync::kind`): how a kind's record is
//! loaded, what its rule reads is gathered, and an applied record is stored and published.
//! [`apply`] takes any kind through the same steps — load, gather, decide, store — and the
//! push, the office's "apply" from needs-attention and the audit trail all go through it.

use super::engine::{outcome, refused};
use crate::db::{self, sync as store, DbError};
use app::domain::checklist::Template;
use app::domain::follow_up::Actor;
use app::domain::household::Household;
use app::domain::{ClusterId, Department, Role};
use app::sync::kind::{
    decide, Activities, Collections, Complaints, Decision, Deliveries, FollowUps, Households, Kind,
    Notices, Places, Runs, Units, Visits,
};
use app::sync::{Mutation, Op, Outcome, Reason, Verdict};
use chrono::{DateTime, Utc};
use rusqlite::Transaction;
use std::collections::HashSet;
use uuid::Uuid;

/// What a kind brings to the server.
pub trait Stored: Kind {
    /// What [`Stored::gather`] loads for the rule, owned (nothing, by default).
    type Gathered: Default;

    /// The record as it stands.
    fn load(tx: &Transaction<'_>, id: Uuid) -> Result<Option<Self::Record>, DbError>;

    /// Loads what the rule reads besides the record. `Ok(Err(reason))` refuses the mutation
    /// before the rule runs (it names a cluster or unit the estate does not have). By
    /// default, nothing.
    fn gather(
        _tx: &Transaction<'_>,
        _m: &Mutation,
        _current: Option<&Self::Record>,
        _clusters: &HashSet<ClusterId>,
    ) -> Result<Result<Self::Gathered, Reason>, DbError> {
        Ok(Ok(Self::Gathered::default()))
    }

    /// The rule's view of what was gathered.
    fn needs(gathered: &Self::Gathered) -> Self::Needs<'_>;

    /// Stores an applied record and appends its change; returns the change-log position and,
    /// when it overwrote a value its author had not seen, the notice that flags it.
    fn save(
        tx: &Transaction<'_>,
        record: &Self::Record,
        m: &Mutation,
        gathered: &Self::Gathered,
        now_text: &str,
    ) -> Result<(i64, Option<Reason>), DbError>;
}

/// Decides and applies one mutation of kind `K` for `actor`.
pub fn apply<K: Stored>(
    tx: &Transaction<'_>,
    actor: &Actor,
    m: &Mutation,
    now: DateTime<Utc>,
    now_text: &str,
    clusters: &HashSet<ClusterId>,
) -> Result<Outcome, DbError> {
    let current = K::load(tx, m.record_id())?;
    let gathered = match K::gather(tx, m, current.as_ref(), clusters)? {
        Ok(g) => g,
        Err(reason) => return Ok(refused(m, now, reason)),
    };
    let decision = decide::<K>(
        actor,
        current.as_ref(),
        &m.op,
        K::needs(&gathered),
        now,
        m.schema_version,
    );
    store_decision::<K>(tx, m, decision, &gathered, now, now_text)
}

/// Stores what was decided on `m` and says its outcome.
pub fn store_decision<K: Stored>(
    tx: &Transaction<'_>,
    m: &Mutation,
    decision: Decision<K::Record>,
    gathered: &K::Gathered,
    now: DateTime<Utc>,
    now_text: &str,
) -> Result<Outcome, DbError> {
    let (verdict, server_seq, notice) = match decision {
        Decision::Apply(record) => {
            let (seq, notice) = K::save(tx, &record, m, gathered, now_text)?;
            (Verdict::Applied, Some(seq), notice)
        }
        Decision::AlreadyDone => (Verdict::Applied, None, None),
        Decision::Refuse(reason) => (Verdict::Refused { reason }, None, None),
        Decision::Conflict(reason) => (Verdict::Conflict { reason }, None, None),
    };
    Ok(outcome(m, now, verdict, server_seq, notice))
}

/// A mutation that names a cluster must name one of the estate's.
fn known_cluster(clusters: &HashSet<ClusterId>, cluster: &ClusterId) -> Result<(), Reason> {
    if clusters.contains(cluster) {
        Ok(())
    } else {
        Err(Reason::Invalid {
            field: "cluster_id".into(),
        })
    }
}

fn broken(what: &str) -> DbError {
    DbError::Corrupt(format!("an applied {what} lacks what its rule wrote"))
}

impl Stored for FollowUps {
    type Gathered = Option<Option<(Role, Option<Department>)>>;

    fn load(tx: &Transaction<'_>, id: Uuid) -> Result<Option<Self::Record>, DbError> {
        store::load_follow_up(tx, app::domain::follow_up::FollowUpId(id))
    }

    fn gather(
        tx: &Transaction<'_>,
        m: &Mutation,
        _: Option<&Self::Record>,
        clusters: &HashSet<ClusterId>,
    ) -> Result<Result<Self::Gathered, Reason>, DbError> {
        Ok(match &m.op {
            Op::CreateFollowUp { cluster_id, .. } => {
                known_cluster(clusters, cluster_id).map(|()| None)
            }
            Op::AssignFollowUp { assignee, .. } => Ok(Some(store::active_role(tx, *assignee)?)),
            _ => Ok(None),
        })
    }

    fn needs(gathered: &Self::Gathered) -> Self::Needs<'_> {
        *gathered
    }

    fn save(
        tx: &Transaction<'_>,
        record: &Self::Record,
        _: &Mutation,
        _: &Self::Gathered,
        now_text: &str,
    ) -> Result<(i64, Option<Reason>), DbError> {
        Ok((store::save_follow_up(tx, record, now_text)?, None))
    }
}

/// What the run rule reads, loaded: the template version the run follows and, when finishing
/// a run whose template requires check-ins, its cluster's places.
#[derive(Debug, Default)]
pub struct RunGathered {
    /// The template version.
    pub template: Option<Template>,
    /// The run's cluster's places.
    pub places: Option<Vec<app::domain::place::Place>>,
}

impl Stored for Runs {
    type Gathered = RunGathered;

    fn load(tx: &Transaction<'_>, id: Uuid) -> Result<Option<Self::Record>, DbError> {
        db::checklist::load_run(tx, app::domain::RunId(id))
    }

    fn gather(
        tx: &Transaction<'_>,
        m: &Mutation,
        current: Option<&Self::Record>,
        clusters: &HashSet<ClusterId>,
    ) -> Result<Result<Self::Gathered, Reason>, DbError> {
        let version = match (&m.op, current) {
            (
                Op::StartRun {
                    cluster_id,
                    unit,
                    template_version,
                    ..
                },
                _,
            ) => {
                if let Err(reason) = known_cluster(clusters, cluster_id) {
                    return Ok(Err(reason));
                }
                if let Some(unit) = unit {
                    if db::unit::load_unit(tx, *unit)?.map(|u| u.cluster_id) != Some(*cluster_id) {
                        return Ok(Err(Reason::Invalid {
                            field: "unit".into(),
                        }));
                    }
                }
                Some(*template_version)
            }
            (_, Some(run)) => Some(run.template_version),
            (_, None) => None,
        };
        let template = match version {
            Some(v) => db::checklist::load_template(tx, v)?,
            None => None,
        };
        let places = match (&m.op, current, &template) {
            (Op::FinishRun { .. }, Some(run), Some(t)) if t.scans_required => {
                Some(db::place::places_of_cluster(tx, run.cluster_id)?)
            }
            _ => None,
        };
        Ok(Ok(RunGathered { template, places }))
    }

    fn needs(gathered: &Self::Gathered) -> Self::Needs<'_> {
        app::sync::kind::RunNeeds {
            template: gathered.template.as_ref(),
            places: gathered.places.as_ref().map(|ps| ps.iter().collect()),
        }
    }

    fn save(
        tx: &Transaction<'_>,
        record: &Self::Record,
        _: &Mutation,
        template: &Self::Gathered,
        now_text: &str,
    ) -> Result<(i64, Option<Reason>), DbError> {
        // The rule never applies a run without its template.
        let template = template.template.as_ref().ok_or_else(|| broken("run"))?;
        let failures = record.failures(template);
        Ok((
            db::checklist::save_run(tx, record, failures, now_text)?,
            None,
        ))
    }
}

impl Stored for Units {
    type Gathered = ();

    fn load(tx: &Transaction<'_>, id: Uuid) -> Result<Option<Self::Record>, DbError> {
        db::unit::load_unit(tx, app::domain::UnitId(id))
    }

    fn needs((): &()) {}

    fn save(
        tx: &Transaction<'_>,
        unit: &Self::Record,
        m: &Mutation,
        (): &(),
        now_text: &str,
    ) -> Result<(i64, Option<Reason>), DbError> {
        let Op::RecordOccupancy { change, .. } = &m.op else {
            return Err(broken("unit"));
        };
        let c = unit
            .history
            .iter()
            .find(|c| c.id == *change)
            .ok_or_else(|| broken("unit"))?;
        let notice = c.replaced_unseen.map(|o| Reason::Overwrote {
            previous: o.code().to_owned(),
        });
        Ok((db::unit::save_change(tx, unit, c, now_text)?, notice))
    }
}

impl Stored for Households {
    type Gathered = ();

    fn load(tx: &Transaction<'_>, id: Uuid) -> Result<Option<Self::Record>, DbError> {
        db::household::load_household(tx, app::domain::household::HouseholdId(id))
    }

    fn needs((): &()) {}

    fn save(
        tx: &Transaction<'_>,
        h: &Self::Record,
        _: &Mutation,
        (): &(),
        now_text: &str,
    ) -> Result<(i64, Option<Reason>), DbError> {
        let c = h.history.last().ok_or_else(|| broken("household"))?;
        let notice = c.author_saw.is_some().then(|| Reason::Overwrote {
            previous: c.previous.clone(),
        });
        Ok((db::household::save_change(tx, h, c, now_text)?, notice))
    }
}

impl Stored for Visits {
    /// The household the visit names.
    type Gathered = Option<Household>;

    fn load(tx: &Transaction<'_>, id: Uuid) -> Result<Option<Self::Record>, DbError> {
        db::visit::load_visit(tx, app::domain::visit::VisitId(id))
    }

    fn gather(
        tx: &Transaction<'_>,
        m: &Mutation,
        _: Option<&Self::Record>,
        _: &HashSet<ClusterId>,
    ) -> Result<Result<Self::Gathered, Reason>, DbError> {
        Ok(Ok(match &m.op {
            Op::RecordVisit { household, .. } => db::household::load_household(tx, *household)?,
            _ => None,
        }))
    }

    fn needs(gathered: &Self::Gathered) -> Self::Needs<'_> {
        gathered.as_ref()
    }

    fn save(
        tx: &Transaction<'_>,
        v: &Self::Record,
        _: &Mutation,
        _: &Self::Gathered,
        now_text: &str,
    ) -> Result<(i64, Option<Reason>), DbError> {
        Ok((db::visit::save_visit(tx, v, now_text)?, None))
    }
}

impl Stored for Collections {
    /// The unit the contact names.
    type Gathered = Option<app::domain::unit::Unit>;

    fn load(tx: &Transaction<'_>, id: Uuid) -> Result<Option<Self::Record>, DbError> {
        db::collection::load_contact(tx, app::domain::collection::ContactId(id))
    }

    fn gather(
        tx: &Transaction<'_>,
        m: &Mutation,
        _: Option<&Self::Record>,
        _: &HashSet<ClusterId>,
    ) -> Result<Result<Self::Gathered, Reason>, DbError> {
        Ok(Ok(match &m.op {
            Op::RecordCollectionContact { unit_id, .. } => db::unit::load_unit(tx, *unit_id)?,
            _ => None,
        }))
    }

    fn needs(gathered: &Self::Gathered) -> Self::Needs<'_> {
        gathered.as_ref()
    }

    fn save(
        tx: &Transaction<'_>,
        c: &Self::Record,
        _: &Mutation,
        _: &Self::Gathered,
        now_text: &str,
    ) -> Result<(i64, Option<Reason>), DbError> {
        Ok((db::collection::save_contact(tx, c, now_text)?, None))
    }
}

impl Stored for Places {
    type Gathered = ();

    fn load(tx: &Transaction<'_>, id: Uuid) -> Result<Option<Self::Record>, DbError> {
        db::place::load_place(tx, app::domain::place::PlaceId(id))
    }

    /// A place names one of the estate's clusters, and a template the estate has.
    fn gather(
        tx: &Transaction<'_>,
        m: &Mutation,
        _: Option<&Self::Record>,
        clusters: &HashSet<ClusterId>,
    ) -> Result<Result<Self::Gathered, Reason>, DbError> {
        let Op::SavePlace { place } = &m.op else {
            return Ok(Ok(()));
        };
        if let Err(r) = known_cluster(clusters, &place.cluster_id) {
            return Ok(Err(r));
        }
        if let Some(t) = place.template {
            if !db::place::template_known(tx, t)? {
                return Ok(Err(Reason::Invalid {
                    field: "template".into(),
                }));
            }
        }
        Ok(Ok(()))
    }

    fn needs(_: &Self::Gathered) -> Self::Needs<'_> {}

    fn save(
        tx: &Transaction<'_>,
        p: &Self::Record,
        _: &Mutation,
        _: &Self::Gathered,
        now_text: &str,
    ) -> Result<(i64, Option<Reason>), DbError> {
        Ok((db::place::save_place(tx, p, now_text)?, None))
    }
}

impl Stored for Notices {
    /// The boards a new notice names.
    type Gathered = Vec<app::domain::place::Place>;

    fn load(tx: &Transaction<'_>, id: Uuid) -> Result<Option<Self::Record>, DbError> {
        db::place::load_notice(tx, app::domain::place::NoticeId(id))
    }

    fn gather(
        tx: &Transaction<'_>,
        m: &Mutation,
        _: Option<&Self::Record>,
        _: &HashSet<ClusterId>,
    ) -> Result<Result<Self::Gathered, Reason>, DbError> {
        Ok(Ok(match &m.op {
            // Bounded before loading: a longer list is refused by the rule all the same.
            Op::PostNotice { boards, .. } if boards.len() <= app::domain::place::MAX_BOARDS => {
                db::place::places_named(tx, boards)?
            }
            _ => vec![],
        }))
    }

    fn needs(gathered: &Self::Gathered) -> Self::Needs<'_> {
        gathered.iter().collect()
    }

    fn save(
        tx: &Transaction<'_>,
        n: &Self::Record,
        _: &Mutation,
        _: &Self::Gathered,
        now_text: &str,
    ) -> Result<(i64, Option<Reason>), DbError> {
        Ok((db::place::save_notice(tx, n, now_text)?, None))
    }
}

impl Stored for Complaints {
    /// The household a new complaint names; the status of the follow-up a valid one was
    /// handed on as.
    type Gathered = (
        Option<Household>,
        Option<app::domain::follow_up::FollowUpStatus>,
    );

    fn load(tx: &Transaction<'_>, id: Uuid) -> Result<Option<Self::Record>, DbError> {
        db::complaint::load_complaint(tx, app::domain::complaint::ComplaintId(id))
    }

    fn gather(
        tx: &Transaction<'_>,
        m: &Mutation,
        current: Option<&Self::Record>,
        clusters: &HashSet<ClusterId>,
    ) -> Result<Result<Self::Gathered, Reason>, DbError> {
        Ok(Ok(match (&m.op, current) {
            (
                Op::TakeComplaint {
                    cluster_id,
                    household,
                    ..
                },
                _,
            ) => {
                if let Err(reason) = known_cluster(clusters, cluster_id) {
                    return Ok(Err(reason));
                }
                let household = match household {
                    Some(h) => db::household::load_household(tx, *h)?,
                    None => None,
                };
                (household, None)
            }
            (Op::SignOffComplaint { .. }, Some(c)) => {
                let status = match c.follow_up() {
                    Some(f) => store::load_follow_up(tx, f)?.map(|f| f.status),
                    None => None,
                };
                (None, status)
            }
            _ => (None, None),
        }))
    }

    fn needs(gathered: &Self::Gathered) -> Self::Needs<'_> {
        app::sync::complaint::ComplaintNeeds {
            household: gathered.0.as_ref(),
            follow_up: gathered.1,
        }
    }

    fn save(
        tx: &Transaction<'_>,
        c: &Self::Record,
        _: &Mutation,
        _: &Self::Gathered,
        now_text: &str,
    ) -> Result<(i64, Option<Reason>), DbError> {
        Ok((db::complaint::save_complaint(tx, c, now_text)?, None))
    }
}

impl Stored for Deliveries {
    type Gathered = ();

    fn load(tx: &Transaction<'_>, id: Uuid) -> Result<Option<Self::Record>, DbError> {
        db::document::load_delivery(tx, app::domain::document::DeliveryId(id))
    }

    fn needs(_: &Self::Gathered) -> Self::Needs<'_> {}

    fn save(
        tx: &Transaction<'_>,
        d: &Self::Record,
        _: &Mutation,
        _: &Self::Gathered,
        now_text: &str,
    ) -> Result<(i64, Option<Reason>), DbError> {
        Ok((db::document::save_delivery(tx, d, now_text)?, None))
    }
}

impl Stored for Activities {
    type Gathered = ();

    fn load(tx: &Transaction<'_>, id: Uuid) -> Result<Option<Self::Record>, DbError> {
        db::activity::load_activity(tx, app::domain::activity::ActivityId(id))
    }

    fn needs(_: &Self::Gathered) -> Self::Needs<'_> {}

    fn save(
        tx: &Transaction<'_>,
        a: &Self::Record,
        _: &Mutation,
        _: &Self::Gathered,
        now_text: &str,
    ) -> Result<(i64, Option<Reason>), DbError> {
        Ok((db::activity::save_activity(tx, a, now_text)?, None))
    }
}
