//! Deciding places and notices (issue 18). Pure, like [`super::apply`]. A place is the
//! office's to register and change (the last saved wins). A notice is posted by the office or
//! the butler of its cluster on that cluster's notice boards; its expiry date may change; the
//! butler takes it down, offline — and a take-down wins over a later change of the expiry date
//! (the change is kept in the history, the notice stays down).

use super::kind::Decision;
use super::{Op, Reason};
use crate::domain::follow_up::Actor;
use crate::domain::place::{
    check_expiry, check_notice, ExpiryChange, Notice, Place, TakeDown, MAX_NOTICE_PHOTOS,
};
use crate::domain::time::estate_today;
use crate::domain::ClusterId;
use chrono::{DateTime, Utc};

/// A phone's clock may run this far ahead of the server's for a take-down's time.
const CLOCK_SLACK_SECS: i64 = 600;

/// The place rule ([`super::kind::Places`]).
pub(super) fn place_rule(
    actor: &Actor,
    existing: Option<&Place>,
    op: &Op,
    _: (),
    _now: DateTime<Utc>,
) -> Decision<Place> {
    let Op::SavePlace { place } = op else {
        return Decision::Refuse(Reason::NotFound);
    };
    if !actor.is_office() {
        return Decision::Refuse(Reason::Forbidden);
    }
    if let Err(p) = place.check() {
        return Decision::invalid(p.field());
    }
    let place = place.trimmed();
    if existing == Some(&place) {
        return Decision::AlreadyDone;
    }
    Decision::apply(place)
}

fn may_post(actor: &Actor, cluster: ClusterId) -> Result<(), Reason> {
    super::kind::cluster_butler_or_office(actor, cluster)
}

/// The notice rule ([`super::kind::Notices`]); `boards` are the places a new notice names,
/// as far as the caller knows them.
pub(super) fn notice_rule(
    actor: &Actor,
    existing: Option<&Notice>,
    op: &Op,
    boards: Vec<&Place>,
    now: DateTime<Utc>,
) -> Decision<Notice> {
    match (op, existing) {
        (
            Op::PostNotice {
                id,
                cluster_id,
                title,
                issuer,
                boards: named,
                posted_on,
                expires_on,
                photos,
            },
            None,
        ) => {
            if let Err(r) = may_post(actor, *cluster_id) {
                return Decision::Refuse(r);
            }
            if let Err(p) = check_notice(
                title,
                *cluster_id,
                named,
                &boards,
                *posted_on,
                *expires_on,
                photos,
            ) {
                return Decision::invalid(p.field());
            }
            Decision::apply(Notice {
                id: *id,
                cluster_id: *cluster_id,
                title: title.trim().to_owned(),
                issuer: *issuer,
                boards: named.clone(),
                posted_on: *posted_on,
                expires_on: *expires_on,
                photos: photos.clone(),
                posted_by: actor.user,
                taken_down: None,
                changes: vec![],
            })
        }
        (Op::PostNotice { .. }, Some(_)) => Decision::AlreadyDone,
        (_, None) => Decision::Refuse(Reason::NotFound),
        (Op::ChangeNoticeExpiry { expires_on, .. }, Some(n)) => {
            if let Err(r) = may_post(actor, n.cluster_id) {
                return Decision::Refuse(r);
            }
            if check_expiry(n.posted_on, *expires_on).is_err() {
                return Decision::invalid("expires_on");
            }
            if *expires_on == n.expires_on {
                return Decision::AlreadyDone;
            }
            let mut n = n.clone();
            let down = n.taken_down.is_some();
            n.changes.push(ExpiryChange {
                at: now,
                by: actor.user,
                from: n.expires_on,
                to: *expires_on,
                after_take_down: down,
            });
            if !down {
                n.expires_on = *expires_on;
            }
            Decision::apply(n)
        }
        (Op::TakeDownNotice { at, photos, .. }, Some(n)) => {
            if let Err(r) = may_post(actor, n.cluster_id) {
                return Decision::Refuse(r);
            }
            if n.taken_down.is_some() {
                return Decision::AlreadyDone;
            }
            if photos.len() > MAX_NOTICE_PHOTOS {
                return Decision::invalid("photos");
            }
            if estate_today(*at) < n.posted_on || (*at - now).num_seconds() > CLOCK_SLACK_SECS {
                return Decision::invalid("at");
            }
            let mut n = n.clone();
            n.taken_down = Some(TakeDown {
                at: *at,
                by: actor.user,
                photos: photos.clone(),
            });
            Decision::apply(n)
        }
        _ => Decision::Refuse(Reason::NotFound),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::place::{Issuer, NoticeId, PlaceId, PlaceKind};
    use crate::domain::{Role, UserId};
    use chrono::TimeZone;

    fn butler(cluster: ClusterId) -> Actor {
        Actor {
            user: UserId::new_v7(),
            role: Role::Butler,
            department: None,
            clusters: vec![cluster],
        }
    }

    fn board(cluster: ClusterId) -> Place {
        Place {
            id: PlaceId::new_v7(),
            cluster_id: cluster,
            kind: PlaceKind::NoticeBoard,
            name: "1号楼大堂公告栏".into(),
            location: "1号楼大堂".into(),
            position: None,
            template: None,
            retired: false,
        }
    }

    fn post(cluster: ClusterId, board: &Place) -> Op {
        Op::PostNotice {
            id: NoticeId::new_v7(),
            cluster_id: cluster,
            title: " 停水通知 ".into(),
            issuer: Issuer::Utility,
            boards: vec![board.id],
            posted_on: "2026-12-01".parse().expect("a date"),
            expires_on: "2026-12-07".parse().expect("a date"),
            photos: vec![],
        }
    }

    fn applied(d: Decision<Notice>) -> Notice {
        match d {
            Decision::Apply(n) => *n,
            other => panic!("not applied: {other:?}"),
        }
    }

    #[test]
    fn a_take_down_wins_over_a_later_change_of_the_expiry_date() {
        let cluster = ClusterId::new_v7();
        let me = butler(cluster);
        let b = board(cluster);
        let now = Utc.with_ymd_and_hms(2026, 12, 7, 1, 0, 0).unwrap();
        let op = post(cluster, &b);
        let n = applied(notice_rule(&me, None, &op, vec![&b], now));
        assert_eq!(n.title, "停水通知");
        let down = Op::TakeDownNotice {
            id: n.id,
            at: now,
            photos: vec![],
        };
        let n = applied(notice_rule(&me, Some(&n), &down, vec![], now));
        // Again (a replay, or two phones): nothing more.
        assert_eq!(
            notice_rule(&me, Some(&n), &down, vec![], now),
            Decision::AlreadyDone
        );
        let later = Op::ChangeNoticeExpiry {
            id: n.id,
            expires_on: "2026-12-20".parse().expect("a date"),
        };
        let n = applied(notice_rule(&me, Some(&n), &later, vec![], now));
        assert!(n.taken_down.is_some());
        assert_eq!(n.expires_on, "2026-12-07".parse().expect("a date"));
        assert_eq!(n.changes.len(), 1);
        assert!(n.changes[0].after_take_down);
    }

    #[test]
    fn who_may_post_and_what_is_refused() {
        let cluster = ClusterId::new_v7();
        let b = board(cluster);
        let now = Utc.with_ymd_and_hms(2026, 12, 7, 1, 0, 0).unwrap();
        let op = post(cluster, &b);
        let other = butler(ClusterId::new_v7());
        assert_eq!(
            notice_rule(&other, None, &op, vec![&b], now),
            Decision::Refuse(Reason::OutOfScope)
        );
        // A board this device does not know (or another cluster's) is refused by field.
        assert_eq!(
            notice_rule(&butler(cluster), None, &op, vec![], now),
            Decision::invalid("boards")
        );
        let n = applied(notice_rule(&butler(cluster), None, &op, vec![&b], now));
        let future = Op::TakeDownNotice {
            id: n.id,
            at: now + chrono::Duration::hours(2),
            photos: vec![],
        };
        assert_eq!(
            notice_rule(&butler(cluster), Some(&n), &future, vec![], now),
            Decision::invalid("at")
        );
        // Places: the office's only.
        let save = Op::SavePlace { place: b.clone() };
        assert_eq!(
            place_rule(&butler(cluster), None, &save, (), now),
            Decision::Refuse(Reason::Forbidden)
        );
    }
}
