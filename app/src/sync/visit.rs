//! Deciding a visit note. Pure, like [`super::apply`]. A visit is a fact: recorded once (a
//! replay is already done), by the butler of the household's cluster or the office; each
//! question answered on the spot or referred, never neither.

use super::kind::Decision;
use super::{Op, Reason};
use crate::domain::checklist::text_ok;
use crate::domain::follow_up::Actor;
use crate::domain::household::Household;
use crate::domain::visit::Visit;
use crate::domain::Role;
use chrono::{DateTime, Utc};

/// The visit rule ([`super::kind::Visits`]).
pub(super) fn rule(
    actor: &Actor,
    existing: Option<&Visit>,
    op: &Op,
    household: Option<&Household>,
    now: DateTime<Utc>,
) -> Decision<Visit> {
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
        return Decision::Refuse(Reason::NotFound);
    };
    if existing.is_some() {
        return Decision::AlreadyDone;
    }
    let Some(h) = household else {
        return Decision::Refuse(Reason::NotFound);
    };
    if !(actor.is_office()
        || (actor.role == Role::Butler && actor.clusters.contains(&h.cluster_id)))
    {
        return Decision::Refuse(if actor.role == Role::Butler {
            Reason::OutOfScope
        } else {
            Reason::Forbidden
        });
    }
    if met.chars().count() > 100 {
        return Decision::invalid("met");
    }
    if !crate::domain::time::has_happened(*at, now) {
        return Decision::invalid("at");
    }
    if !text_ok(said, 2000) && items.is_empty() {
        return Decision::invalid("said");
    }
    if items.len() > 20 {
        return Decision::invalid("items");
    }
    for item in items {
        let answered = item.answer.as_deref().is_some_and(|a| text_ok(a, 2000));
        if !text_ok(&item.question, 500) || answered == item.follow_up.is_some() {
            return Decision::invalid("items");
        }
    }
    Decision::Apply(Box::new(Visit {
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
