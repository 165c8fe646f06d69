//! Deciding a community activity (issue 19). Pure, like [`super::apply`]. The office announces
//! an activity and changes it — its time, its place, its capacity, the places it gives each
//! butler — never below the places a butler has already filled; a butler signs households up
//! from their own share, cancels (the places go back) and records the feedback visit; the
//! office records who came. Every phone spends only its butler's share, so sign-ups made
//! offline on several phones at once never pass the capacity: one beyond a share reduced
//! meanwhile is refused on push (and listed under 需处理 on the phone that made it).

use super::kind::Decision;
use super::{Op, Reason};
use crate::domain::activity::{Activity, ActivityProblem, SignUp};
use crate::domain::follow_up::Actor;
use crate::domain::Role;
use chrono::{DateTime, Utc};

fn invalid(p: ActivityProblem) -> Decision<Activity> {
    Decision::invalid(p.field())
}

/// The activity rule ([`super::kind::Activities`]).
pub(super) fn rule(
    actor: &Actor,
    existing: Option<&Activity>,
    op: &Op,
    _: (),
    now: DateTime<Utc>,
) -> Decision<Activity> {
    if let Op::SaveActivity { id, draft } = op {
        if !actor.is_office() {
            return Decision::Refuse(Reason::Forbidden);
        }
        return match existing {
            None => match draft.check() {
                Ok(()) => Decision::apply(Activity::announced(*id, draft, actor.user, now)),
                Err(p) => invalid(p),
            },
            Some(a) => {
                if let Err(p) = a.check_change(draft) {
                    return invalid(p);
                }
                let mut next = a.clone();
                next.take(draft);
                if next == *a {
                    return Decision::AlreadyDone;
                }
                Decision::apply(next)
            }
        };
    }
    let Some(a) = existing else {
        return Decision::Refuse(Reason::NotFound);
    };
    match op {
        Op::SignUpForActivity { sign_up, .. } => {
            if let Some(s) = a.sign_up(sign_up.id) {
                return if s.butler == actor.user {
                    Decision::AlreadyDone
                } else {
                    Decision::Refuse(Reason::AlreadyExists)
                };
            }
            if actor.role != Role::Butler {
                // Places are the butlers' shares: the office moves places, it does not fill them.
                return Decision::Refuse(Reason::Forbidden);
            }
            if !actor.clusters.contains(&sign_up.cluster_id) {
                return Decision::Refuse(Reason::OutOfScope);
            }
            if let Err(p) = a.check_sign_up(actor.user, sign_up, now) {
                return invalid(p);
            }
            let mut next = a.clone();
            next.sign_ups.push(SignUp {
                id: sign_up.id,
                butler: actor.user,
                cluster_id: sign_up.cluster_id,
                unit_id: sign_up.unit_id,
                unit: sign_up.unit.trim().to_owned(),
                name: sign_up.name.trim().to_owned(),
                people: sign_up.people,
                at: sign_up.at,
                cancelled_at: None,
                attended: None,
                feedback: None,
            });
            Decision::apply(next)
        }
        Op::CancelSignUp { sign_up, .. } => {
            let Some(s) = a.sign_up(*sign_up) else {
                return invalid(ActivityProblem::NoSuchSignUp);
            };
            if !(actor.is_office() || s.butler == actor.user) {
                return Decision::Refuse(Reason::Forbidden);
            }
            if !s.active() {
                return Decision::AlreadyDone;
            }
            if let Err(p) = a.check_cancel(*sign_up, now) {
                return invalid(p);
            }
            let mut next = a.clone();
            if let Some(s) = next.sign_ups.iter_mut().find(|s| s.id == *sign_up) {
                s.cancelled_at = Some(now);
            }
            Decision::apply(next)
        }
        Op::RecordAttendance {
            sign_up, attended, ..
        } => {
            if !actor.is_office() {
                return Decision::Refuse(Reason::Forbidden);
            }
            match a.check_after(*sign_up, now) {
                Err(p) => invalid(p),
                Ok(s) if s.attended == Some(*attended) => Decision::AlreadyDone,
                Ok(_) => {
                    let mut next = a.clone();
                    if let Some(s) = next.sign_ups.iter_mut().find(|s| s.id == *sign_up) {
                        s.attended = Some(*attended);
                    }
                    Decision::apply(next)
                }
            }
        }
        Op::RecordActivityFeedback {
            sign_up, feedback, ..
        } => {
            let Some(s) = a.sign_up(*sign_up) else {
                return invalid(ActivityProblem::NoSuchSignUp);
            };
            if let Err(r) = super::kind::cluster_butler_or_office(actor, s.cluster_id) {
                return Decision::Refuse(r);
            }
            if let Err(p) = a.check_feedback(*sign_up, feedback, now) {
                return invalid(p);
            }
            let mut f = feedback.clone();
            f.by = Some(actor.user);
            f.comments = f.comments.trim().to_owned();
            f.suggestions = f.suggestions.trim().to_owned();
            if s.feedback.as_ref() == Some(&f) {
                return Decision::AlreadyDone;
            }
            let mut next = a.clone();
            if let Some(s) = next.sign_ups.iter_mut().find(|s| s.id == *sign_up) {
                s.feedback = Some(f);
            }
            Decision::apply(next)
        }
        _ => Decision::Refuse(Reason::NotFound),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::activity::tests::{at, butler, draft, sign_up};
    use crate::domain::activity::{ActivityId, Feedback, SignUpDraft, SignUpId};
    use crate::domain::{ClusterId, UserId};
    use crate::sync::kind::{decide, Activities};
    use crate::sync::SCHEMA_VERSION;
    use proptest::prelude::*;
    use uuid::Uuid;

    fn cluster() -> ClusterId {
        ClusterId(Uuid::from_u128(5))
    }

    fn office() -> Actor {
        Actor {
            user: butler(100),
            role: Role::Office,
            department: None,
            clusters: vec![],
        }
    }

    fn butler_actor(n: u128) -> Actor {
        Actor {
            user: butler(n),
            role: Role::Butler,
            department: None,
            clusters: vec![cluster()],
        }
    }

    fn id() -> ActivityId {
        ActivityId(Uuid::from_u128(77))
    }

    fn run(actor: &Actor, a: Option<&Activity>, op: &Op, now: DateTime<Utc>) -> Decision<Activity> {
        decide::<Activities>(actor, a, op, (), now, SCHEMA_VERSION)
    }

    fn applied(d: Decision<Activity>) -> Activity {
        match d {
            Decision::Apply(a) => *a,
            other => panic!("not applied: {other:?}"),
        }
    }

    fn refused_field(d: Decision<Activity>) -> String {
        match d {
            Decision::Refuse(Reason::Invalid { field }) => field,
            other => panic!("not refused as invalid: {other:?}"),
        }
    }

    fn announced(capacity: u32, shares: &[(u128, u32)]) -> Activity {
        let op = Op::SaveActivity {
            id: id(),
            draft: draft(capacity, shares),
        };
        applied(run(&office(), None, &op, at("2026-12-01T09:00")))
    }

    fn sign(d: SignUpDraft) -> Op {
        Op::SignUpForActivity {
            id: id(),
            sign_up: d,
        }
    }

    #[test]
    fn only_the_office_announces_and_moves_places() {
        let op = Op::SaveActivity {
            id: id(),
            draft: draft(10, &[(1, 6), (2, 4)]),
        };
        let now = at("2026-12-01T09:00");
        assert_eq!(
            run(&butler_actor(1), None, &op, now),
            Decision::Refuse(Reason::Forbidden)
        );
        let a = applied(run(&office(), None, &op, now));
        assert_eq!((a.share_of(butler(1)), a.share_of(butler(2))), (6, 4));
        // The same again (a replay): nothing to store.
        assert_eq!(run(&office(), Some(&a), &op, now), Decision::AlreadyDone);
        let over = Op::SaveActivity {
            id: id(),
            draft: draft(10, &[(1, 7), (2, 4)]),
        };
        assert_eq!(
            refused_field(run(&office(), Some(&a), &over, now)),
            "shares"
        );
    }

    #[test]
    fn a_butler_signs_up_their_own_clusters_households_from_their_share() {
        let a = announced(10, &[(1, 6), (2, 4)]);
        let now = at("2026-12-10T10:00");
        let s = sign_up(1, 4, "2026-12-10T09:00");
        let a = applied(run(&butler_actor(1), Some(&a), &sign(s.clone()), now));
        assert_eq!(a.sign_ups[0].butler, butler(1));
        // A replay is already done; the office cannot fill places; another cluster's household.
        assert_eq!(
            run(&butler_actor(1), Some(&a), &sign(s), now),
            Decision::AlreadyDone
        );
        assert_eq!(
            run(
                &office(),
                Some(&a),
                &sign(sign_up(2, 1, "2026-12-10T09:00")),
                now
            ),
            Decision::Refuse(Reason::Forbidden)
        );
        let mut elsewhere = sign_up(2, 1, "2026-12-10T09:00");
        elsewhere.cluster_id = ClusterId(Uuid::from_u128(6));
        assert_eq!(
            run(&butler_actor(1), Some(&a), &sign(elsewhere), now),
            Decision::Refuse(Reason::OutOfScope)
        );
        assert_eq!(
            refused_field(run(
                &butler_actor(1),
                Some(&a),
                &sign(sign_up(2, 3, "2026-12-10T09:00")),
                now
            )),
            "share"
        );
    }

    #[test]
    fn a_cancelled_sign_up_returns_its_places_and_the_office_records_who_came() {
        let a = announced(10, &[(1, 6)]);
        let s = sign_up(1, 6, "2026-12-10T09:00");
        let sid = s.id;
        let a = applied(run(
            &butler_actor(1),
            Some(&a),
            &sign(s),
            at("2026-12-10T10:00"),
        ));
        assert_eq!(a.left_for(butler(1)), 0);
        let cancel = Op::CancelSignUp {
            id: id(),
            sign_up: sid,
        };
        assert_eq!(
            run(&butler_actor(2), Some(&a), &cancel, at("2026-12-11T10:00")),
            Decision::Refuse(Reason::Forbidden)
        );
        let c = applied(run(
            &butler_actor(1),
            Some(&a),
            &cancel,
            at("2026-12-11T10:00"),
        ));
        assert_eq!(c.left_for(butler(1)), 6);
        assert_eq!(
            run(&butler_actor(1), Some(&c), &cancel, at("2026-12-11T10:00")),
            Decision::AlreadyDone
        );
        // Attendance: the office's, after the start, not of a cancelled one.
        let came = Op::RecordAttendance {
            id: id(),
            sign_up: sid,
            attended: true,
        };
        assert_eq!(
            refused_field(run(&office(), Some(&a), &came, at("2026-12-19T10:00"))),
            "not_started"
        );
        assert_eq!(
            run(&butler_actor(1), Some(&a), &came, at("2026-12-20T10:30")),
            Decision::Refuse(Reason::Forbidden)
        );
        let w = applied(run(&office(), Some(&a), &came, at("2026-12-20T10:30")));
        assert_eq!(w.headcount().attended, 6);
        assert_eq!(
            refused_field(run(&office(), Some(&c), &came, at("2026-12-20T10:30"))),
            "cancelled"
        );
        assert_eq!(
            refused_field(run(
                &office(),
                Some(&a),
                &Op::RecordAttendance {
                    id: id(),
                    sign_up: SignUpId(Uuid::from_u128(1)),
                    attended: true
                },
                at("2026-12-20T10:30")
            )),
            "sign_up"
        );
    }

    #[test]
    fn feedback_is_the_clusters_butlers_or_the_offices_after_the_activity() {
        let a = announced(10, &[(1, 6)]);
        let s = sign_up(1, 2, "2026-12-10T09:00");
        let sid = s.id;
        let a = applied(run(
            &butler_actor(1),
            Some(&a),
            &sign(s),
            at("2026-12-10T10:00"),
        ));
        let op = |rating| Op::RecordActivityFeedback {
            id: id(),
            sign_up: sid,
            feedback: Feedback {
                rating,
                comments: " 很热闹 ".into(),
                suggestions: "下次多些儿童项目".into(),
                at: at("2026-12-21T10:00"),
                by: None,
            },
        };
        let after = at("2026-12-21T10:05");
        let mut other = butler_actor(2);
        other.clusters = vec![ClusterId(Uuid::from_u128(6))];
        assert_eq!(
            run(&other, Some(&a), &op(5), after),
            Decision::Refuse(Reason::OutOfScope)
        );
        assert_eq!(
            refused_field(run(&butler_actor(1), Some(&a), &op(0), after)),
            "rating"
        );
        let f = applied(run(&butler_actor(1), Some(&a), &op(5), after));
        let given = f.sign_ups[0].feedback.clone().expect("recorded");
        assert_eq!(
            (given.comments.as_str(), given.by),
            ("很热闹", Some(butler(1)))
        );
        assert_eq!(
            run(&butler_actor(1), Some(&f), &op(5), after),
            Decision::AlreadyDone
        );
        assert_eq!(f.headcount().average_text(), "5.0");
    }

    /// What one step of the property test does.
    #[derive(Debug, Clone)]
    enum Step {
        /// A device signs a household up offline, as its phone allows.
        SignUp { device: usize, people: u32 },
        /// A device cancels its oldest sign-up it holds.
        Cancel { device: usize },
        /// A device syncs: pushes its outbox in order, then pulls.
        Sync { device: usize },
        /// A device pulls the activity as the server holds it.
        Pull { device: usize },
        /// The office moves places from one butler to another, as the server holds it.
        Move { from: usize, to: usize, places: u32 },
    }

    fn step(devices: usize, butlers: usize) -> impl Strategy<Value = Step> {
        prop_oneof![
            4 => (0..devices, 1u32..=4).prop_map(|(device, people)| Step::SignUp { device, people }),
            1 => (0..devices).prop_map(|device| Step::Cancel { device }),
            3 => (0..devices).prop_map(|device| Step::Sync { device }),
            2 => (0..devices).prop_map(|device| Step::Pull { device }),
            2 => (0..butlers, 0..butlers, 1u32..=5).prop_map(|(from, to, places)| Step::Move { from, to, places }),
        ]
    }

    /// A phone: the activity as last pulled and its unsent mutations.
    struct Device {
        actor: Actor,
        pulled: Activity,
        outbox: Vec<Op>,
    }

    impl Device {
        /// The activity as this phone shows it: what it pulled, its own mutations replayed.
        fn view(&self, now: DateTime<Utc>) -> Activity {
            let mut a = self.pulled.clone();
            for op in &self.outbox {
                if let Decision::Apply(next) = run(&self.actor, Some(&a), op, now) {
                    a = *next;
                }
            }
            a
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Several phones — some butlers with two — sign households up offline, push and
        /// pull in any order while the office moves places between butlers: the server never
        /// holds more people than the capacity nor a butler more than their share; every
        /// sign-up a phone took is either on the server or refused with a reason (listed under
        /// 需处理), none lost; a butler with one phone is refused only after their share was
        /// cut while the phone was offline.
        #[test]
        fn shares_are_never_oversubscribed_by_phones_offline_at_once(
            capacity in 6u32..30,
            butlers in 2usize..4,
            devices in 2usize..6,
            steps in proptest::collection::vec(step(5, 3), 1..60),
        ) {
            let now = at("2026-12-10T10:00");
            let per = capacity / u32::try_from(butlers).expect("small");
            let shares: Vec<(u128, u32)> = (0..butlers).map(|b| (b as u128 + 1, per)).collect();
            let mut server = announced(capacity, &shares);
            let mut phones: Vec<Device> = (0..devices)
                .map(|d| Device {
                    actor: butler_actor((d % butlers) as u128 + 1),
                    pulled: server.clone(),
                    outbox: vec![],
                })
                .collect();
            let two_phones = |b: UserId| phones_of(devices, butlers, b) > 1;
            let mut taken: Vec<(usize, SignUpId)> = vec![];
            let mut refused: Vec<SignUpId> = vec![];
            let mut cut: Vec<UserId> = vec![];
            let mut unit = 0u128;
            for s in steps {
                match s {
                    Step::SignUp { device, people } if device < devices => {
                        let p = &mut phones[device];
                        unit += 1;
                        let op = sign(sign_up(unit, people, "2026-12-10T09:00"));
                        // The phone decides against its own view: beyond its share, the butler
                        // is told at once and nothing is queued.
                        if let Decision::Apply(_) = run(&p.actor, Some(&p.view(now)), &op, now) {
                            if let Op::SignUpForActivity { sign_up, .. } = &op {
                                taken.push((device, sign_up.id));
                            }
                            p.outbox.push(op);
                        }
                    }
                    Step::Cancel { device } if device < devices => {
                        let p = &mut phones[device];
                        let view = p.view(now);
                        if let Some(s) = view.sign_ups.iter().find(|s| s.active() && s.butler == p.actor.user) {
                            p.outbox.push(Op::CancelSignUp { id: id(), sign_up: s.id });
                        }
                    }
                    Step::Sync { device } if device < devices => {
                        let p = &mut phones[device];
                        for op in p.outbox.drain(..) {
                            match run(&p.actor, Some(&server), &op, now) {
                                Decision::Apply(next) => server = *next,
                                Decision::AlreadyDone => {}
                                Decision::Refuse(Reason::Invalid { field }) => match &op {
                                    Op::SignUpForActivity { sign_up, .. } => {
                                        prop_assert_eq!(field.as_str(), "share");
                                        refused.push(sign_up.id);
                                        prop_assert!(
                                            cut.contains(&p.actor.user) || two_phones(p.actor.user),
                                            "a butler with one phone refused without a cut share"
                                        );
                                    }
                                    // Cancelling a sign-up the server refused.
                                    Op::CancelSignUp { sign_up, .. } => {
                                        prop_assert_eq!(field.as_str(), "sign_up");
                                        prop_assert!(refused.contains(sign_up));
                                    }
                                    other => prop_assert!(false, "unexpected refusal of {other:?}"),
                                },
                                other => prop_assert!(false, "unexpected {other:?}"),
                            }
                        }
                        p.pulled = server.clone();
                        if phones_of(devices, butlers, p.actor.user) == 1 {
                            cut.retain(|b| *b != p.actor.user);
                        }
                    }
                    Step::Pull { device } if device < devices => {
                        let p = &mut phones[device];
                        p.pulled = server.clone();
                        if p.outbox.is_empty() {
                            cut.retain(|b| *b != p.actor.user || phones_of(devices, butlers, *b) > 1);
                        }
                    }
                    Step::Move { from, to, places } if from < butlers && to < butlers && from != to => {
                        let mut d = server.draft();
                        let (f, t) = (butler(from as u128 + 1), butler(to as u128 + 1));
                        let have = server.share_of(f);
                        let moved = places.min(have);
                        d.shares = vec![];
                        for b in 0..butlers {
                            let u = butler(b as u128 + 1);
                            let mut n = server.share_of(u);
                            if u == f { n -= moved; }
                            if u == t { n += moved; }
                            d.shares.push(crate::domain::activity::Share { butler: u, places: n });
                        }
                        match run(&office(), Some(&server), &Op::SaveActivity { id: id(), draft: d }, now) {
                            Decision::Apply(next) => {
                                server = *next;
                                if moved > 0 { cut.push(f); }
                            }
                            Decision::AlreadyDone => {}
                            Decision::Refuse(Reason::Invalid { field }) => {
                                prop_assert_eq!(field.as_str(), "shares_below_signed_up");
                                prop_assert!(server.used_by(f) > have - moved);
                            }
                            other => prop_assert!(false, "unexpected {other:?}"),
                        }
                    }
                    _ => {}
                }
                // The server never holds more than there is.
                prop_assert!(server.headcount().people <= capacity);
                for b in 0..butlers {
                    let u = butler(b as u128 + 1);
                    prop_assert!(server.used_by(u) <= server.share_of(u));
                }
            }
            // Everything pushed: each sign-up a phone took is on the server or refused.
            for p in &mut phones {
                for op in p.outbox.drain(..) {
                    match run(&p.actor, Some(&server), &op, now) {
                        Decision::Apply(next) => server = *next,
                        Decision::Refuse(Reason::Invalid { .. }) => {
                            if let Op::SignUpForActivity { sign_up, .. } = &op {
                                refused.push(sign_up.id);
                            }
                        }
                        _ => {}
                    }
                }
            }
            prop_assert!(server.headcount().people <= capacity);
            for (_, sid) in taken {
                prop_assert!(server.sign_up(sid).is_some() || refused.contains(&sid), "a sign-up lost");
            }
        }
    }

    /// How many of the `devices` phones belong to butler `b`.
    fn phones_of(devices: usize, butlers: usize, b: UserId) -> usize {
        (0..devices)
            .filter(|d| butler((d % butlers) as u128 + 1) == b)
            .count()
    }
}
