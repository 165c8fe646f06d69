//! Deciding a complaint. Pure, like [`super::apply`]: the server decides with it and the phone
//! predicts with it. Only the butler of the complaint's cluster or the office may change it;
//! each step needs the one before (reached → judged → replied → signed off), a closed one
//! takes nothing but the office's corrective action.

use super::kind::Decision;
use super::{Op, Reason};
use crate::domain::checklist::{is_photo_hash, text_ok};
use crate::domain::complaint::{
    signature_problem, Complaint, Corrective, Judgement, Reply, SignOff,
};
use crate::domain::follow_up::{Actor, FollowUpStatus};
use crate::domain::household::Household;
use crate::domain::Role;
use chrono::{DateTime, Utc};

/// What the complaint rule reads besides the complaint: the household a new one names (its
/// cluster and unit), and the status of the follow-up a valid one was handed on as.
#[derive(Debug, Clone, Copy, Default)]
pub struct ComplaintNeeds<'a> {
    /// The household named by `take_complaint`, if it exists.
    pub household: Option<&'a Household>,
    /// The linked follow-up's status, if known.
    pub follow_up: Option<FollowUpStatus>,
}

const MAX_SAID: usize = 2000;
const MAX_SHORT: usize = 100;
const MAX_TEXT: usize = 1000;

fn may_handle(actor: &Actor, c: &Complaint) -> Result<(), Reason> {
    super::kind::cluster_butler_or_office(actor, c.cluster_id)
}

/// The complaint rule ([`super::kind::Complaints`]).
pub(super) fn rule(
    actor: &Actor,
    current: Option<&Complaint>,
    op: &Op,
    needs: ComplaintNeeds<'_>,
    now: DateTime<Utc>,
) -> Decision<Complaint> {
    if let Op::TakeComplaint {
        id,
        cluster_id,
        household,
        complainant,
        place,
        channel,
        said,
        category,
        urgency,
        photos,
        received_at,
        reached_at,
    } = op
    {
        if current.is_some() {
            return Decision::AlreadyDone;
        }
        let scope = if actor.is_office() || actor.role == Role::Butler {
            Ok(())
        } else {
            Err(Reason::Forbidden)
        };
        if let Err(r) = scope {
            return Decision::Refuse(r);
        }
        if actor.role == Role::Butler && !actor.clusters.contains(cluster_id) {
            return Decision::Refuse(Reason::OutOfScope);
        }
        let (complainant, place) = match (household, needs.household) {
            (Some(_), None) => return Decision::Refuse(Reason::NotFound),
            (Some(_), Some(h)) if h.cluster_id != *cluster_id => {
                return Decision::invalid("household")
            }
            (Some(_), Some(h)) => (h.name.clone(), h.unit_code.clone()),
            (None, _) => (complainant.trim().to_owned(), place.trim().to_owned()),
        };
        if !text_ok(said, MAX_SAID) {
            return Decision::invalid("said");
        }
        if complainant.chars().count() > MAX_SHORT {
            return Decision::invalid("complainant");
        }
        if !text_ok(&place, MAX_SHORT) {
            return Decision::invalid("place");
        }
        if photos.len() > super::run::MAX_PHOTOS || !photos.iter().all(|p| is_photo_hash(p)) {
            return Decision::invalid("photos");
        }
        if !crate::domain::time::has_happened(*received_at, now) {
            return Decision::invalid("received_at");
        }
        if let Some(r) = reached_at {
            if !crate::domain::time::has_happened(*r, now) || r < received_at {
                return Decision::invalid("reached_at");
            }
        }
        return Decision::apply(Complaint {
            id: *id,
            cluster_id: *cluster_id,
            household: *household,
            complainant,
            place,
            channel: *channel,
            said: said.trim().to_owned(),
            category: *category,
            urgency: *urgency,
            photos: photos.clone(),
            received_at: *received_at,
            reached_at: *reached_at,
            taken_by: actor.user,
            judgement: None,
            reply: None,
            sign_off: None,
            closed_at: None,
            closed_by: None,
            override_reason: None,
            receipt: None,
            corrective: None,
            version: 1,
        });
    }

    let Some(current) = current else {
        return Decision::Refuse(Reason::NotFound);
    };
    if let Err(r) = may_handle(actor, current) {
        return Decision::Refuse(r);
    }
    let mut next = current.clone();
    next.version += 1;
    let closed = current.closed_at.is_some();

    match op {
        Op::ReachComplaint { at, .. } => {
            if current.reached_at.is_some() {
                return Decision::AlreadyDone;
            }
            if closed {
                return Decision::Conflict(Reason::Locked);
            }
            if !crate::domain::time::has_happened(*at, now) || *at < current.received_at {
                return Decision::invalid("reached_at");
            }
            next.reached_at = Some(*at);
        }
        Op::JudgeComplaint { judgement, .. } => {
            if closed || current.reply.is_some() {
                return Decision::Conflict(Reason::Locked);
            }
            if current.judgement.as_ref() == Some(judgement) {
                return Decision::AlreadyDone;
            }
            match judgement {
                Judgement::Valid {
                    person, solution, ..
                } => {
                    if !text_ok(solution, MAX_TEXT) {
                        return Decision::invalid("solution");
                    }
                    if person.chars().count() > MAX_SHORT {
                        return Decision::invalid("person");
                    }
                }
                Judgement::Invalid { reason } => {
                    if !text_ok(reason, MAX_TEXT) {
                        return Decision::invalid("reason");
                    }
                }
            }
            next.judgement = Some(trimmed(judgement));
        }
        Op::ReplyComplaint {
            text,
            at,
            agreement,
            ..
        } => {
            if closed {
                return Decision::Conflict(Reason::Locked);
            }
            if current.judgement.is_none() {
                return Decision::invalid("judgement");
            }
            if !text_ok(text, MAX_TEXT) {
                return Decision::invalid("reply");
            }
            if !crate::domain::time::has_happened(*at, now) || *at < current.received_at {
                return Decision::invalid("at");
            }
            next.reply = Some(Reply {
                text: text.trim().to_owned(),
                at: *at,
                agreement: *agreement,
            });
        }
        Op::SignOffComplaint {
            sign_off,
            override_reason,
            ..
        } => {
            if closed {
                return if current.sign_off.as_ref() == Some(sign_off) {
                    Decision::AlreadyDone
                } else {
                    Decision::Conflict(Reason::Locked)
                };
            }
            if current.reply.is_none() {
                return Decision::invalid("reply");
            }
            match sign_off {
                SignOff::Signed {
                    signer,
                    image,
                    strokes,
                } => {
                    if !text_ok(signer, MAX_SHORT) {
                        return Decision::invalid("signer");
                    }
                    if !is_photo_hash(image) || signature_problem(strokes).is_some() {
                        return Decision::invalid("signature");
                    }
                }
                SignOff::Refused { note } => {
                    if note.chars().count() > MAX_TEXT {
                        return Decision::invalid("note");
                    }
                }
            }
            // A valid complaint handed to a department closes once its work is done; the office
            // may close it before, saying why.
            let work_done = needs.follow_up.is_some_and(FollowUpStatus::work_done);
            let reason = override_reason
                .as_deref()
                .map(str::trim)
                .filter(|r| !r.is_empty());
            if current.follow_up().is_some() && !work_done {
                match reason {
                    Some(r) if actor.is_office() && r.chars().count() <= MAX_TEXT => {
                        next.override_reason = Some(r.to_owned());
                    }
                    Some(_) if actor.is_office() => return Decision::invalid("override_reason"),
                    _ => return Decision::invalid("follow_up_open"),
                }
            }
            next.sign_off = Some(trimmed_sign_off(sign_off));
            next.closed_at = Some(now);
            next.closed_by = Some(actor.user);
            next.receipt = Some(next.receipt_of(actor.user));
        }
        Op::RecordCorrective { text, .. } => {
            if !actor.is_office() {
                return Decision::Refuse(Reason::Forbidden);
            }
            if current.valid() != Some(true) {
                return Decision::invalid("judgement");
            }
            if !text_ok(text, MAX_TEXT) {
                return Decision::invalid("corrective");
            }
            if current
                .corrective
                .as_ref()
                .is_some_and(|c| c.text == text.trim())
            {
                return Decision::AlreadyDone;
            }
            next.corrective = Some(Corrective {
                text: text.trim().to_owned(),
                by: actor.user,
                at: now,
            });
        }
        _ => return Decision::Refuse(Reason::NotFound),
    }
    Decision::apply(next)
}

fn trimmed(j: &Judgement) -> Judgement {
    match j {
        Judgement::Valid {
            department,
            person,
            solution,
            follow_up,
        } => Judgement::Valid {
            department: *department,
            person: person.trim().to_owned(),
            solution: solution.trim().to_owned(),
            follow_up: *follow_up,
        },
        Judgement::Invalid { reason } => Judgement::Invalid {
            reason: reason.trim().to_owned(),
        },
    }
}

fn trimmed_sign_off(s: &SignOff) -> SignOff {
    match s {
        SignOff::Signed {
            signer,
            image,
            strokes,
        } => SignOff::Signed {
            signer: signer.trim().to_owned(),
            image: image.clone(),
            strokes: strokes.clone(),
        },
        SignOff::Refused { note } => SignOff::Refused {
            note: note.trim().to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::complaint::{
        Agreement, ComplaintCategory, ComplaintChannel, ComplaintId, ComplaintStatus, Urgency,
    };
    use crate::domain::follow_up::FollowUpId;
    use crate::domain::{ClusterId, Department, UserId};
    use crate::sync::kind::{decide, Complaints};
    use uuid::Uuid;

    fn actor(role: Role, clusters: Vec<ClusterId>) -> Actor {
        Actor {
            user: UserId::new_v7(),
            role,
            department: (role == Role::Staff).then_some(Department::Security),
            clusters,
        }
    }

    fn household(cluster: ClusterId) -> Household {
        serde_json::from_value(serde_json::json!({
            "id": Uuid::now_v7(),
            "unit_id": Uuid::now_v7(),
            "unit_code": "3-2-1201",
            "cluster_id": cluster,
            "name": "张伟",
            "relation": "owner",
            "phone": "13800138000",
            "mailing_address": "",
            "key_customer": false,
            "note": "",
            "history": [],
            "version": 1,
        }))
        .expect("a household")
    }

    fn take(cluster: ClusterId, h: Option<&Household>, now: DateTime<Utc>) -> Op {
        Op::TakeComplaint {
            id: ComplaintId(Uuid::now_v7()),
            cluster_id: cluster,
            household: h.map(|h| h.id),
            complainant: if h.is_none() {
                "路过的业主".into()
            } else {
                String::new()
            },
            place: if h.is_none() {
                "东门岗亭".into()
            } else {
                String::new()
            },
            channel: ComplaintChannel::OnSite,
            said: "夜里车库出口道闸一直响，吵得睡不着".into(),
            category: ComplaintCategory::Security,
            urgency: Urgency::Urgent,
            photos: vec![],
            received_at: now - chrono::Duration::minutes(30),
            reached_at: None,
        }
    }

    fn run(
        a: &Actor,
        c: Option<&Complaint>,
        op: &Op,
        needs: ComplaintNeeds<'_>,
    ) -> Decision<Complaint> {
        decide::<Complaints>(a, c, op, needs, Utc::now(), crate::sync::SCHEMA_VERSION)
    }

    fn applied(d: Decision<Complaint>) -> Complaint {
        match d {
            Decision::Apply(c) => *c,
            other => panic!("not applied: {other:?}"),
        }
    }

    fn invalid(field: &str) -> Decision<Complaint> {
        Decision::invalid(field)
    }

    /// A complaint taken, reached, judged valid with a follow-up, and replied to.
    fn replied(butler: &Actor, h: &Household) -> Complaint {
        let now = Utc::now();
        let needs = ComplaintNeeds {
            household: Some(h),
            follow_up: None,
        };
        let c = applied(run(butler, None, &take(h.cluster_id, Some(h), now), needs));
        assert_eq!(c.status(), ComplaintStatus::Received);
        assert_eq!(c.place, "3-2-1201");
        assert_eq!(c.complainant, "张伟");
        let c = applied(run(
            butler,
            Some(&c),
            &Op::ReachComplaint {
                id: c.id,
                at: now - chrono::Duration::minutes(12),
            },
            needs,
        ));
        assert_eq!(c.response_minutes(), Some(18));
        let c = applied(run(
            butler,
            Some(&c),
            &Op::JudgeComplaint {
                id: c.id,
                judgement: Judgement::Valid {
                    department: Department::Security,
                    person: "夜班岗".into(),
                    solution: "检修道闸，夜间调低提示音".into(),
                    follow_up: Some(FollowUpId(Uuid::now_v7())),
                },
            },
            needs,
        ));
        assert_eq!(c.status(), ComplaintStatus::Handling);
        applied(run(
            butler,
            Some(&c),
            &Op::ReplyComplaint {
                id: c.id,
                text: "已安排工程检修道闸".into(),
                at: now - chrono::Duration::minutes(1),
                agreement: Agreement::Satisfied,
            },
            needs,
        ))
    }

    fn signed() -> SignOff {
        SignOff::Signed {
            signer: "张伟".into(),
            image: "a".repeat(64),
            strokes: vec![
                (0..15).map(|i| (i * 10, 100)).collect(),
                vec![(5, 5), (900, 900)],
            ],
        }
    }

    #[test]
    fn no_close_without_a_reply_and_a_signature_or_a_refusal() {
        let east = ClusterId::new_v7();
        let butler = actor(Role::Butler, vec![east]);
        let h = household(east);
        let needs = ComplaintNeeds {
            household: Some(&h),
            follow_up: Some(FollowUpStatus::Resolved),
        };
        let taken = applied(run(&butler, None, &take(east, Some(&h), Utc::now()), needs));
        let sign = |id| Op::SignOffComplaint {
            id,
            sign_off: signed(),
            override_reason: None,
        };
        assert_eq!(
            run(&butler, Some(&taken), &sign(taken.id), needs),
            invalid("reply")
        );
        // No reply before a judgement.
        let reply = Op::ReplyComplaint {
            id: taken.id,
            text: "已处理".into(),
            at: Utc::now(),
            agreement: Agreement::Accepted,
        };
        assert_eq!(
            run(&butler, Some(&taken), &reply, needs),
            invalid("judgement")
        );

        let c = replied(&butler, &h);
        assert_eq!(c.status(), ComplaintStatus::Replied);
        // An empty signature, a blank signer: refused.
        let empty = Op::SignOffComplaint {
            id: c.id,
            sign_off: SignOff::Signed {
                signer: "张伟".into(),
                image: "a".repeat(64),
                strokes: vec![vec![(1, 1), (2, 2)]],
            },
            override_reason: None,
        };
        assert_eq!(run(&butler, Some(&c), &empty, needs), invalid("signature"));
        let nameless = Op::SignOffComplaint {
            id: c.id,
            sign_off: SignOff::Signed {
                signer: " ".into(),
                image: "a".repeat(64),
                strokes: vec![(0..25).map(|i| (i, i)).collect()],
            },
            override_reason: None,
        };
        assert_eq!(run(&butler, Some(&c), &nameless, needs), invalid("signer"));
        let closed = applied(run(&butler, Some(&c), &sign(c.id), needs));
        assert_eq!(closed.status(), ComplaintStatus::Closed);
        let receipt = closed.receipt.clone().expect("a receipt");
        assert_eq!(receipt.len(), 64);
        assert_eq!(
            closed.receipt_of(butler.user),
            receipt,
            "recomputed, the same"
        );
        let mut edited = closed.clone();
        edited.reply.as_mut().expect("reply").text.push('。');
        assert_ne!(edited.receipt_of(butler.user), receipt, "an edit shows");
        // Signed twice (a replay from another phone): done; something else after: locked.
        assert_eq!(
            run(&butler, Some(&closed), &sign(c.id), needs),
            Decision::AlreadyDone
        );
        let refuse = Op::SignOffComplaint {
            id: c.id,
            sign_off: SignOff::Refused {
                note: String::new(),
            },
            override_reason: None,
        };
        assert_eq!(
            run(&butler, Some(&closed), &refuse, needs),
            Decision::Conflict(Reason::Locked)
        );

        // A refusal closes it too, and says so.
        let c = replied(&butler, &h);
        let closed = applied(run(
            &butler,
            Some(&c),
            &Op::SignOffComplaint {
                id: c.id,
                sign_off: SignOff::Refused {
                    note: "客户不愿签字".into(),
                },
                override_reason: None,
            },
            needs,
        ));
        assert_eq!(closed.status(), ComplaintStatus::Closed);
        assert!(matches!(closed.sign_off, Some(SignOff::Refused { .. })));
    }

    #[test]
    fn a_valid_complaint_closes_only_once_its_follow_up_is_resolved_unless_the_office_says_why() {
        let east = ClusterId::new_v7();
        let butler = actor(Role::Butler, vec![east]);
        let office = actor(Role::Office, vec![]);
        let h = household(east);
        let c = replied(&butler, &h);
        let open = ComplaintNeeds {
            household: None,
            follow_up: Some(FollowUpStatus::InProgress),
        };
        let sign = |reason: Option<&str>| Op::SignOffComplaint {
            id: c.id,
            sign_off: signed(),
            override_reason: reason.map(str::to_owned),
        };
        assert_eq!(
            run(&butler, Some(&c), &sign(None), open),
            invalid("follow_up_open")
        );
        assert_eq!(
            run(&butler, Some(&c), &sign(Some("客户要求先结案")), open),
            invalid("follow_up_open"),
            "only the office overrides"
        );
        assert_eq!(
            run(&office, Some(&c), &sign(Some("  ")), open),
            invalid("follow_up_open")
        );
        let closed = applied(run(&office, Some(&c), &sign(Some("客户要求先结案")), open));
        assert_eq!(closed.override_reason.as_deref(), Some("客户要求先结案"));
        let done = ComplaintNeeds {
            household: None,
            follow_up: Some(FollowUpStatus::CustomerInformed),
        };
        assert!(matches!(
            run(&butler, Some(&c), &sign(None), done),
            Decision::Apply(_)
        ));
    }

    #[test]
    fn an_invalid_complaint_needs_a_reason() {
        let east = ClusterId::new_v7();
        let butler = actor(Role::Butler, vec![east]);
        let c = applied(run(
            &butler,
            None,
            &take(east, None, Utc::now()),
            ComplaintNeeds::default(),
        ));
        let judge = |reason: &str| Op::JudgeComplaint {
            id: c.id,
            judgement: Judgement::Invalid {
                reason: reason.into(),
            },
        };
        assert_eq!(
            run(&butler, Some(&c), &judge("  "), ComplaintNeeds::default()),
            invalid("reason")
        );
        let judged = applied(run(
            &butler,
            Some(&c),
            &judge("属业主之间的纠纷，已解释物业职责范围"),
            ComplaintNeeds::default(),
        ));
        assert_eq!(judged.valid(), Some(false));
        let valid_without = Op::JudgeComplaint {
            id: c.id,
            judgement: Judgement::Valid {
                department: Department::Cleaning,
                person: String::new(),
                solution: String::new(),
                follow_up: None,
            },
        };
        assert_eq!(
            run(&butler, Some(&c), &valid_without, ComplaintNeeds::default()),
            invalid("solution")
        );
    }

    #[test]
    fn only_the_clusters_butler_or_the_office_may_change_it() {
        let east = ClusterId::new_v7();
        let west = ClusterId::new_v7();
        let butler = actor(Role::Butler, vec![east]);
        let other = actor(Role::Butler, vec![west]);
        let guard = actor(Role::Staff, vec![]);
        let office = actor(Role::Office, vec![]);
        let h = household(east);
        let needs = ComplaintNeeds {
            household: Some(&h),
            follow_up: None,
        };
        let op = take(east, Some(&h), Utc::now());
        assert_eq!(
            run(&other, None, &op, needs),
            Decision::Refuse(Reason::OutOfScope)
        );
        assert_eq!(
            run(&guard, None, &op, needs),
            Decision::Refuse(Reason::Forbidden)
        );
        let c = applied(run(&office, None, &op, needs));
        assert_eq!(run(&butler, Some(&c), &op, needs), Decision::AlreadyDone);
        let reach = Op::ReachComplaint {
            id: c.id,
            at: Utc::now(),
        };
        assert_eq!(
            run(&other, Some(&c), &reach, needs),
            Decision::Refuse(Reason::OutOfScope)
        );
        assert_eq!(
            run(&guard, Some(&c), &reach, needs),
            Decision::Refuse(Reason::Forbidden)
        );
        assert!(matches!(
            run(&butler, Some(&c), &reach, needs),
            Decision::Apply(_)
        ));
        // A household of another cluster; one the phone does not know.
        let far = household(west);
        let far_needs = ComplaintNeeds {
            household: Some(&far),
            follow_up: None,
        };
        assert_eq!(
            run(
                &butler,
                None,
                &take(east, Some(&far), Utc::now()),
                far_needs
            ),
            invalid("household")
        );
        assert_eq!(
            run(
                &butler,
                None,
                &take(east, Some(&h), Utc::now()),
                ComplaintNeeds::default()
            ),
            Decision::Refuse(Reason::NotFound)
        );
        // The corrective action is the office's, for a valid one.
        let corrective = Op::RecordCorrective {
            id: c.id,
            text: "对夜班岗进行设备巡检培训".into(),
        };
        assert_eq!(
            run(&butler, Some(&c), &corrective, needs),
            Decision::Refuse(Reason::Forbidden)
        );
        assert_eq!(
            run(&office, Some(&c), &corrective, needs),
            invalid("judgement")
        );
    }

    #[test]
    fn a_time_not_yet_come_and_bad_text_are_refused() {
        let east = ClusterId::new_v7();
        let butler = actor(Role::Butler, vec![east]);
        let now = Utc::now();
        let mut op = take(east, None, now);
        if let Op::TakeComplaint { received_at, .. } = &mut op {
            *received_at = now + chrono::Duration::days(3);
        }
        assert_eq!(
            run(&butler, None, &op, ComplaintNeeds::default()),
            invalid("received_at")
        );
        let mut op = take(east, None, now);
        if let Op::TakeComplaint { said, .. } = &mut op {
            *said = " ".into();
        }
        assert_eq!(
            run(&butler, None, &op, ComplaintNeeds::default()),
            invalid("said")
        );
        let mut op = take(east, None, now);
        if let Op::TakeComplaint { photos, .. } = &mut op {
            *photos = vec!["not-a-hash".into()];
        }
        assert_eq!(
            run(&butler, None, &op, ComplaintNeeds::default()),
            invalid("photos")
        );
    }
}
