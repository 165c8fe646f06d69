//! Deciding a document's delivery (issue 19). Pure, like [`super::apply`]. The butler of the
//! household's cluster (or the office) records each attempt to hand it over and each call
//! about it while unclaimed; only the office (the front desk) records its posting. Once the
//! document has reached the household — in hand, with security, posted — a different
//! attempt from another phone is a conflict the office looks at (the first stands); a refusal
//! or the mailing list may be followed by a hand-over.

use super::kind::Decision;
use super::{Op, Reason};
use crate::domain::document::{Delivery, Posting};
use crate::domain::follow_up::Actor;
use chrono::{DateTime, Utc};

fn may_deliver(actor: &Actor, d: &Delivery) -> Result<(), Reason> {
    super::kind::cluster_butler_or_office(actor, d.cluster_id)
}

/// The delivery rule ([`super::kind::Deliveries`]). Deliveries are made by the server when the
/// office issues a document; a mutation names one that exists.
pub(super) fn rule(
    actor: &Actor,
    existing: Option<&Delivery>,
    op: &Op,
    _: (),
    now: DateTime<Utc>,
) -> Decision<Delivery> {
    let Some(d) = existing else {
        return Decision::Refuse(Reason::NotFound);
    };
    if let Err(r) = may_deliver(actor, d) {
        return Decision::Refuse(r);
    }
    match op {
        Op::RecordHandover { attempt, .. } => {
            if d.attempts.iter().any(|a| a.id == attempt.id) {
                return Decision::AlreadyDone;
            }
            if let Err(p) = d.check_attempt(attempt, now) {
                return Decision::invalid(p.field());
            }
            if d.state().delivered() {
                // Someone else handed it first: theirs stands.
                return Decision::Conflict(Reason::Locked);
            }
            let mut next = d.clone();
            let mut a = attempt.clone();
            a.by = Some(actor.user);
            a.signer = a.signer.trim().to_owned();
            a.note = a.note.trim().to_owned();
            next.attempts.push(a);
            Decision::apply(next)
        }
        Op::PostDocument {
            posted_on,
            tracking,
            ..
        } => {
            if !actor.is_office() {
                return Decision::Refuse(Reason::Forbidden);
            }
            if let Err(p) = d.check_posting(*posted_on, tracking, now) {
                return Decision::invalid(p.field());
            }
            let tracking = tracking.trim().to_uppercase();
            if d.posting
                .as_ref()
                .is_some_and(|p| p.posted_on == *posted_on && p.tracking == tracking)
            {
                return Decision::AlreadyDone;
            }
            let mut next = d.clone();
            next.posting = Some(Posting {
                posted_on: *posted_on,
                tracking,
                by: Some(actor.user),
                at: now,
            });
            Decision::apply(next)
        }
        Op::CallAboutDocument { call, .. } => {
            if d.calls.iter().any(|c| c.id == call.id) {
                return Decision::AlreadyDone;
            }
            if let Err(p) = d.check_call(call, now) {
                return Decision::invalid(p.field());
            }
            let mut next = d.clone();
            let mut c = call.clone();
            c.by = Some(actor.user);
            c.said = c.said.trim().to_owned();
            next.calls.push(c);
            Decision::apply(next)
        }
        _ => Decision::Refuse(Reason::NotFound),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::document::{Call, DeliveryId, DeliveryState, DocumentKind, Handover};
    use crate::domain::{ClusterId, Role, UserId};
    use crate::sync::kind::{decide, Deliveries};
    use uuid::Uuid;

    fn at(s: &str) -> DateTime<Utc> {
        format!("{s}T04:00:00Z").parse().expect("test value")
    }

    fn delivery() -> Delivery {
        crate::domain::document::tests::delivery(DocumentKind::Statement, "2026-11-01")
    }

    fn actor(role: Role, clusters: Vec<ClusterId>) -> Actor {
        Actor {
            user: UserId(Uuid::from_u128(9)),
            role,
            department: None,
            clusters,
        }
    }

    fn handover(how: Handover) -> Op {
        let mut attempt = crate::domain::document::tests::attempt(how, "2026-11-02");
        attempt.note = " 保安李 ".into();
        Op::RecordHandover {
            id: DeliveryId(Uuid::from_u128(1)),
            attempt,
        }
    }

    fn run(a: &Actor, d: Option<&Delivery>, op: &Op) -> Decision<Delivery> {
        decide::<Deliveries>(a, d, op, (), at("2026-11-02"), 1)
    }

    #[test]
    fn the_clusters_butler_hands_it_over_and_a_replay_is_done() {
        let d = delivery();
        let butler = actor(Role::Butler, vec![d.cluster_id]);
        let op = handover(Handover::Security);
        let Decision::Apply(next) = run(&butler, Some(&d), &op) else {
            panic!("applied");
        };
        assert_eq!(next.state(), DeliveryState::Security);
        assert_eq!(next.attempts[0].by, Some(butler.user));
        assert_eq!(next.attempts[0].note, "保安李");
        assert_eq!(run(&butler, Some(&next), &op), Decision::AlreadyDone);
        let other = actor(Role::Butler, vec![ClusterId(Uuid::from_u128(77))]);
        assert_eq!(
            run(&other, Some(&d), &op),
            Decision::Refuse(Reason::OutOfScope)
        );
        let staff = actor(Role::Staff, vec![]);
        assert_eq!(
            run(&staff, Some(&d), &op),
            Decision::Refuse(Reason::Forbidden)
        );
        assert_eq!(run(&butler, None, &op), Decision::Refuse(Reason::NotFound));
    }

    #[test]
    fn a_second_hand_over_after_delivery_is_a_conflict_but_a_refusal_can_be_followed() {
        let d = delivery();
        let butler = actor(Role::Butler, vec![d.cluster_id]);
        let Decision::Apply(refused) = run(&butler, Some(&d), &handover(Handover::Refused)) else {
            panic!("applied");
        };
        let Decision::Apply(handed) = run(&butler, Some(&refused), &handover(Handover::HandedSelf))
        else {
            panic!("a refusal may be followed by a hand-over");
        };
        assert_eq!(handed.state(), DeliveryState::HandedSelf);
        assert_eq!(
            run(&butler, Some(&handed), &handover(Handover::Security)),
            Decision::Conflict(Reason::Locked)
        );
    }

    #[test]
    fn a_key_customer_left_with_security_is_refused() {
        let mut d = delivery();
        d.key_customer = true;
        let butler = actor(Role::Butler, vec![d.cluster_id]);
        assert_eq!(
            run(&butler, Some(&d), &handover(Handover::Security)),
            Decision::invalid("key_customer")
        );
    }

    #[test]
    fn only_the_office_posts_and_only_from_the_mailing_list() {
        let mut d = delivery();
        d.moved_in = false;
        let butler = actor(Role::Butler, vec![d.cluster_id]);
        let office = actor(Role::Office, vec![]);
        let post = Op::PostDocument {
            id: d.id,
            posted_on: "2026-11-02".parse().expect("test value"),
            tracking: "xa123456789cn".into(),
        };
        assert_eq!(run(&office, Some(&d), &post), Decision::invalid("posting"));
        let Decision::Apply(to_mail) = run(&butler, Some(&d), &handover(Handover::ToMail)) else {
            panic!("applied");
        };
        assert_eq!(
            run(&butler, Some(&to_mail), &post),
            Decision::Refuse(Reason::Forbidden)
        );
        let Decision::Apply(posted) = run(&office, Some(&to_mail), &post) else {
            panic!("posted");
        };
        assert_eq!(posted.state(), DeliveryState::Mailed);
        assert_eq!(
            posted.posting.as_ref().expect("test value").tracking,
            "XA123456789CN"
        );
        assert_eq!(run(&office, Some(&posted), &post), Decision::AlreadyDone);
    }

    #[test]
    fn calls_are_kept_once_each() {
        let d = delivery();
        let butler = actor(Role::Butler, vec![d.cluster_id]);
        let call = Op::CallAboutDocument {
            id: d.id,
            call: Call {
                id: Uuid::now_v7(),
                at: at("2026-11-02"),
                by: None,
                reached: true,
                said: "明天来取".into(),
            },
        };
        let Decision::Apply(called) = run(&butler, Some(&d), &call) else {
            panic!("applied");
        };
        assert_eq!(called.calls.len(), 1);
        assert_eq!(run(&butler, Some(&called), &call), Decision::AlreadyDone);
    }
}
