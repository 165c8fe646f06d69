//! Deciding a visit note. Pure, like [`super::apply`]. A visit is a fact: recorded once (a
//! replay is already done), by the butler of the household's cluster or the office; each
//! question answered on the spot or referred, never neither.

use super::{Op, Reason, SCHEMA_VERSION};
use crate::domain::checklist::text_ok;
use crate::domain::follow_up::Actor;
use crate::domain::household::Household;
use crate::domain::visit::Visit;
use crate::domain::Role;
use chrono::{DateTime, Utc};

/// The decision on a visit mutation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VisitDecision {
    /// Store this visit.
    Apply(Box<Visit>),
    /// It is stored already.
    AlreadyDone,
    /// Refused; nothing changes.
    Refuse(Reason),
}

fn invalid(field: &str) -> VisitDecision {
    VisitDecision::Refuse(Reason::Invalid {
        field: field.to_owned(),
    })
}

/// Decides `op` given the visit if it exists and the household it names.
pub fn decide_visit(
    actor: &Actor,
    existing: Option<&Visit>,
    household: Option<&Household>,
    op: &Op,
    now: DateTime<Utc>,
    schema_version: u32,
) -> VisitDecision {
    if schema_version > SCHEMA_VERSION {
        return VisitDecision::Refuse(Reason::UnsupportedSchema {
            version: schema_version,
        });
    }
    let Op::RecordVisit {
        id,
        channel,
        at,
        met,
        said,
        items,
        ..
    } = op
    else {
        return VisitDecision::Refuse(Reason::NotFound);
    };
    if existing.is_some() {
        return VisitDecision::AlreadyDone;
    }
    let Some(h) = household else {
        return VisitDecision::Refuse(Reason::NotFound);
    };
    if !(actor.is_office()
        || (actor.role == Role::Butler && actor.clusters.contains(&h.cluster_id)))
    {
        return VisitDecision::Refuse(if actor.role == Role::Butler {
            Reason::OutOfScope
        } else {
            Reason::Forbidden
        });
    }
    if met.chars().count() > 100 {
        return invalid("met");
    }
    if !text_ok(said, 2000) && items.is_empty() {
        return invalid("said");
    }
    if items.len() > 20 {
        return invalid("items");
    }
    for item in items {
        let answered = item.answer.as_deref().is_some_and(|a| text_ok(a, 2000));
        if !text_ok(&item.question, 500) || answered == item.follow_up.is_some() {
            return invalid("items");
        }
    }
    VisitDecision::Apply(Box::new(Visit {
        id: *id,
        household: h.id,
        unit_id: h.unit_id,
        cluster_id: h.cluster_id,
        channel: *channel,
        at: *at,
        met: met.trim().to_owned(),
        said: said.trim().to_owned(),
        items: items
            .iter()
            .map(|i| crate::domain::visit::VisitItem {
                question: i.question.trim().to_owned(),
                answer: i.answer.as_ref().map(|a| a.trim().to_owned()),
                follow_up: i.follow_up,
            })
            .collect(),
        butler: actor.user,
        recorded_at: now,
    }))
}
