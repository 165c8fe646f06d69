//! Deciding a change of a unit's occupancy. Pure, like [`super::apply`].
//!
//! Occupancy is a shared field (design §5): changes apply in arrival order, each kept in the
//! history with its effective date. A change whose `base` (the state its author saw) differs
//! from the state it replaces still applies; the state it overwrote unseen is kept on the change
//! (`replaced_unseen`) so that nobody's correction is lost unseen.

use super::kind::Decision;
use super::{Op, Reason};
use crate::domain::checklist::text_ok;
use crate::domain::follow_up::Actor;
use crate::domain::unit::{Occupancy, OccupancyChange, Unit};
use crate::domain::Role;
use chrono::{DateTime, Utc};

/// The unit rule ([`super::kind::Units`]).
pub(super) fn rule(
    actor: &Actor,
    current: Option<&Unit>,
    op: &Op,
    (): (),
    now: DateTime<Utc>,
) -> Decision<Unit> {
    let Op::RecordOccupancy {
        change,
        state,
        effective_date,
        household,
        note,
        base,
        ..
    } = op
    else {
        return Decision::Refuse(Reason::NotFound);
    };
    let Some(unit) = current else {
        return Decision::Refuse(Reason::NotFound);
    };
    if !(actor.is_office()
        || (actor.role == Role::Butler && actor.clusters.contains(&unit.cluster_id)))
    {
        return Decision::Refuse(if actor.role == Role::Butler {
            Reason::OutOfScope
        } else {
            Reason::Forbidden
        });
    }
    if unit.history.iter().any(|c| c.id == *change) {
        return Decision::AlreadyDone;
    }
    if household.chars().count() > 100 {
        return Decision::Refuse(Reason::Invalid {
            field: "household".into(),
        });
    }
    if *state == Occupancy::Occupied && !household.is_empty() && !text_ok(household, 100) {
        return Decision::Refuse(Reason::Invalid {
            field: "household".into(),
        });
    }
    if note.chars().count() > 500 {
        return Decision::Refuse(Reason::Invalid {
            field: "note".into(),
        });
    }
    if unit.history.len() >= super::MAX_CHANGES_PER_RECORD {
        return Decision::Refuse(Reason::Invalid {
            field: "history".into(),
        });
    }
    let replaced = unit.state_on(*effective_date);
    let mut next = unit.clone();
    next.version += 1;
    next.history.push(OccupancyChange {
        id: *change,
        state: *state,
        effective_date: *effective_date,
        household: household.trim().to_owned(),
        note: note.trim().to_owned(),
        recorded_by: Some(actor.user),
        recorded_at: now,
        replaced_unseen: match base {
            Some(b) if Some(*b) != replaced => replaced,
            _ => None,
        },
    });
    next.sort_history();
    Decision::Apply(Box::new(next))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decide_unit(
        actor: &Actor,
        current: Option<&Unit>,
        op: &Op,
        now: DateTime<Utc>,
        schema_version: u32,
    ) -> Decision<Unit> {
        crate::sync::kind::decide::<crate::sync::kind::Units>(
            actor,
            current,
            op,
            (),
            now,
            schema_version,
        )
    }
    use crate::domain::{ClusterId, UnitId, UserId};
    use chrono::NaiveDate;
    use uuid::Uuid;

    fn unit(cluster: ClusterId) -> Unit {
        Unit {
            id: UnitId::new_v7(),
            cluster_id: cluster,
            building: "1".into(),
            entrance: "1".into(),
            room: "0101".into(),
            floor: 1,
            history: vec![OccupancyChange {
                id: Uuid::now_v7(),
                state: Occupancy::Vacant,
                effective_date: NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"),
                household: String::new(),
                note: String::new(),
                recorded_by: None,
                recorded_at: Utc::now(),
                replaced_unseen: None,
            }],
            version: 1,
        }
    }

    fn move_in(u: &Unit, base: Occupancy) -> Op {
        Op::RecordOccupancy {
            unit: u.id,
            change: Uuid::now_v7(),
            state: Occupancy::Occupied,
            effective_date: NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"),
            household: "张伟".into(),
            note: String::new(),
            base: Some(base),
        }
    }

    #[test]
    fn a_move_in_applies_once_and_a_stale_base_is_kept_and_flagged() {
        let east = ClusterId::new_v7();
        let butler = Actor {
            user: UserId::new_v7(),
            role: Role::Butler,
            department: None,
            clusters: vec![east],
        };
        let u = unit(east);
        let op = move_in(&u, Occupancy::Vacant);
        let Decision::Apply(next) = decide_unit(&butler, Some(&u), &op, Utc::now(), 1) else {
            panic!("applies")
        };
        assert_eq!(
            next.state_on(NaiveDate::from_ymd_opt(2026, 11, 28).expect("date")),
            Some(Occupancy::Occupied)
        );
        assert_eq!(next.history.last().and_then(|c| c.replaced_unseen), None);
        assert_eq!(
            decide_unit(&butler, Some(&next), &op, Utc::now(), 1),
            Decision::AlreadyDone
        );
        // Someone else, offline, still saw it vacant and records a renovation: it applies,
        // and the move-in it overwrote unseen stays named on the change.
        let reno = Op::RecordOccupancy {
            unit: u.id,
            change: Uuid::now_v7(),
            state: Occupancy::Renovating,
            effective_date: NaiveDate::from_ymd_opt(2026, 11, 25).expect("date"),
            household: String::new(),
            note: String::new(),
            base: Some(Occupancy::Vacant),
        };
        let Decision::Apply(after) = decide_unit(&butler, Some(&next), &reno, Utc::now(), 1) else {
            panic!("applies")
        };
        assert_eq!(after.history.len(), 3);
        assert_eq!(
            after.history.last().and_then(|c| c.replaced_unseen),
            Some(Occupancy::Occupied)
        );
        let stranger = Actor {
            clusters: vec![ClusterId::new_v7()],
            ..butler
        };
        assert_eq!(
            decide_unit(
                &stranger,
                Some(&u),
                &move_in(&u, Occupancy::Vacant),
                Utc::now(),
                1
            ),
            Decision::Refuse(Reason::OutOfScope)
        );
    }
}
