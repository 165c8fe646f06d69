//! Documents to customers (issue 19) through the real router on a real SQLite file: the office
//! counts and issues a statement to a building of one cluster; each household's delivery
//! reaches that cluster's butler and not the other's; the butler hands one over with a
//! signature, leaves one with security, puts a not-moved-in owner on the mailing list; a key
//! customer left with security is refused naming the field; a second phone handing the same
//! one again is a conflict; the front desk posts the mailed one; a butler may not post; a
//! retry of the issue issues nothing more; bad requests are refused with the problem and
//! change nothing.

mod support;

use app::domain::document::{
    Attempt, Audience, Call, DeliveryState, DocumentId, DocumentKind, Handover, IssueProblem,
    IssueRefusal, IssueRequest, IssueResponse,
};
use app::sync::{Op, Reason, Verdict};
use axum::http::StatusCode;
use chrono::{Duration, Utc};
use support::device::Device;
use support::TestApp;

fn attempt(how: Handover) -> Attempt {
    Attempt {
        id: uuid::Uuid::now_v7(),
        how,
        at: Utc::now() - Duration::minutes(5),
        by: None,
        signer: if how == Handover::HandedFamily {
            "家属".into()
        } else {
            String::new()
        },
        signature: if how.signed() {
            vec![vec![(100, 400), (300, 420), (500, 380)]; 2]
        } else {
            vec![]
        },
        note: String::new(),
    }
}

async fn issue(app: &TestApp, cookie: &str, req: &IssueRequest) -> (StatusCode, serde_json::Value) {
    let res = app
        .post_json(
            "/api/v1/documents",
            serde_json::to_value(req).expect("test value"),
            Some(cookie),
        )
        .await;
    let status = res.status();
    (status, support::json(res).await)
}

#[tokio::test]
async fn a_statement_is_issued_handed_over_offline_and_posted() {
    let app = TestApp::new().await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    let mut li = Device::sign_in(&app, "liming").await;
    let mut office = Device::sign_in(&app, "chenfang").await;
    for d in [&mut wang, &mut li, &mut office] {
        d.pull_all(&app).await;
    }
    let cluster = wang.clusters[0];
    let building = wang
        .units
        .values()
        .find(|u| u.cluster_id == cluster)
        .map(|u| u.building.clone())
        .expect("a building");
    let in_building = wang
        .units
        .values()
        .filter(|u| u.building == building)
        .count();
    let today = support::today();
    let mut req = IssueRequest {
        id: DocumentId(uuid::Uuid::now_v7()),
        kind: DocumentKind::Statement,
        title: " 2026年11月对账单 ".into(),
        explanation: "11月物业服务费、水电公摊".into(),
        date: today,
        clusters: vec![cluster],
        buildings: vec![building.clone()],
        audience: Audience::All,
        preview: true,
    };

    // Refused, nothing issued: a butler; no title; a building the cluster does not have.
    assert_eq!(
        issue(&app, &wang.cookie, &req).await.0,
        StatusCode::FORBIDDEN
    );
    let (s, body) = issue(
        &app,
        &office.cookie,
        &IssueRequest {
            title: " ".into(),
            ..req.clone()
        },
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let r: IssueRefusal = serde_json::from_value(body).expect("test value");
    assert_eq!(r.problem, IssueProblem::Title);
    let (s, body) = issue(
        &app,
        &office.cookie,
        &IssueRequest {
            buildings: vec![building.clone(), "99".into()],
            ..req.clone()
        },
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let r: IssueRefusal = serde_json::from_value(body).expect("test value");
    assert_eq!(
        (r.problem, r.buildings),
        (IssueProblem::Buildings, vec!["99".to_owned()])
    );

    // The preview counts the building's units and issues nothing.
    let (s, body) = issue(&app, &office.cookie, &req).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let counted: IssueResponse = serde_json::from_value(body).expect("test value");
    assert_eq!(counted.households as usize, in_building);
    assert!(!counted.issued);
    wang.pull_all(&app).await;
    let of_doc = |d: &Device| {
        d.deliveries
            .values()
            .filter(|x| x.document.id == req.id)
            .cloned()
            .collect::<Vec<_>>()
    };
    assert!(of_doc(&wang).is_empty());
    // The demo's past: last month's statement, some on the call list.
    let today_ = support::today();
    assert!(wang.deliveries.values().any(|d| d.to_call(today_)));
    assert!(wang
        .deliveries
        .values()
        .any(|d| d.state() == DeliveryState::Mailed));

    // Issued; again (a retry) issues nothing more.
    req.preview = false;
    let (s, body) = issue(&app, &office.cookie, &req).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let issued: IssueResponse = serde_json::from_value(body).expect("test value");
    assert!(issued.issued);
    assert_eq!(issued.households as usize, in_building);
    let (_, body) = issue(&app, &office.cookie, &req).await;
    let again: IssueResponse = serde_json::from_value(body).expect("test value");
    assert!(!again.issued);
    assert_eq!(again.households, issued.households);

    wang.pull_all(&app).await;
    li.pull_all(&app).await;
    let mine = of_doc(&wang);
    assert_eq!(mine.len(), in_building);
    assert!(
        of_doc(&li).is_empty(),
        "the other cluster's butler has none"
    );
    assert!(li
        .deliveries
        .values()
        .all(|d| li.clusters.contains(&d.cluster_id)));
    assert_eq!(mine[0].document.title, "2026年11月对账单");
    assert!(mine
        .iter()
        .all(|d| d.state() == DeliveryState::Pending && !d.name.is_empty()));

    // The butler, offline: one handed with a signature, one (not a key customer) left with
    // security, a not-moved-in owner on the mailing list, a key customer left with security
    // refused naming the field.
    let moved_in: Vec<_> = mine.iter().filter(|d| d.moved_in).cloned().collect();
    let ordinary: Vec<_> = moved_in.iter().filter(|d| !d.key_customer).collect();
    let signed = ordinary[0].clone();
    let with_security = ordinary[1].clone();
    let away = mine
        .iter()
        .find(|d| !d.moved_in)
        .cloned()
        .expect("a unit not moved in");
    let key = mine
        .iter()
        .find(|d| d.key_customer)
        .cloned()
        .expect("a key customer");
    wang.queue(Op::RecordHandover {
        id: signed.id,
        attempt: attempt(Handover::HandedSelf),
    });
    wang.queue(Op::RecordHandover {
        id: with_security.id,
        attempt: attempt(Handover::Security),
    });
    wang.queue(Op::RecordHandover {
        id: away.id,
        attempt: attempt(Handover::ToMail),
    });
    wang.queue(Op::RecordHandover {
        id: key.id,
        attempt: attempt(Handover::Security),
    });
    let v = wang.push(&app).await.verdicts();
    assert_eq!(
        v,
        vec![
            Verdict::Applied,
            Verdict::Applied,
            Verdict::Applied,
            Verdict::Refused {
                reason: Reason::Invalid {
                    field: "key_customer".into()
                }
            }
        ]
    );

    // Another phone (the office) records the signed one again: a conflict, the first stands.
    office.pull_all(&app).await;
    office.queue(Op::RecordHandover {
        id: signed.id,
        attempt: attempt(Handover::Refused),
    });
    assert_eq!(
        office.push(&app).await.verdicts(),
        vec![Verdict::Conflict {
            reason: Reason::Locked
        }]
    );

    // The butler may not post; the front desk posts the one on the mailing list.
    let post = Op::PostDocument {
        id: away.id,
        posted_on: today,
        tracking: "XA123456789CN".into(),
    };
    wang.queue(post.clone());
    assert_eq!(
        wang.push(&app).await.verdicts(),
        vec![Verdict::Refused {
            reason: Reason::Forbidden
        }]
    );
    office.queue(post);
    assert_eq!(office.push(&app).await.verdicts(), vec![Verdict::Applied]);
    // A call about one still pending.
    let pending = mine
        .iter()
        .find(|d| {
            d.state() == DeliveryState::Pending
                && d.id != key.id
                && d.id != signed.id
                && d.id != with_security.id
                && d.id != away.id
        })
        .cloned()
        .expect("test value");
    wang.queue(Op::CallAboutDocument {
        id: pending.id,
        call: Call {
            id: uuid::Uuid::now_v7(),
            at: Utc::now(),
            by: None,
            reached: true,
            said: "明天来物业中心领取".into(),
        },
    });
    assert_eq!(wang.push(&app).await.verdicts(), vec![Verdict::Applied]);

    wang.pull_all(&app).await;
    let state = |id: &app::domain::document::DeliveryId| wang.deliveries[&id.0].state();
    assert_eq!(state(&signed.id), DeliveryState::HandedSelf);
    assert_eq!(state(&with_security.id), DeliveryState::Security);
    assert_eq!(state(&away.id), DeliveryState::Mailed);
    assert_eq!(state(&key.id), DeliveryState::Pending);
    assert_eq!(wang.deliveries[&pending.id.0].calls.len(), 1);
    // A statement signed for in person and one posted with its number are demands for payment
    // the fee collection's clock counts.
    assert!(wang.deliveries[&signed.id.0]
        .demand()
        .is_some_and(|d| d.counts()));
    assert!(wang.deliveries[&away.id.0]
        .demand()
        .is_some_and(|d| d.counts()));
    assert!(wang.deliveries[&with_security.id.0].demand().is_none());
}
