//! The butler's fee-collection case file (issue 17) through the real router on a real SQLite
//! file: each unit's arrears reach its cluster's butlers (and the office) and nobody else —
//! department staff never receive amounts; a call with a promise and a service-problem reason
//! is pushed with the follow-up it hands to 工程 in one batch; another cluster's butler is
//! refused; a contact that breaks the form's rules is refused with the field; paying up
//! publishes the unit's record again with nothing owed; the office's settings travel with the
//! records; the register's .xlsx lists the contact; a lawyer's letter lands in the case file.

mod support;

use app::domain::collection::{
    ArrearsReason, CollectionContact, ContactId, ContactKind, ContactNote, Delivery,
};
use app::domain::fee::Fen;
use app::domain::follow_up::FollowUpId;
use app::domain::Department;
use app::sync::{Op, Reason, Verdict};
use axum::http::StatusCode;
use chrono::{Duration, Utc};
use support::device::Device;
use support::TestApp;
use uuid::Uuid;

fn call(owed: Fen) -> ContactNote {
    ContactNote {
        reached: true,
        said: "说楼道灯坏了三个月没人修，修好再交".into(),
        promised_on: Some(app::domain::time::estate_today(Utc::now()) + Duration::days(10)),
        ..ContactNote::new(ContactKind::Call, Utc::now() - Duration::minutes(5), owed)
    }
}

/// 王静's phone, synced, and one of her units that owes.
async fn butler_and_a_unit_owing(app: &TestApp) -> (Device, app::domain::collection::Arrears) {
    let mut wang = Device::sign_in(app, "wangjing").await;
    wang.pull_all(app).await;
    let a = wang
        .arrears
        .values()
        .find(|a| a.owes())
        .cloned()
        .expect("a unit owing");
    (wang, a)
}

#[tokio::test]
async fn arrears_reach_only_the_clusters_butlers_and_a_service_problem_becomes_a_follow_up() {
    let app = TestApp::new().await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    let mut li = Device::sign_in(&app, "liming").await;
    let mut lead = Device::sign_in(&app, "zhaoqiang").await;
    let mut fitter = Device::sign_in(&app, "sunwei").await;
    let mut office = Device::sign_in(&app, "chenfang").await;
    for d in [&mut wang, &mut li, &mut lead, &mut fitter, &mut office] {
        d.pull_all(&app).await;
    }
    // The demo's arrears: each butler holds their clusters' units that owe, the office all.
    let owing = |d: &Device| d.arrears.values().filter(|a| a.owes()).count();
    assert!(owing(&wang) > 0, "the demo has arrears in 王静's clusters");
    assert!(wang
        .arrears
        .values()
        .all(|a| wang.clusters.contains(&a.cluster_id)));
    assert!(li
        .arrears
        .values()
        .all(|a| li.clusters.contains(&a.cluster_id)));
    assert_eq!(owing(&office), owing(&wang) + owing(&li));
    // Every unit the butler owes for is still a unit record beside its arrears.
    assert!(wang
        .arrears
        .values()
        .all(|a| wang.units.contains_key(&a.unit_id.0)));
    // Department staff, lead or not, never receive amounts.
    for d in [&lead, &fitter] {
        assert!(d.arrears.is_empty() && d.contacts.is_empty());
    }
    // The demo's case files: statements and calls with promises, and no follow-up (the demo
    // estate starts with none).
    let kinds: std::collections::HashSet<ContactKind> =
        office.contacts.values().map(|c| c.note.what).collect();
    assert!(kinds.contains(&ContactKind::Statement) && kinds.contains(&ContactKind::Call));
    assert!(office
        .contacts
        .values()
        .any(|c| c.note.promised_on.is_some()));
    assert!(office.records.is_empty());
    assert!(wang
        .contacts
        .values()
        .all(|c| wang.clusters.contains(&c.cluster_id)));
    let a = wang
        .arrears
        .values()
        .filter(|a| a.owes())
        .max_by_key(|a| a.owed())
        .cloned()
        .expect("a unit owing");
    assert_eq!(a.limitation, app::domain::fee::LimitationRule::default());

    // A call with a promise, the reason a service problem, and the follow-up to 工程: one batch.
    let f = FollowUpId(Uuid::now_v7());
    wang.queue(Op::CreateFollowUp {
        id: f,
        cluster_id: a.cluster_id,
        place: a.unit.clone(),
        source: "费用催收".into(),
        title: "楼道灯坏了三个月".into(),
        department: Department::Engineering,
        due_date: None,
        origin: None,
        photos: vec![],
        household: None,
        facility: None,
    });
    let contact = ContactId(Uuid::now_v7());
    let mut note = call(a.owed());
    note.reason = Some(ArrearsReason::ServiceDispute);
    note.problem = "  楼道灯坏了三个月  ".into();
    note.follow_up = Some(f);
    wang.queue(Op::RecordCollectionContact {
        id: contact,
        unit_id: a.unit_id,
        note: note.clone(),
    });
    // The same contact again (a retry) is already done; one from someone not reached with a
    // promise is refused with the field.
    wang.queue(Op::RecordCollectionContact {
        id: contact,
        unit_id: a.unit_id,
        note: note.clone(),
    });
    let mut unreached = call(a.owed());
    unreached.reached = false;
    wang.queue(Op::RecordCollectionContact {
        id: ContactId(Uuid::now_v7()),
        unit_id: a.unit_id,
        note: unreached,
    });
    let v = wang.push(&app).await.verdicts();
    assert_eq!(v[0], Verdict::Applied);
    assert_eq!(v[1], Verdict::Applied);
    assert_eq!(v[2], Verdict::Applied, "a replayed contact is already done");
    assert_eq!(
        v[3],
        Verdict::Refused {
            reason: Reason::Invalid {
                field: "promised_on".into()
            }
        }
    );
    // A statement handed to the owner: refused without their signature on the screen, kept
    // with it.
    let handed = |signature: Vec<Vec<(u16, u16)>>| ContactNote {
        delivery: Some(app::domain::collection::Delivery::HandedSelf),
        signer: "业主本人".into(),
        signature,
        ..ContactNote::new(
            ContactKind::Statement,
            Utc::now() - Duration::minutes(1),
            a.owed(),
        )
    };
    let signed = vec![
        vec![(100, 400), (200, 450), (300, 420)],
        vec![(500, 400), (700, 460)],
    ];
    for note in [handed(vec![]), handed(signed.clone())] {
        wang.queue(Op::RecordCollectionContact {
            id: ContactId(Uuid::now_v7()),
            unit_id: a.unit_id,
            note,
        });
    }
    let v = wang.push(&app).await.verdicts();
    assert_eq!(
        v,
        vec![
            Verdict::Refused {
                reason: Reason::Invalid {
                    field: "signature".into()
                }
            },
            Verdict::Applied
        ]
    );
    let kept = app
        .state
        .db
        .read(server::db::collection::all_contacts)
        .await
        .expect("contacts");
    assert!(kept.iter().any(|c| c.note.signature == signed));
    // Another cluster's butler may not record for this unit.
    li.queue(Op::RecordCollectionContact {
        id: ContactId(Uuid::now_v7()),
        unit_id: a.unit_id,
        note: call(a.owed()),
    });
    assert_eq!(
        li.push(&app).await.verdicts()[0],
        Verdict::Refused {
            reason: Reason::OutOfScope
        }
    );
    // Department staff may not either.
    fitter.queue(Op::RecordCollectionContact {
        id: ContactId(Uuid::now_v7()),
        unit_id: a.unit_id,
        note: call(a.owed()),
    });
    assert_eq!(
        fitter.push(&app).await.verdicts()[0],
        Verdict::Refused {
            reason: Reason::Forbidden
        }
    );

    for d in [&mut wang, &mut li, &mut lead, &mut fitter, &mut office] {
        d.pull_all(&app).await;
    }
    let stored: &CollectionContact = wang.contacts.get(&contact.0).expect("synced back");
    assert_eq!(stored.note.problem, "楼道灯坏了三个月", "trimmed");
    assert_eq!(stored.unit, a.unit);
    assert_eq!(office.contacts.get(&contact.0), Some(stored));
    assert!(!li.contacts.contains_key(&contact.0));
    // 工程 has the follow-up, not the contact nor the amount.
    assert!(fitter.records.contains_key(&f.0) && lead.records.contains_key(&f.0));
    assert!(fitter.contacts.is_empty() && fitter.arrears.is_empty());

    // The register's .xlsx lists the call with its reason and promise.
    let cookie = app.sign_in("chenfang", "demo1234").await.1.expect("cookie");
    let res = app
        .get(
            "/api/v1/fees/register.xlsx?reason=service_dispute",
            Some(&cookie),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let bytes = axum::body::to_bytes(res.into_body(), 10_000_000)
        .await
        .expect("body");
    let text = support::xlsx_text(&bytes);
    assert!(text.contains(&a.unit), "the unit's row");
    assert!(text.contains("对服务有意见") && text.contains("楼道灯坏了三个月"));
    let butler = app.sign_in("wangjing", "demo1234").await.1.expect("cookie");
    assert_eq!(
        app.get("/api/v1/fees/register.xlsx", Some(&butler))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn paying_up_republishes_the_unit_with_nothing_owed_and_settings_travel_with_it() {
    let app = TestApp::new().await;
    let (mut wang, a) = butler_and_a_unit_owing(&app).await;
    // Finance's next export shows everything paid: the charges are marked paid in the store
    // as an import would, and the arrears published again.
    app.state
        .db
        .write(move |tx| {
            tx.execute(
                "UPDATE charges SET paid_fen = due_fen WHERE unit_id = ?1",
                [a.unit_id.to_string()],
            )?;
            tx.execute(
                "INSERT INTO charge_imports (id, file_name, sha256, imported_by, imported_at,
                                             rows, new, updated, paid_in_full, missing)
                 SELECT ?1, 'next.xlsx', '', imported_by, ?2, 0, 0, 0, 0, 0
                 FROM charge_imports LIMIT 1",
                [Uuid::now_v7().to_string(), server::db::now_text()],
            )?;
            server::db::collection::publish_arrears(tx, &server::db::now_text())
        })
        .await
        .expect("paid");
    wang.pull_all(&app).await;
    let after = wang
        .arrears
        .get(&app::domain::collection::Arrears::record_id(a.unit_id))
        .expect("still a record");
    // Its own record id: the unit's record is still there beside it.
    assert!(wang.units.contains_key(&a.unit_id.0));
    assert!(!after.owes(), "published again with nothing owed");
    // Publishing again without a change publishes nothing.
    let n = app
        .state
        .db
        .write(|tx| server::db::collection::publish_arrears(tx, &server::db::now_text()))
        .await
        .expect("publish");
    assert_eq!(n, 0);
    // The office's limitation rule travels with every record.
    let cookie = app.sign_in("chenfang", "demo1234").await.1.expect("cookie");
    let mut settings = app::fees::api::FeeSettings::default();
    settings.limitation.warn_months = 9;
    let res = app
        .post_json(
            "/api/v1/fees/settings",
            serde_json::to_value(&settings).expect("json"),
            Some(&cookie),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    wang.pull_all(&app).await;
    assert!(wang.arrears.values().all(|a| a.limitation.warn_months == 9));
}

#[tokio::test]
async fn a_lawyers_letter_by_registered_post_lands_in_the_case_file() {
    let app = TestApp::new().await;
    let (mut wang, a) = butler_and_a_unit_owing(&app).await;
    let cookie = app.sign_in("chenfang", "demo1234").await.1.expect("cookie");
    let dated = app::domain::time::estate_today(Utc::now());
    let url = format!("/api/v1/fees/letters/{}", a.unit_id);
    // Registered post needs its number.
    let res = app
        .post_json(&url, serde_json::json!({ "dated": dated }), Some(&cookie))
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(support::json(res).await, serde_json::json!("tracking"));
    let res = app
        .post_json(
            &url,
            serde_json::json!({ "dated": dated, "delivery": "registered", "tracking": "EMS1029384756" }),
            Some(&cookie),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    wang.pull_all(&app).await;
    let letter = wang
        .contacts
        .values()
        .find(|c| c.unit_id == a.unit_id && c.note.what == ContactKind::Letter)
        .expect("the letter in the case file");
    assert_eq!(letter.note.delivery, Some(Delivery::Registered));
    assert_eq!(letter.note.owed_fen, a.owed());
    // It counts for the limitation clock: every owed period now runs from today.
    let refs = vec![letter];
    let clocks = app::domain::collection::clocks(&a, &refs, dated);
    assert!(clocks
        .iter()
        .all(|c| c.is_some_and(|c| c.last_demand == Some(dated))));
}
