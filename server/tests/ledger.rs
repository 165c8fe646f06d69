//! The customer ledger (issue 6) through the real router on a real SQLite file: households
//! reach their cluster's butlers; a malformed phone is refused; two devices correcting the same
//! phone offline follow design §5 (the last to arrive wins, the overwritten value stays in the
//! history, the change waits on "needs attention").

mod support;

use app::domain::household::SharedField;
use app::sync::{Op, Reason, Verdict};
use support::device::{Device, PushResult};
use support::{json, TestApp};
use uuid::Uuid;

fn outcomes(r: PushResult) -> Vec<app::sync::Outcome> {
    match r {
        PushResult::Ok(r) => r.outcomes,
        PushResult::Status(s, b) => panic!("push failed: {s} {b}"),
    }
}

#[tokio::test]
async fn households_reach_their_clusters_butlers_and_a_malformed_phone_is_refused() {
    let app = TestApp::new().await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    let mut li = Device::sign_in(&app, "liming").await;
    wang.pull_all(&app).await;
    li.pull_all(&app).await;
    assert_eq!(wang.households.len() + li.households.len(), 699);
    assert!(wang
        .households
        .values()
        .all(|h| h.cluster_id == wang.clusters[0]));
    let h = wang
        .households
        .values()
        .next()
        .expect("a household")
        .clone();
    wang.queue(Op::CorrectHousehold {
        household: h.id,
        change: Uuid::now_v7(),
        field: SharedField::Phone,
        value: "1381234567".into(),
        base: h.phone.clone(),
    });
    let o = outcomes(wang.push(&app).await);
    assert_eq!(
        o[0].verdict,
        Verdict::Refused {
            reason: Reason::Invalid {
                field: "phone".into()
            }
        }
    );
    // Li may not correct Wang's households.
    li.queue(Op::CorrectHousehold {
        household: h.id,
        change: Uuid::now_v7(),
        field: SharedField::Phone,
        value: "13900001111".into(),
        base: h.phone.clone(),
    });
    let o = outcomes(li.push(&app).await);
    assert_eq!(
        o[0].verdict,
        Verdict::Refused {
            reason: Reason::OutOfScope
        }
    );
    wang.pull_all(&app).await;
    assert_eq!(wang.households[&h.id.0].phone, h.phone, "nothing changed");
}

#[tokio::test]
async fn two_devices_edit_the_same_households_phone_offline() {
    let app = TestApp::new().await;
    let mut phone = Device::sign_in(&app, "wangjing").await;
    let mut office = Device::sign_in(&app, "chenfang").await;
    phone.pull_all(&app).await;
    office.pull_all(&app).await;
    let h = phone
        .households
        .values()
        .next()
        .expect("a household")
        .clone();
    // Both saw the old number. The office's correction arrives first, the butler's second.
    office.queue(Op::CorrectHousehold {
        household: h.id,
        change: Uuid::now_v7(),
        field: SharedField::Phone,
        value: "139 0000 1111".into(),
        base: h.phone.clone(),
    });
    phone.queue(Op::CorrectHousehold {
        household: h.id,
        change: Uuid::now_v7(),
        field: SharedField::Phone,
        value: "13722223333".into(),
        base: h.phone.clone(),
    });
    let first = outcomes(office.push(&app).await);
    assert_eq!(
        (first[0].verdict.clone(), first[0].notice.clone()),
        (Verdict::Applied, None)
    );
    let second = outcomes(phone.push(&app).await);
    assert_eq!(second[0].verdict, Verdict::Applied);
    assert_eq!(
        second[0].notice,
        Some(Reason::Overwrote {
            previous: "13900001111".into()
        })
    );
    office.pull_all(&app).await;
    phone.pull_all(&app).await;
    let now = &phone.households[&h.id.0];
    assert_eq!(now.phone, "13722223333", "the last to arrive wins");
    assert_eq!(now.history.len(), 2);
    assert_eq!(
        now.history[1].previous, "13900001111",
        "the overwritten value stays"
    );
    assert_eq!(now.history[1].author_saw.as_deref(), Some(h.phone.as_str()));
    assert_eq!(&office.households[&h.id.0], now, "both devices converge");
    let items = json(app.get("/api/v1/attention", Some(&office.cookie)).await).await;
    let items = items.as_array().expect("a list");
    assert_eq!(items.len(), 1, "the record is on needs attention");
    assert_eq!(items[0]["mutation"]["op"]["type"], "correct_household");
}

use app::customers::api::{Report, Satisfaction};
use app::domain::follow_up::{FollowUpId, FollowUpStatus};
use app::domain::visit::{VisitChannel, VisitId, VisitItem};
use app::domain::{Department, UserId};

fn follow_up(
    d: &Device,
    title: &str,
    dept: Department,
    household: Option<app::domain::household::HouseholdId>,
) -> (FollowUpId, Op) {
    let id = FollowUpId(Uuid::now_v7());
    (
        id,
        Op::CreateFollowUp {
            id,
            cluster_id: d.clusters[0],
            place: "1-1-101".into(),
            source: "客户拜访".into(),
            title: title.into(),
            department: dept,
            due_date: None,
            origin: None,
            photos: vec![],
            household,
            facility: None,
        },
    )
}

fn step(id: FollowUpId, to: FollowUpStatus) -> Op {
    Op::SetFollowUpStatus {
        id,
        to,
        base_version: 0,
    }
}

fn return_visit(id: FollowUpId, a: u8, q: u8, e: u8) -> Op {
    Op::ReturnVisit {
        id,
        attitude: a,
        quality: q,
        etiquette: e,
        comment: "师傅很耐心".into(),
    }
}

fn all_applied(r: PushResult) {
    for o in outcomes(r) {
        assert_eq!(o.verdict, Verdict::Applied, "{o:?}");
    }
}

/// Creates follow-ups for `dept`, has `who` resolve them, and returns their ids.
async fn resolved(
    app: &TestApp,
    butler: &mut Device,
    office: &mut Device,
    who: &mut Device,
    dept: Department,
    n: usize,
) -> Vec<FollowUpId> {
    let mut ids = vec![];
    for i in 0..n {
        let (id, op) = follow_up(butler, &format!("维修 {i}"), dept, None);
        butler.queue(op);
        ids.push(id);
    }
    all_applied(butler.push(app).await);
    for id in &ids {
        office.queue(Op::AssignFollowUp {
            id: *id,
            assignee: UserId(who.user_id),
        });
    }
    all_applied(office.push(app).await);
    for id in &ids {
        who.queue(step(*id, FollowUpStatus::InProgress));
        who.queue(step(*id, FollowUpStatus::Resolved));
    }
    all_applied(who.push(app).await);
    ids
}

#[tokio::test]
async fn satisfaction_by_department_and_by_repairer_over_several_return_visits() {
    let app = TestApp::new().await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    let mut office = Device::sign_in(&app, "chenfang").await;
    let mut zhao = Device::sign_in(&app, "zhaoqiang").await;
    let mut sun = Device::sign_in(&app, "sunwei").await;
    let mut zhou = Device::sign_in(&app, "zhouyong").await;
    let z = resolved(
        &app,
        &mut wang,
        &mut office,
        &mut zhao,
        Department::Engineering,
        2,
    )
    .await;
    let s = resolved(
        &app,
        &mut wang,
        &mut office,
        &mut sun,
        Department::Engineering,
        1,
    )
    .await;
    let g = resolved(
        &app,
        &mut wang,
        &mut office,
        &mut zhou,
        Department::Security,
        1,
    )
    .await;
    wang.queue(return_visit(z[0], 5, 4, 5));
    wang.queue(return_visit(z[1], 3, 4, 5));
    wang.queue(return_visit(s[0], 2, 2, 2));
    wang.queue(return_visit(g[0], 4, 4, 4));
    all_applied(wang.push(&app).await);
    // A second return visit for the same follow-up is refused; a score of 6 too.
    wang.queue(return_visit(z[0], 1, 1, 1));
    let o = outcomes(wang.push(&app).await);
    assert_eq!(
        o[0].verdict,
        Verdict::Refused {
            reason: Reason::AlreadyExists
        }
    );

    let sat: Satisfaction = serde_json::from_value(
        json(
            app.get("/api/v1/visits/satisfaction", Some(&office.cookie))
                .await,
        )
        .await,
    )
    .expect("satisfaction");
    let dept = |d| {
        sat.by_department
            .iter()
            .find(|s| s.key == d)
            .expect("dept")
            .clone()
    };
    let eng = dept(Department::Engineering);
    assert_eq!(eng.count, 3);
    assert_eq!(eng.means[0], (5.0 + 3.0 + 2.0) / 3.0, "attitude");
    assert_eq!(eng.means[1], (4.0 + 4.0 + 2.0) / 3.0, "quality");
    assert_eq!(dept(Department::Security).means[3], 4.0);
    let repairer = |u: Uuid| {
        sat.by_repairer
            .iter()
            .find(|s| s.key == UserId(u))
            .expect("repairer")
            .clone()
    };
    assert_eq!(repairer(zhao.user_id).count, 2);
    assert_eq!(
        repairer(zhao.user_id).means[3],
        (14.0 / 3.0 + 12.0 / 3.0) / 2.0
    );
    assert_eq!(repairer(sun.user_id).means, [2.0, 2.0, 2.0, 2.0]);
    assert_eq!(sat.by_butler.len(), 1);
    assert_eq!(sat.by_butler[0].count, 4);
    let res = app
        .get("/api/v1/visits/satisfaction", Some(&wang.cookie))
        .await;
    assert_eq!(res.status(), axum::http::StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_visit_report_counts_visits_households_referrals_and_satisfaction() {
    let app = TestApp::new().await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    let mut office = Device::sign_in(&app, "chenfang").await;
    let mut zhao = Device::sign_in(&app, "zhaoqiang").await;
    wang.pull_all(&app).await;
    let mut hs = wang.households.values().cloned();
    let (a, b) = (hs.next().expect("one"), hs.next().expect("two"));
    let (referral, create) =
        follow_up(&wang, "厨房水龙头漏水", Department::Engineering, Some(a.id));
    wang.queue(create);
    let visit = |h: &app::domain::household::Household, items: Vec<VisitItem>| Op::RecordVisit {
        id: VisitId(Uuid::now_v7()),
        household: h.id,
        channel: VisitChannel::Appointment,
        at: chrono::Utc::now(),
        met: "业主本人".into(),
        said: "了解入住情况".into(),
        items,
    };
    wang.queue(visit(
        &a,
        vec![
            VisitItem {
                question: "停车位怎么申请".into(),
                answer: Some("到服务中心登记".into()),
                follow_up: None,
            },
            VisitItem {
                question: "厨房水龙头漏水".into(),
                answer: None,
                follow_up: Some(referral),
            },
        ],
    ));
    wang.queue(visit(&a, vec![]));
    wang.queue(visit(&b, vec![]));
    // A question neither answered nor referred is refused.
    wang.queue(visit(
        &b,
        vec![VisitItem {
            question: "?".into(),
            answer: None,
            follow_up: None,
        }],
    ));
    // A visit dated years ahead (a typing slip) is refused and not counted.
    let mut later = visit(&b, vec![]);
    if let Op::RecordVisit { at, .. } = &mut later {
        *at = "2062-12-04T02:00:00Z".parse().expect("instant");
    }
    wang.queue(later);
    let o = outcomes(wang.push(&app).await);
    assert!(o[..4].iter().all(|o| o.verdict == Verdict::Applied));
    assert_eq!(
        o[4].verdict,
        Verdict::Refused {
            reason: Reason::Invalid {
                field: "items".into()
            }
        }
    );
    assert_eq!(
        o[5].verdict,
        Verdict::Refused {
            reason: Reason::Invalid { field: "at".into() }
        }
    );

    let r = report(&app, &office.cookie).await;
    let line = r
        .lines
        .iter()
        .find(|l| l.butler == UserId(wang.user_id))
        .expect("wang");
    assert_eq!((line.visits, line.households_reached), (3, 2));
    assert_eq!(line.cluster_households as usize, wang.households.len());
    assert_eq!(
        (line.referrals, line.referrals_open, line.return_visits),
        (1, 1, 0)
    );

    // The referral is worked, the customer told, the return visit made.
    office.queue(Op::AssignFollowUp {
        id: referral,
        assignee: UserId(zhao.user_id),
    });
    all_applied(office.push(&app).await);
    zhao.queue(step(referral, FollowUpStatus::InProgress));
    zhao.queue(step(referral, FollowUpStatus::Resolved));
    all_applied(zhao.push(&app).await);
    wang.queue(step(referral, FollowUpStatus::CustomerInformed));
    wang.queue(return_visit(referral, 5, 5, 4));
    all_applied(wang.push(&app).await);
    let r = report(&app, &office.cookie).await;
    let line = r
        .lines
        .iter()
        .find(|l| l.butler == UserId(wang.user_id))
        .expect("wang");
    assert_eq!(
        (line.referrals, line.referrals_open, line.return_visits),
        (1, 0, 1)
    );
    assert_eq!(line.satisfaction, Some(14.0 / 3.0));
    wang.pull_all(&app).await;
    assert_eq!(wang.visits.len(), 3);
}

async fn report(app: &TestApp, cookie: &str) -> Report {
    serde_json::from_value(
        json(
            app.get("/api/v1/visits/report?period=month", Some(cookie))
                .await,
        )
        .await,
    )
    .expect("report")
}
