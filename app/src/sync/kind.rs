//! The record-kind kit: what a synced record kind is, on the pure side both the server and the
//! browser share.
//!
//! A kind names its record type, its name on the wire ([`RecordKind`]), what else its rule
//! reads besides the record (`Needs`: a run's template, a visit's household), and its rule:
//! pure, deciding one mutation against the record as it stands. [`decide`] checks the
//! payload's schema version once for every kind, then asks the kind. The server applies,
//! stores, publishes and audits any kind through one path (`server::sync::kinds`); the browser
//! replays any kind through one path ([`crate::offline::replay`]).

use super::{Op, Reason, Record, RecordKind, SCHEMA_VERSION};
use crate::domain::follow_up::Actor;
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;
use uuid::Uuid;

/// The decision on one mutation of a record `R`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision<R> {
    /// Store this record (version raised, history written).
    Apply(Box<R>),
    /// The effect is already there (a replay, or two phones did the same): nothing to store.
    AlreadyDone,
    /// Refused; nothing changes.
    Refuse(Reason),
    /// In conflict with the current state; nothing changes; the office resolves it.
    Conflict(Reason),
}

impl<R> Decision<R> {
    /// Refused because `field` is malformed or over its bound.
    pub fn invalid(field: &str) -> Decision<R> {
        Decision::Refuse(Reason::Invalid {
            field: field.to_owned(),
        })
    }

    /// Stores `record`.
    pub fn apply(record: R) -> Decision<R> {
        Decision::Apply(Box::new(record))
    }
}

/// A synced record kind.
pub trait Kind {
    /// The record.
    type Record: Clone + PartialEq + Serialize + DeserializeOwned;
    /// What the rule reads besides the record, borrowed from wherever the caller keeps it.
    type Needs<'a>;
    /// Its name on the wire and in the change log.
    const KIND: RecordKind;

    /// The record's id.
    fn id(record: &Self::Record) -> Uuid;

    /// The rule: `op` by `actor` against the record as it stands (`None`: no such record).
    /// Called through [`decide`], which has checked the schema version.
    fn rule(
        actor: &Actor,
        current: Option<&Self::Record>,
        op: &Op,
        needs: Self::Needs<'_>,
        now: DateTime<Utc>,
    ) -> Decision<Self::Record>;

    /// The record as it travels in a pull.
    fn wrap(record: Self::Record) -> Record;

    /// The record of this kind in a pulled change, if it is one.
    fn unwrap(record: Record) -> Option<Self::Record>;
}

/// Decides a mutation of kind `K` whose payload has `schema_version`: a payload newer than
/// this build is refused for every kind alike; otherwise the kind's rule decides.
pub fn decide<K: Kind>(
    actor: &Actor,
    current: Option<&K::Record>,
    op: &Op,
    needs: K::Needs<'_>,
    now: DateTime<Utc>,
    schema_version: u32,
) -> Decision<K::Record> {
    if schema_version > SCHEMA_VERSION {
        return Decision::Refuse(Reason::UnsupportedSchema {
            version: schema_version,
        });
    }
    K::rule(actor, current, op, needs, now)
}

/// Whether `actor` may act on a record of `cluster` as the cluster's butler or the office
/// (complaints, notices, documents' deliveries): another cluster's butler is out of scope,
/// any other role forbidden.
pub(super) fn cluster_butler_or_office(
    actor: &Actor,
    cluster: crate::domain::ClusterId,
) -> Result<(), Reason> {
    if actor.is_office() || (actor.role == Role::Butler && actor.clusters.contains(&cluster)) {
        Ok(())
    } else if actor.role == Role::Butler {
        Err(Reason::OutOfScope)
    } else {
        Err(Reason::Forbidden)
    }
}

/// Follow-ups (`apply`). Needs: for an assignment, the assignee's role and department if the
/// user exists (`None` skips the check: the browser has no staff list).
pub struct FollowUps;
/// Checklist runs (`run`). Needs: the template version the run follows and the places of its
/// round, as far as known ([`RunNeeds`]).
pub struct Runs;

/// What the run rule reads besides the run.
#[derive(Debug, Clone, Default)]
pub struct RunNeeds<'a> {
    /// The template version the run follows, if known.
    pub template: Option<&'a Template>,
    /// The places of the run's cluster, when finishing a run whose template requires
    /// check-ins (`None`: unknown, not checked).
    pub places: Option<Vec<&'a crate::domain::place::Place>>,
}

impl<'a> RunNeeds<'a> {
    /// The template alone.
    pub fn template(template: Option<&'a Template>) -> RunNeeds<'a> {
        RunNeeds {
            template,
            places: None,
        }
    }
}
/// Units' occupancy (`unit`).
pub struct Units;
/// Households' shared fields (`household`).
pub struct Households;
/// Visit notes (`visit`). Needs: the household the visit names, if known.
pub struct Visits;
/// Complaints (`complaint`). Needs: the household a new one names and the status of the
/// follow-up a valid one was handed on as, if known.
pub struct Complaints;
/// Fee-collection contacts (`collection`). Needs: the unit the contact names, if known.
pub struct Collections;
/// Places (`place`).
pub struct Places;
/// Notices (`notice`). Needs: the boards a new notice names, as far as known.
pub struct Notices;
/// Documents' deliveries to households (`delivery`).
pub struct Deliveries;
/// Community activities (`activity`), with their shares and sign-ups.
pub struct Activities;

macro_rules! wraps {
    ($kind:ty, $record:ty, $variant:ident, <$lt:lifetime> $needs:ty, $rule:path) => {
        impl Kind for $kind {
            type Record = $record;
            type Needs<$lt> = $needs;
            const KIND: RecordKind = RecordKind::$variant;

            fn id(record: &$record) -> Uuid {
                record.id.0
            }

            fn rule<$lt>(
                actor: &Actor,
                current: Option<&$record>,
                op: &Op,
                needs: $needs,
                now: DateTime<Utc>,
            ) -> Decision<$record> {
                $rule(actor, current, op, needs, now)
            }

            fn wrap(record: $record) -> Record {
                Record::$variant(record)
            }

            fn unwrap(record: Record) -> Option<$record> {
                match record {
                    Record::$variant(r) => Some(r),
                    _ => None,
                }
            }
        }
    };
}

use crate::domain::checklist::{Run, Template};
use crate::domain::follow_up::FollowUp;
use crate::domain::household::Household;
use crate::domain::unit::Unit;
use crate::domain::visit::Visit;
use crate::domain::{Department, Role};

wraps!(FollowUps, FollowUp, FollowUp, <'a> Option<Option<(Role, Option<Department>)>>, super::apply::rule);
wraps!(Runs, Run, Run, <'a> RunNeeds<'a>, super::run::rule);
wraps!(Units, Unit, Unit, <'a> (), super::unit::rule);
wraps!(Households, Household, Household, <'a> (), super::household::rule);
wraps!(Visits, Visit, Visit, <'a> Option<&'a Household>, super::visit::rule);
wraps!(Collections, crate::domain::collection::CollectionContact, Collection, <'a> Option<&'a crate::domain::unit::Unit>, super::collection::rule);
wraps!(Places, crate::domain::place::Place, Place, <'a> (), super::place::place_rule);
wraps!(Notices, crate::domain::place::Notice, Notice, <'a> Vec<&'a crate::domain::place::Place>, super::place::notice_rule);
wraps!(Deliveries, crate::domain::document::Delivery, Delivery, <'a> (), super::document::rule);
wraps!(Activities, crate::domain::activity::Activity, Activity, <'a> (), super::activity::rule);
wraps!(Complaints, crate::domain::complaint::Complaint, Complaint, <'a> super::complaint::ComplaintNeeds<'a>, super::complaint::rule);
