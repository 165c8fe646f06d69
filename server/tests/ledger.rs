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
