//! Follow-ups (跟进事项): a matter handed to a department and followed to the end.
//!
//! Status runs open → assigned → in progress → resolved → customer informed → closed; any state
//! but closed may go back to open with a reason (the cluster's butler or the office), and a
//! closed one only by the office. Comments are append-only. [`may_transition`] is the table of
//! who may do what; the sync engine's apply step (`crate::sync::apply`) uses it on the server to
//! decide and in the browser to predict.

use super::{ClusterId, Department, Role, UserId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub use super::ids::FollowUpId;

/// Where a follow-up stands. Wire and database codes are the snake-case names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FollowUpStatus {
    /// 待派单: made, no one assigned yet.
    Open,
    /// 已派单: the office chose the assignee.
    Assigned,
    /// 处理中: the assignee is working on it.
    InProgress,
    /// 已解决: the work is done.
    Resolved,
    /// 已告知客户: the customer has been told the outcome (the SOP's rule for referrals).
    CustomerInformed,
    /// 已关闭.
    Closed,
}

impl FollowUpStatus {
    /// All statuses in their order.
    pub const ALL: [FollowUpStatus; 6] = [
        FollowUpStatus::Open,
        FollowUpStatus::Assigned,
        FollowUpStatus::InProgress,
        FollowUpStatus::Resolved,
        FollowUpStatus::CustomerInformed,
        FollowUpStatus::Closed,
    ];

    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            FollowUpStatus::Open => "open",
            FollowUpStatus::Assigned => "assigned",
            FollowUpStatus::InProgress => "in_progress",
            FollowUpStatus::Resolved => "resolved",
            FollowUpStatus::CustomerInformed => "customer_informed",
            FollowUpStatus::Closed => "closed",
        }
    }

    /// Whether the department's work is done (resolved, the customer told, or closed).
    pub fn work_done(self) -> bool {
        matches!(
            self,
            FollowUpStatus::Resolved | FollowUpStatus::CustomerInformed | FollowUpStatus::Closed
        )
    }

    /// The forward step that follows this status, if any (assignment is its own intent).
    pub fn next(self) -> Option<FollowUpStatus> {
        match self {
            FollowUpStatus::Assigned => Some(FollowUpStatus::InProgress),
            FollowUpStatus::InProgress => Some(FollowUpStatus::Resolved),
            FollowUpStatus::Resolved => Some(FollowUpStatus::CustomerInformed),
            FollowUpStatus::CustomerInformed => Some(FollowUpStatus::Closed),
            FollowUpStatus::Open | FollowUpStatus::Closed => None,
        }
    }
}

/// One comment; append-only, with the author's role at the time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Comment {
    /// The comment's id (made by the device; a replay never doubles it).
    pub id: Uuid,
    /// Who wrote it.
    pub author: UserId,
    /// Their role then.
    pub author_role: Role,
    /// The text.
    pub text: String,
    /// When it reached the server.
    pub at: DateTime<Utc>,
}

/// One line of a follow-up's history: what changed, by whom, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct HistoryEntry {
    /// Who.
    pub by: UserId,
    /// Their role then.
    pub by_role: Role,
    /// When it reached the server.
    pub at: DateTime<Utc>,
    /// What.
    pub event: HistoryEvent,
}

/// What happened to a follow-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum HistoryEvent {
    /// It was made.
    Created,
    /// The office chose (or changed) the assignee.
    Assigned {
        /// The new assignee.
        assignee: UserId,
    },
    /// The status moved.
    Status {
        /// From.
        from: FollowUpStatus,
        /// To.
        to: FollowUpStatus,
        /// Why (reopening needs one).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// The office applied a change that had been in conflict.
    AppliedFromConflict {
        /// The mutation it came from.
        mutation: Uuid,
    },
}

/// A follow-up as the server keeps it and every device mirrors it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FollowUp {
    /// Its id.
    pub id: FollowUpId,
    /// The cluster it belongs to (whose butler follows it).
    pub cluster_id: ClusterId,
    /// The unit (3-2-1201) or place (东门岗亭) it concerns.
    pub place: String,
    /// Where it came from: free text for now (patrol, visit, complaint link in later).
    pub source: String,
    /// What the matter is.
    pub title: String,
    /// The department that handles it.
    pub department: Department,
    /// The department member working on it.
    pub assignee: Option<UserId>,
    /// When it should be done (estate calendar date).
    pub due_date: Option<NaiveDate>,
    /// Where it stands.
    pub status: FollowUpStatus,
    /// Rises with every applied change.
    pub version: i64,
    /// Who made it.
    pub created_by: UserId,
    /// When it reached the server.
    pub created_at: DateTime<Utc>,
    /// Comments, oldest first.
    pub comments: Vec<Comment>,
    /// History, oldest first.
    pub history: Vec<HistoryEntry>,
    /// The checklist item or briefing matter it was handed on from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
    /// Photos of the matter, by hash.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub photos: Vec<String>,
    /// The household it was referred for (a visit's referral).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub household: Option<super::household::HouseholdId>,
    /// The return visit after it was resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_visit: Option<super::visit::ReturnVisit>,
    /// The recreation facility it concerns (SOP procedure 2: it touches people's safety).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facility: Option<super::place::PlaceId>,
}

impl FollowUp {
    /// A matter of people's safety (a recreation facility): first in its department's queue
    /// while it is not resolved.
    pub fn safety_related(&self) -> bool {
        self.facility.is_some()
    }

    /// Not yet resolved (open, assigned or in progress).
    pub fn unresolved(&self) -> bool {
        matches!(
            self.status,
            FollowUpStatus::Open | FollowUpStatus::Assigned | FollowUpStatus::InProgress
        )
    }

    /// A public-area matter: found on a round of the cluster's public areas (the daily patrol or
    /// the notice-board check) and referred for no household. No customer is involved, so there
    /// is no one to tell and no return visit: once resolved, the butler checks the work and
    /// closes it.
    pub fn public_area(&self) -> bool {
        use super::checklist::Purpose;
        self.household.is_none()
            && self
                .origin
                .as_ref()
                .is_some_and(|o| matches!(o.purpose, Purpose::Patrol | Purpose::NoticeBoard))
    }

    /// The forward step that follows its status: as [`FollowUpStatus::next`], except that a
    /// public-area matter goes from resolved straight to closed.
    pub fn next_status(&self) -> Option<FollowUpStatus> {
        match self.status {
            FollowUpStatus::Resolved if self.public_area() => Some(FollowUpStatus::Closed),
            s => s.next(),
        }
    }
}

/// Where a follow-up came from, when a checklist run handed it on. Wire type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Origin {
    /// The run.
    pub run: super::RunId,
    /// What kind of run (the briefing shows its open matters again the next day).
    pub purpose: super::checklist::Purpose,
    /// The item's key.
    pub item: String,
    /// The group entry, for a briefing matter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry: Option<Uuid>,
    /// The item's question as the run's template worded it ("消防通道是否畅通"): the
    /// department's staff, who never receive the run, read what was checked from here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// Who is acting, as the rules need to know them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Actor {
    /// The user.
    pub user: UserId,
    /// Their role.
    pub role: Role,
    /// Their department.
    pub department: Option<Department>,
    /// The clusters they look after (butlers).
    pub clusters: Vec<ClusterId>,
}

impl Actor {
    /// The rules' view of a signed-in user.
    pub fn of(user: &super::SessionUser) -> Actor {
        Actor {
            user: user.id,
            role: user.role,
            department: user.department,
            clusters: user.clusters.iter().map(|c| c.id).collect(),
        }
    }

    /// Office and admin see and may do everything the office may.
    pub fn is_office(&self) -> bool {
        matches!(self.role, Role::Office | Role::Admin)
    }

    /// A butler of this follow-up's cluster.
    pub fn is_cluster_butler(&self, f: &FollowUp) -> bool {
        self.role == Role::Butler && self.clusters.contains(&f.cluster_id)
    }

    /// Whether this user may see the follow-up at all: the office; the cluster's butler;
    /// the department's staff.
    pub fn can_see(&self, f: &FollowUp) -> bool {
        self.is_office()
            || self.is_cluster_butler(f)
            || (self.role == Role::Staff && self.department == Some(f.department))
    }
}

/// How many days a department has for a follow-up when nobody set a due date, until the
/// admin sets its own (`department_settings`).
pub const DEFAULT_DUE_DAYS: u32 = 3;

/// The longest default an admin may set.
pub const MAX_DUE_DAYS: u32 = 365;

/// A department's default time for a follow-up, in days. Wire type (the directory).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DueDays {
    /// The department.
    pub department: Department,
    /// Days from the day a follow-up is made (estate calendar).
    pub days: u32,
}

/// The due date of a follow-up made on `made` (estate calendar) for a department that has
/// `days`: `made` plus those days. Bounded, so a stray number cannot leave the calendar.
pub fn default_due_date(made: NaiveDate, days: u32) -> NaiveDate {
    made.checked_add_days(chrono::Days::new(u64::from(days.min(MAX_DUE_DAYS))))
        .unwrap_or(made)
}

/// Brings a follow-up made before due dates and places were filled in up to date: a due date
/// `days` after the day it was made when it has none; for one handed on from a checklist run,
/// the item's wording, and `place` (the unit inspected, or the round's cluster) instead of a
/// section's title or the template's name. Says whether anything changed. A place a person
/// typed is kept.
pub fn backfill(
    f: &mut FollowUp,
    template: Option<&super::checklist::Template>,
    place: &str,
    days: u32,
) -> bool {
    let mut changed = false;
    if f.due_date.is_none() {
        f.due_date = Some(default_due_date(
            super::time::estate_today(f.created_at),
            days,
        ));
        changed = true;
    }
    let (Some(origin), Some(template)) = (f.origin.as_mut(), template) else {
        return changed;
    };
    if origin.label.is_none() {
        if let Some(item) = template.item(&origin.item) {
            origin.label = Some(item.label.clone());
            changed = true;
        }
    }
    let named_a_section = f.place.trim().is_empty()
        || f.place == template.name
        || template.sections.iter().any(|s| s.title == f.place);
    if named_a_section && !place.is_empty() && f.place != place {
        f.place = place.to_owned();
        changed = true;
    }
    changed
}

/// Whether `f` is a matter raised at an earlier day's 09:30 briefing in `cluster` that is not
/// resolved yet: the next briefing shows it again.
pub fn carried_over(f: &FollowUp, cluster: ClusterId, date: NaiveDate) -> bool {
    f.cluster_id == cluster
        && f.origin
            .as_ref()
            .is_some_and(|o| o.purpose == super::checklist::Purpose::Briefing)
        && matches!(
            f.status,
            FollowUpStatus::Open | FollowUpStatus::Assigned | FollowUpStatus::InProgress
        )
        && super::time::estate_today(f.created_at) < date
}

/// Whether `actor` may move `f` from its current status to `to`, per the table in the issue.
/// `Err` says why not: the transition does not exist from here, or this role may not make it.
pub fn may_transition(
    actor: &Actor,
    f: &FollowUp,
    to: FollowUpStatus,
) -> Result<(), TransitionError> {
    use FollowUpStatus as S;
    let from = f.status;
    let office = actor.is_office();
    let butler = actor.is_cluster_butler(f);
    let assignee = actor.role == Role::Staff && f.assignee == Some(actor.user);
    let (exists, allowed) = match (from, to) {
        (S::Assigned, S::InProgress) | (S::InProgress, S::Resolved) => (true, office || assignee),
        // No customer to tell about a public-area matter: resolved, it is checked and closed.
        (S::Resolved, S::CustomerInformed) if f.public_area() => (false, false),
        (S::Resolved, S::Closed) if f.public_area() => (true, office || butler),
        (S::Resolved, S::CustomerInformed) | (S::CustomerInformed, S::Closed) => {
            (true, office || butler)
        }
        (S::Closed, S::Open) => (true, office),
        (from, S::Open) if from != S::Open => (true, office || butler),
        _ => (false, false),
    };
    match (exists, allowed) {
        (false, _) => Err(TransitionError::Impossible { from, to }),
        (true, false) => Err(TransitionError::NotAllowed { from, to }),
        (true, true) => Ok(()),
    }
}

/// Why a status change cannot be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum TransitionError {
    /// No such step from the current status (a stale change: a conflict).
    Impossible {
        /// Current status.
        from: FollowUpStatus,
        /// Asked for.
        to: FollowUpStatus,
    },
    /// The step exists, but this user's role may not make it (refused).
    NotAllowed {
        /// Current status.
        from: FollowUpStatus,
        /// Asked for.
        to: FollowUpStatus,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use FollowUpStatus as S;

    fn follow_up(status: S, assignee: Option<UserId>, cluster: ClusterId) -> FollowUp {
        FollowUp {
            id: FollowUpId(Uuid::now_v7()),
            cluster_id: cluster,
            place: "3-2-1201".into(),
            source: "巡查".into(),
            title: "漏水".into(),
            department: Department::Engineering,
            assignee,
            due_date: None,
            status,
            version: 1,
            created_by: UserId::new_v7(),
            created_at: Utc::now(),
            comments: vec![],
            history: vec![],
            origin: None,
            photos: vec![],
            household: None,
            return_visit: None,
            facility: None,
        }
    }

    #[test]
    fn a_facility_is_out_of_use_until_its_fault_is_resolved() {
        use crate::domain::place::{facility_fault, PlaceId};
        let swings = PlaceId::new_v7();
        let cluster = ClusterId::new_v7();
        let mut fault = follow_up(S::InProgress, None, cluster);
        fault.facility = Some(swings);
        let other = follow_up(S::Open, None, cluster);
        assert!(fault.safety_related() && !other.safety_related());
        assert_eq!(
            facility_fault(swings, [&other, &fault]).map(|f| f.id),
            Some(fault.id)
        );
        fault.status = S::Resolved;
        assert!(facility_fault(swings, [&other, &fault]).is_none());
    }

    fn actor(role: Role, department: Option<Department>, clusters: Vec<ClusterId>) -> Actor {
        Actor {
            user: UserId::new_v7(),
            role,
            department,
            clusters,
        }
    }

    #[test]
    fn the_table_of_who_may_do_what() {
        let east = ClusterId::new_v7();
        let office = actor(Role::Office, None, vec![]);
        let butler = actor(Role::Butler, None, vec![east]);
        let other_butler = actor(Role::Butler, None, vec![ClusterId::new_v7()]);
        let repairer = actor(Role::Staff, Some(Department::Engineering), vec![]);
        let other_repairer = actor(Role::Staff, Some(Department::Engineering), vec![]);
        let assigned = follow_up(S::Assigned, Some(repairer.user), east);

        assert_eq!(may_transition(&repairer, &assigned, S::InProgress), Ok(()));
        assert_eq!(may_transition(&office, &assigned, S::InProgress), Ok(()));
        assert!(matches!(
            may_transition(&other_repairer, &assigned, S::InProgress),
            Err(TransitionError::NotAllowed { .. })
        ));
        assert!(matches!(
            may_transition(&butler, &assigned, S::InProgress),
            Err(TransitionError::NotAllowed { .. })
        ));

        let resolved = follow_up(S::Resolved, Some(repairer.user), east);
        assert_eq!(
            may_transition(&butler, &resolved, S::CustomerInformed),
            Ok(())
        );
        assert!(may_transition(&other_butler, &resolved, S::CustomerInformed).is_err());
        assert!(may_transition(&repairer, &resolved, S::CustomerInformed).is_err());

        let informed = follow_up(S::CustomerInformed, Some(repairer.user), east);
        assert_eq!(may_transition(&butler, &informed, S::Closed), Ok(()));
        assert_eq!(
            may_transition(&butler, &informed, S::Open),
            Ok(()),
            "reopen"
        );

        let closed = follow_up(S::Closed, Some(repairer.user), east);
        assert!(matches!(
            may_transition(&butler, &closed, S::Open),
            Err(TransitionError::NotAllowed { .. })
        ));
        assert_eq!(may_transition(&office, &closed, S::Open), Ok(()));
        assert!(matches!(
            may_transition(&office, &closed, S::Resolved),
            Err(TransitionError::Impossible { .. })
        ));
        let open = follow_up(S::Open, None, east);
        assert!(matches!(
            may_transition(&office, &open, S::Open),
            Err(TransitionError::Impossible { .. })
        ));
    }

    #[test]
    fn a_public_area_matter_is_closed_once_resolved_with_no_customer_to_tell() {
        use crate::domain::checklist::Purpose;
        let east = ClusterId::new_v7();
        let butler = actor(Role::Butler, None, vec![east]);
        let office = actor(Role::Office, None, vec![]);
        let repairer = actor(Role::Staff, Some(Department::Engineering), vec![]);
        let origin = |purpose| {
            Some(Origin {
                run: crate::domain::RunId::new_v7(),
                purpose,
                item: "patrol.lighting".into(),
                entry: None,
                label: None,
            })
        };
        let mut public = follow_up(S::Resolved, Some(repairer.user), east);
        public.origin = origin(Purpose::Patrol);
        assert!(public.public_area());
        assert_eq!(public.next_status(), Some(S::Closed));
        assert!(matches!(
            may_transition(&butler, &public, S::CustomerInformed),
            Err(TransitionError::Impossible { .. })
        ));
        assert_eq!(may_transition(&butler, &public, S::Closed), Ok(()));
        assert_eq!(may_transition(&office, &public, S::Closed), Ok(()));
        assert!(may_transition(&repairer, &public, S::Closed).is_err());
        assert!(!crate::domain::visit::waits_for_return_visit(&public));

        // A notice-board matter is public too; a vacant unit's defect has its owner, and a
        // round's matter referred for a household has its customer.
        public.origin = origin(Purpose::NoticeBoard);
        assert!(public.public_area());
        let mut vacant = public.clone();
        vacant.origin = origin(Purpose::VacantUnit);
        assert!(!vacant.public_area());
        assert_eq!(vacant.next_status(), Some(S::CustomerInformed));
        assert!(matches!(
            may_transition(&butler, &vacant, S::Closed),
            Err(TransitionError::Impossible { .. })
        ));
        assert!(crate::domain::visit::waits_for_return_visit(&vacant));
        let mut household = public.clone();
        household.household = Some(crate::domain::household::HouseholdId(Uuid::now_v7()));
        assert!(!household.public_area());
        // Made by hand, with no round behind it: as before, the customer is told.
        let by_hand = follow_up(S::Resolved, Some(repairer.user), east);
        assert!(!by_hand.public_area());
        assert_eq!(by_hand.next_status(), Some(S::CustomerInformed));
    }

    #[test]
    fn an_open_briefing_matter_is_carried_over_to_the_next_days_briefing() {
        let east = ClusterId::new_v7();
        let mut f = follow_up(S::Assigned, None, east);
        // Raised at 09:30 estate time (01:30 UTC) on 27 November.
        f.created_at = "2026-11-27T01:30:00Z".parse().expect("instant");
        let origin = Origin {
            run: super::super::RunId::new_v7(),
            purpose: super::super::checklist::Purpose::Briefing,
            item: "briefing.security".into(),
            entry: None,
            label: None,
        };
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).expect("date");
        assert!(!carried_over(&f, east, day(28)), "not from a briefing");
        f.origin = Some(origin);
        assert!(
            !carried_over(&f, east, day(27)),
            "the same day is not carried over"
        );
        assert!(carried_over(&f, east, day(28)));
        assert!(!carried_over(&f, ClusterId::new_v7(), day(28)));
        f.status = S::Resolved;
        assert!(
            !carried_over(&f, east, day(28)),
            "resolved matters stay behind"
        );
        // Raised at 23:30 estate time on the 27th (15:30 UTC): still the 27th.
        f.status = S::Open;
        f.created_at = "2026-11-27T15:30:00Z".parse().expect("instant");
        assert!(carried_over(&f, east, day(28)));
        f.created_at = "2026-11-27T16:30:00Z".parse().expect("instant");
        assert!(
            !carried_over(&f, east, day(28)),
            "00:30 on the 28th in the estate"
        );
    }

    #[test]
    fn a_default_due_date_counts_days_from_the_day_it_was_made() {
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).expect("date");
        assert_eq!(default_due_date(day(11, 29), 3), day(12, 2));
        assert_eq!(
            default_due_date(day(12, 30), 3),
            NaiveDate::from_ymd_opt(2027, 1, 2).expect("date")
        );
        assert_eq!(default_due_date(day(12, 7), 0), day(12, 7));
        assert_eq!(
            default_due_date(day(1, 1), u32::MAX),
            day(1, 1) + chrono::Days::new(u64::from(MAX_DUE_DAYS)),
            "bounded"
        );
    }

    #[test]
    fn who_sees_a_follow_up() {
        let east = ClusterId::new_v7();
        let f = follow_up(S::Open, None, east);
        assert!(actor(Role::Office, None, vec![]).can_see(&f));
        assert!(actor(Role::Admin, None, vec![]).can_see(&f));
        assert!(actor(Role::Butler, None, vec![east]).can_see(&f));
        assert!(!actor(Role::Butler, None, vec![ClusterId::new_v7()]).can_see(&f));
        assert!(actor(Role::Staff, Some(Department::Engineering), vec![]).can_see(&f));
        assert!(!actor(Role::Staff, Some(Department::Security), vec![]).can_see(&f));
    }
}
