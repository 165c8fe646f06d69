//! Deciding a fee-collection contact. Pure, like [`super::apply`]. A contact is a fact:
//! recorded once (a replay is already done), by the butler of the unit's cluster or the
//! office (a lawyer's letter by the office only), checked as the phone's form checks it.

use super::kind::Decision;
use super::{Op, Reason};
use crate::domain::collection::{CollectionContact, ContactKind};
use crate::domain::follow_up::Actor;
use crate::domain::unit::Unit;
use crate::domain::Role;
use chrono::{DateTime, Utc};

/// The contact rule ([`super::kind::Collections`]); `unit` is the unit the contact names.
pub(super) fn rule(
    actor: &Actor,
    existing: Option<&CollectionContact>,
    op: &Op,
    unit: Option<&Unit>,
    now: DateTime<Utc>,
) -> Decision<CollectionContact> {
    let Op::RecordCollectionContact { id, unit_id, note } = op else {
        return Decision::Refuse(Reason::NotFound);
    };
    if existing.is_some() {
        return Decision::AlreadyDone;
    }
    let Some(u) = unit.filter(|u| u.id == *unit_id) else {
        return Decision::Refuse(Reason::NotFound);
    };
    let butler = actor.role == Role::Butler && actor.clusters.contains(&u.cluster_id);
    if !(actor.is_office() || (butler && note.what != ContactKind::Letter)) {
        return Decision::Refuse(if actor.role == Role::Butler {
            Reason::OutOfScope
        } else {
            Reason::Forbidden
        });
    }
    if let Err(p) = note.check(now) {
        return Decision::invalid(p.field());
    }
    let mut note = note.clone();
    for text in [
        &mut note.tracking,
        &mut note.signer,
        &mut note.said,
        &mut note.problem,
    ] {
        *text = text.trim().to_owned();
    }
    Decision::Apply(Box::new(CollectionContact {
        id: *id,
        unit_id: u.id,
        cluster_id: u.cluster_id,
        unit: u.code(),
        by: actor.user,
        note,
    }))
}
