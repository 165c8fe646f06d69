//! Deciding a correction of a household's shared field. Pure, like [`super::apply`].
//!
//! Design §5: changes apply in server arrival order (the last to arrive wins); when the value
//! a change replaces is not the one its author saw, it still applies, the author's view stays
//! in the history (`author_saw`) and the server flags it for "needs attention".

use super::kind::Decision;
use super::{Op, Reason};
use crate::domain::follow_up::Actor;
use crate::domain::household::{normalise_phone, FieldChange, Household, SharedField};
use crate::domain::Role;
use chrono::{DateTime, Utc};

/// Checks a value for a field and normalises it; `Err` names the field at fault.
pub fn check_value(field: SharedField, value: &str) -> Result<String, Reason> {
    let invalid = |f: &str| Reason::Invalid { field: f.into() };
    match field {
        SharedField::Phone => normalise_phone(value).map_err(|_| invalid("phone")),
        SharedField::MailingAddress => {
            let v = value.trim();
            if v.chars().count() > 200 {
                Err(invalid("mailing_address"))
            } else {
                Ok(v.to_owned())
            }
        }
    }
}

/// The household rule ([`super::kind::Households`]).
pub(super) fn rule(
    actor: &Actor,
    current: Option<&Household>,
    op: &Op,
    (): (),
    now: DateTime<Utc>,
) -> Decision<Household> {
    let Op::CorrectHousehold {
        change,
        field,
        value,
        base,
        ..
    } = op
    else {
        return Decision::Refuse(Reason::NotFound);
    };
    let Some(h) = current else {
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
    if h.history.iter().any(|c| c.id == *change) {
        return Decision::AlreadyDone;
    }
    let value = match check_value(*field, value) {
        Ok(v) => v,
        Err(reason) => return Decision::Refuse(reason),
    };
    let previous = h.value(*field).to_owned();
    if previous == value {
        return Decision::AlreadyDone;
    }
    if h.history.len() >= super::MAX_CHANGES_PER_RECORD {
        return Decision::Refuse(Reason::Invalid {
            field: "history".into(),
        });
    }
    let mut next = h.clone();
    next.version += 1;
    match field {
        SharedField::Phone => next.phone = value.clone(),
        SharedField::MailingAddress => next.mailing_address = value.clone(),
    }
    next.history.push(FieldChange {
        id: *change,
        field: *field,
        value,
        author_saw: (base.trim() != previous).then(|| base.trim().to_owned()),
        previous,
        by: Some(actor.user),
        at: now,
    });
    Decision::Apply(Box::new(next))
}
