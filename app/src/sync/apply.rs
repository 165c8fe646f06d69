//! Deciding one mutation: validation, scope, role, state machine. Pure: the server calls it to
//! decide inside its transaction, the browser to predict what the screen shows.

use super::kind::Decision;
use super::{Op, Reason};
use crate::domain::follow_up::{
    may_transition, Actor, Comment, FollowUp, FollowUpStatus, HistoryEntry, HistoryEvent,
    TransitionError,
};
use crate::domain::{Department, Role};
use chrono::{DateTime, Utc};

/// A follow-up's title: characters at most.
pub const MAX_TITLE: usize = 200;
const MAX_PLACE: usize = 100;
const MAX_SOURCE: usize = 100;
const MAX_TEXT: usize = 2000;

fn text_ok(s: &str, max: usize) -> bool {
    let t = s.trim();
    !t.is_empty() && t.chars().count() <= max
}

/// The follow-up rule ([`super::kind::FollowUps`]): `op` by `actor` against the record as it
/// stands (`None`: no such record). `known_assignee`, for an assignment: the assignee's role and
/// department if the user exists (the browser, which has no staff list, passes `None` to skip
/// the check).
pub(super) fn rule(
    actor: &Actor,
    current: Option<&FollowUp>,
    op: &Op,
    known_assignee: Option<Option<(Role, Option<Department>)>>,
    now: DateTime<Utc>,
) -> Decision<FollowUp> {
    let history = |event| HistoryEntry {
        by: actor.user,
        by_role: actor.role,
        at: now,
        event,
    };

    if let Op::CreateFollowUp {
        id,
        cluster_id,
        place,
        source,
        title,
        department,
        due_date,
        origin,
        photos,
        household,
        facility,
    } = op
    {
        if current.is_some() {
            return Decision::Refuse(Reason::AlreadyExists);
        }
        if !(actor.is_office() || actor.role == Role::Butler) {
            return Decision::Refuse(Reason::Forbidden);
        }
        if actor.role == Role::Butler && !actor.clusters.contains(cluster_id) {
            return Decision::Refuse(Reason::OutOfScope);
        }
        if !text_ok(title, MAX_TITLE) {
            return Decision::invalid("title");
        }
        if !text_ok(place, MAX_PLACE) {
            return Decision::invalid("place");
        }
        if source.chars().count() > MAX_SOURCE {
            return Decision::invalid("source");
        }
        if origin.as_ref().is_some_and(|o| {
            o.item.chars().count() > MAX_SOURCE
                || o.label
                    .as_ref()
                    .is_some_and(|l| l.chars().count() > MAX_TITLE)
        }) {
            return Decision::invalid("origin");
        }
        if photos.len() > crate::sync::run::MAX_PHOTOS
            || !photos
                .iter()
                .all(|p| crate::domain::checklist::is_photo_hash(p))
        {
            return Decision::invalid("photos");
        }
        return Decision::Apply(Box::new(FollowUp {
            id: *id,
            cluster_id: *cluster_id,
            place: place.trim().to_owned(),
            source: source.trim().to_owned(),
            title: title.trim().to_owned(),
            department: *department,
            assignee: None,
            due_date: *due_date,
            status: FollowUpStatus::Open,
            version: 1,
            created_by: actor.user,
            created_at: now,
            comments: vec![],
            history: vec![history(HistoryEvent::Created)],
            origin: origin.clone(),
            photos: photos.clone(),
            household: *household,
            return_visit: None,
            facility: *facility,
        }));
    }

    let Some(current) = current else {
        return Decision::Refuse(Reason::NotFound);
    };
    if !actor.can_see(current) {
        return Decision::Refuse(Reason::OutOfScope);
    }
    let mut next = current.clone();
    next.version += 1;

    match op {
        Op::CreateFollowUp { .. } => Decision::Refuse(Reason::AlreadyExists),
        Op::StartRun { .. }
        | Op::RecordItem { .. }
        | Op::AddEntry { .. }
        | Op::FinishRun { .. }
        | Op::RecordScan { .. }
        | Op::DiscardRun { .. }
        | Op::InformOwner { .. }
        | Op::RecordOccupancy { .. }
        | Op::CorrectHousehold { .. }
        | Op::RecordVisit { .. }
        | Op::TakeComplaint { .. }
        | Op::ReachComplaint { .. }
        | Op::JudgeComplaint { .. }
        | Op::ReplyComplaint { .. }
        | Op::SignOffComplaint { .. }
        | Op::RecordCorrective { .. }
        | Op::RecordCollectionContact { .. }
        | Op::SavePlace { .. }
        | Op::PostNotice { .. }
        | Op::ChangeNoticeExpiry { .. }
        | Op::TakeDownNotice { .. }
        | Op::RecordHandover { .. }
        | Op::PostDocument { .. }
        | Op::CallAboutDocument { .. }
        | Op::SaveActivity { .. }
        | Op::SignUpForActivity { .. }
        | Op::CancelSignUp { .. }
        | Op::RecordAttendance { .. }
        | Op::RecordActivityFeedback { .. } => Decision::Refuse(Reason::NotFound),
        Op::ReturnVisit {
            attitude,
            quality,
            etiquette,
            comment,
            ..
        } => {
            use crate::domain::visit::{score_ok, ReturnVisit};
            if !(actor.is_office() || actor.is_cluster_butler(current)) {
                return Decision::Refuse(Reason::Forbidden);
            }
            if ![attitude, quality, etiquette].iter().all(|s| score_ok(**s)) {
                return Decision::invalid("score");
            }
            if comment.chars().count() > MAX_TEXT {
                return Decision::invalid("comment");
            }
            if let Some(rv) = &current.return_visit {
                let same = (rv.attitude, rv.quality, rv.etiquette, rv.comment.as_str())
                    == (*attitude, *quality, *etiquette, comment.trim());
                return if same {
                    Decision::AlreadyDone
                } else {
                    Decision::Refuse(Reason::AlreadyExists)
                };
            }
            if !matches!(
                current.status,
                FollowUpStatus::Resolved
                    | FollowUpStatus::CustomerInformed
                    | FollowUpStatus::Closed
            ) {
                return Decision::Conflict(Reason::IllegalTransition {
                    from: current.status,
                    to: FollowUpStatus::Resolved,
                });
            }
            next.return_visit = Some(ReturnVisit {
                attitude: *attitude,
                quality: *quality,
                etiquette: *etiquette,
                comment: comment.trim().to_owned(),
                by: actor.user,
                at: now,
            });
            Decision::Apply(Box::new(next))
        }
        Op::CommentFollowUp {
            comment_id, text, ..
        } => {
            if current.comments.iter().any(|c| c.id == *comment_id) {
                return Decision::AlreadyDone;
            }
            if !text_ok(text, MAX_TEXT) {
                return Decision::invalid("text");
            }
            if current.comments.len() >= super::MAX_COMMENTS_PER_FOLLOW_UP {
                return Decision::invalid("comments");
            }
            next.comments.push(Comment {
                id: *comment_id,
                author: actor.user,
                author_role: actor.role,
                text: text.trim().to_owned(),
                at: now,
            });
            Decision::Apply(Box::new(next))
        }
        Op::AssignFollowUp { assignee, .. } => {
            if !actor.is_office() {
                return Decision::Refuse(Reason::Forbidden);
            }
            if let Some(found) = &known_assignee {
                match found {
                    Some((Role::Staff, Some(dept))) if *dept == current.department => {}
                    _ => return Decision::invalid("assignee"),
                }
            }
            match current.status {
                FollowUpStatus::Open | FollowUpStatus::Assigned => {
                    if current.assignee == Some(*assignee) {
                        return Decision::AlreadyDone;
                    }
                    next.assignee = Some(*assignee);
                    if current.status == FollowUpStatus::Open {
                        next.history.push(history(HistoryEvent::Status {
                            from: FollowUpStatus::Open,
                            to: FollowUpStatus::Assigned,
                            reason: None,
                        }));
                    }
                    next.status = FollowUpStatus::Assigned;
                    next.history.push(history(HistoryEvent::Assigned {
                        assignee: *assignee,
                    }));
                    Decision::Apply(Box::new(next))
                }
                from => Decision::Conflict(Reason::IllegalTransition {
                    from,
                    to: FollowUpStatus::Assigned,
                }),
            }
        }
        Op::SetFollowUpStatus { to, .. } => {
            if *to == FollowUpStatus::Open {
                return Decision::invalid("to");
            }
            if *to == current.status {
                return Decision::AlreadyDone;
            }
            transition(actor, current, next, *to, None, history)
        }
        Op::ReopenFollowUp { reason, .. } => {
            if !text_ok(reason, MAX_TEXT) {
                return Decision::invalid("reason");
            }
            let reason = Some(reason.trim().to_owned());
            transition(actor, current, next, FollowUpStatus::Open, reason, history)
        }
    }
}

fn transition(
    actor: &Actor,
    current: &FollowUp,
    mut next: FollowUp,
    to: FollowUpStatus,
    reason: Option<String>,
    history: impl Fn(HistoryEvent) -> HistoryEntry,
) -> Decision<FollowUp> {
    match may_transition(actor, current, to) {
        Ok(()) => {
            next.history.push(history(HistoryEvent::Status {
                from: current.status,
                to,
                reason,
            }));
            next.status = to;
            Decision::Apply(Box::new(next))
        }
        Err(TransitionError::NotAllowed { from, to }) => {
            Decision::Refuse(Reason::NotAllowed { from, to })
        }
        Err(TransitionError::Impossible { from, to }) => {
            Decision::Conflict(Reason::IllegalTransition { from, to })
        }
    }
}

/// The office applies a mutation that was in conflict: the status it asked for is set as is,
/// with a history line naming the mutation. Used from the "needs attention" list.
pub fn force(
    office: &Actor,
    current: &FollowUp,
    op: &Op,
    mutation: uuid::Uuid,
    now: DateTime<Utc>,
) -> Option<FollowUp> {
    let to = match op {
        Op::SetFollowUpStatus { to, .. } => *to,
        Op::ReopenFollowUp { .. } => FollowUpStatus::Open,
        _ => return None,
    };
    if !office.is_office() || current.status == to {
        return None;
    }
    let mut next = current.clone();
    next.version += 1;
    let entry = |event| HistoryEntry {
        by: office.user,
        by_role: office.role,
        at: now,
        event,
    };
    next.history
        .push(entry(HistoryEvent::AppliedFromConflict { mutation }));
    next.history.push(entry(HistoryEvent::Status {
        from: current.status,
        to,
        reason: None,
    }));
    next.status = to;
    Some(next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::follow_up::FollowUpId;
    use crate::domain::{ClusterId, UserId};
    use uuid::Uuid;

    use crate::sync::kind::{Decision, FollowUps};

    struct Context {
        now: DateTime<Utc>,
        schema_version: u32,
        assignee: Option<Option<(Role, Option<Department>)>>,
    }

    fn decide(
        actor: &Actor,
        current: Option<&FollowUp>,
        op: &Op,
        ctx: &Context,
    ) -> Decision<FollowUp> {
        crate::sync::kind::decide::<FollowUps>(
            actor,
            current,
            op,
            ctx.assignee,
            ctx.now,
            ctx.schema_version,
        )
    }

    fn ctx() -> Context {
        Context {
            now: Utc::now(),
            schema_version: 1,
            assignee: None,
        }
    }

    fn actor(role: Role, department: Option<Department>, clusters: Vec<ClusterId>) -> Actor {
        Actor {
            user: UserId::new_v7(),
            role,
            department,
            clusters,
        }
    }

    fn create(cluster: ClusterId) -> Op {
        Op::CreateFollowUp {
            id: FollowUpId(Uuid::now_v7()),
            cluster_id: cluster,
            place: "3-2-1201".into(),
            source: "巡查".into(),
            title: " 厨房漏水 ".into(),
            department: Department::Engineering,
            due_date: None,
            origin: None,
            photos: vec![],
            household: None,
            facility: None,
        }
    }

    fn applied(d: Decision<FollowUp>) -> FollowUp {
        match d {
            Decision::Apply(f) => *f,
            other => panic!("expected apply, got {other:?}"),
        }
    }

    #[test]
    fn a_follow_up_goes_from_open_to_closed() {
        let east = ClusterId::new_v7();
        let butler = actor(Role::Butler, None, vec![east]);
        let office = actor(Role::Office, None, vec![]);
        let repairer = actor(Role::Staff, Some(Department::Engineering), vec![]);
        let f = applied(decide(&butler, None, &create(east), &ctx()));
        assert_eq!(f.title, "厨房漏水");
        assert_eq!(f.status, FollowUpStatus::Open);
        let id = f.id;
        let mut assign_ctx = ctx();
        assign_ctx.assignee = Some(Some((Role::Staff, Some(Department::Engineering))));
        let f = applied(decide(
            &office,
            Some(&f),
            &Op::AssignFollowUp {
                id,
                assignee: repairer.user,
            },
            &assign_ctx,
        ));
        assert_eq!(f.status, FollowUpStatus::Assigned);
        let step = |who: &Actor, f: &FollowUp, to| {
            applied(decide(
                who,
                Some(f),
                &Op::SetFollowUpStatus {
                    id,
                    to,
                    base_version: f.version,
                },
                &ctx(),
            ))
        };
        let f = step(&repairer, &f, FollowUpStatus::InProgress);
        let f = step(&repairer, &f, FollowUpStatus::Resolved);
        let f = step(&butler, &f, FollowUpStatus::CustomerInformed);
        let f = step(&butler, &f, FollowUpStatus::Closed);
        assert_eq!(f.version, 6);
        assert_eq!(
            f.history.len(),
            7,
            "created, assigned (status + who), four steps"
        );
    }

    #[test]
    fn refusals_and_conflicts() {
        let east = ClusterId::new_v7();
        let butler = actor(Role::Butler, None, vec![east]);
        let stranger = actor(Role::Butler, None, vec![ClusterId::new_v7()]);
        let guard = actor(Role::Staff, Some(Department::Security), vec![]);
        assert_eq!(
            decide(&stranger, None, &create(east), &ctx()),
            Decision::Refuse(Reason::OutOfScope)
        );
        assert_eq!(
            decide(&guard, None, &create(east), &ctx()),
            Decision::Refuse(Reason::Forbidden)
        );
        let f = applied(decide(&butler, None, &create(east), &ctx()));
        assert_eq!(
            decide(&butler, Some(&f), &create(east), &ctx()),
            Decision::Refuse(Reason::AlreadyExists)
        );
        // A butler cannot start the repair: the step exists, not for this role.
        let op = Op::SetFollowUpStatus {
            id: f.id,
            to: FollowUpStatus::Resolved,
            base_version: 1,
        };
        assert_eq!(
            decide(&butler, Some(&f), &op, &ctx()),
            Decision::Conflict(Reason::IllegalTransition {
                from: FollowUpStatus::Open,
                to: FollowUpStatus::Resolved
            })
        );
        let comment = Op::CommentFollowUp {
            id: f.id,
            comment_id: Uuid::now_v7(),
            text: "   ".into(),
        };
        assert_eq!(
            decide(&butler, Some(&f), &comment, &ctx()),
            Decision::Refuse(Reason::Invalid {
                field: "text".into()
            })
        );
        assert_eq!(
            decide(&guard, Some(&f), &comment, &ctx()),
            Decision::Refuse(Reason::OutOfScope)
        );
        let mut future = ctx();
        future.schema_version = 99;
        assert_eq!(
            decide(&butler, Some(&f), &comment, &future),
            Decision::Refuse(Reason::UnsupportedSchema { version: 99 })
        );
    }

    #[test]
    fn a_comment_replayed_with_the_same_id_is_not_doubled() {
        let east = ClusterId::new_v7();
        let butler = actor(Role::Butler, None, vec![east]);
        let f = applied(decide(&butler, None, &create(east), &ctx()));
        let comment = Op::CommentFollowUp {
            id: f.id,
            comment_id: Uuid::now_v7(),
            text: "已联系".into(),
        };
        let f = applied(decide(&butler, Some(&f), &comment, &ctx()));
        assert_eq!(
            decide(&butler, Some(&f), &comment, &ctx()),
            Decision::AlreadyDone
        );
    }
}
