//! Follow-ups that say where, when and what (issue 13) through the real router on a real
//! SQLite file: each department's default time set by the admin and handed to phones with the
//! directory; follow-ups made before it get a due date, their unit or round as the place and
//! the item's wording at the next start (once); and a record a device does not have is told
//! apart — the next sync brings it, it is not the user's, it was removed, there is none.

mod support;

use app::domain::checklist::{Answer, Purpose};
use app::domain::follow_up::{FollowUp, FollowUpId, Origin, DEFAULT_DUE_DAYS};
use app::domain::unit::{Occupancy, Unit};
use app::domain::{Department, RunId};
use app::estate::staff::{StaffProblem, StaffRefusal};
use app::session::Directory;
use app::sync::{Op, Reason, RecordReach, Verdict};
use axum::http::StatusCode;
use chrono::Days;
use support::device::{Device, PushResult};
use support::{applied, json, template, today, TestApp};
use uuid::Uuid;

async fn directory(app: &TestApp, cookie: &str) -> Directory {
    let res = app.get("/api/v1/directory", Some(cookie)).await;
    assert_eq!(res.status(), StatusCode::OK);
    serde_json::from_value(json(res).await).expect("directory")
}

async fn set_due_days(
    app: &TestApp,
    cookie: &str,
    department: &str,
    days: i64,
) -> (StatusCode, serde_json::Value) {
    let res = app
        .post_json(
            &format!("/api/v1/departments/{department}/due-days"),
            serde_json::json!({ "days": days }),
            Some(cookie),
        )
        .await;
    let status = res.status();
    (status, json(res).await)
}

async fn reach(app: &TestApp, cookie: &str, kind: &str, id: impl std::fmt::Display) -> RecordReach {
    let res = app
        .get(&format!("/api/v1/sync/records/{kind}/{id}"), Some(cookie))
        .await;
    assert_eq!(res.status(), StatusCode::OK, "{kind} {id}");
    serde_json::from_value(json(res).await).expect("reach")
}

#[tokio::test]
async fn the_admin_sets_a_departments_default_time_and_phones_get_it_with_the_directory() {
    let app = TestApp::new().await;
    let admin = Device::sign_in(&app, "admin").await;
    let wang = Device::sign_in(&app, "wangjing").await;

    let before = directory(&app, &wang.cookie).await;
    assert_eq!(before.due_days.len(), Department::ALL.len());
    assert!(before.due_days.iter().all(|d| d.days == DEFAULT_DUE_DAYS));
    assert_eq!(before.due_days_of(Department::Engineering), 3);

    let (status, _) = set_due_days(&app, &admin.cookie, "engineering", 5).await;
    assert_eq!(status, StatusCode::OK);
    let after = directory(&app, &wang.cookie).await;
    assert_eq!(after.due_days_of(Department::Engineering), 5);
    assert_eq!(
        after.due_days_of(Department::Security),
        3,
        "others unchanged"
    );

    // Out of range: refused with the reason, nothing changed.
    for days in [0, 366, -1] {
        let (status, body) = set_due_days(&app, &admin.cookie, "engineering", days).await;
        if days < 0 {
            assert!(status.is_client_error(), "{days}: {status}");
        } else {
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{days}");
            let refusal: StaffRefusal = serde_json::from_value(body).expect("refusal");
            assert_eq!(refusal.problem, StaffProblem::BadDueDays);
        }
    }
    let (status, _) = set_due_days(&app, &admin.cookie, "plumbing", 5).await;
    assert!(status.is_client_error(), "an unknown department: {status}");
    assert_eq!(
        directory(&app, &wang.cookie)
            .await
            .due_days_of(Department::Engineering),
        5
    );

    // Only the admin.
    for who in ["wangjing", "chenfang", "zhaoqiang"] {
        let d = Device::sign_in(&app, who).await;
        let (status, _) = set_due_days(&app, &d.cookie, "engineering", 9).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{who}");
    }

    // On the trail, in words for the reader.
    let res = app
        .get("/api/v1/audit?kind=department", Some(&admin.cookie))
        .await;
    let trail: Vec<app::estate::audit::AuditEntry> =
        serde_json::from_value(json(res).await).expect("trail");
    assert_eq!(trail.len(), 1);
    assert_eq!(
        trail[0].detail_text(app::i18n::Lang::ZhCn),
        "工程 · 默认期限 5 天"
    );
}

/// A follow-up as a phone before issue 13 made it: no due date, the section's title as its
/// place, no wording of the item.
fn old_follow_up(run: RunId, cluster: app::domain::ClusterId, place: &str) -> (FollowUpId, Op) {
    let id = FollowUpId(Uuid::now_v7());
    let op = Op::CreateFollowUp {
        id,
        cluster_id: cluster,
        place: place.into(),
        source: "空置房巡视".into(),
        title: "卫生间地漏渗水".into(),
        department: Department::Engineering,
        due_date: None,
        origin: Some(Origin {
            run,
            purpose: Purpose::VacantUnit,
            item: "vacant.no_leak".into(),
            entry: None,
            label: None,
        }),
        photos: vec![],
        household: None,
        facility: None,
    };
    (id, op)
}

#[tokio::test]
async fn older_follow_ups_get_a_due_date_their_unit_and_the_items_wording_once() {
    let app = TestApp::new().await;
    let admin = Device::sign_in(&app, "admin").await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    wang.pull_all(&app).await;
    let t = template(&wang, Purpose::VacantUnit);
    let unit: Unit = wang
        .units
        .values()
        .find(|u| u.state_on(today()) == Some(Occupancy::Vacant))
        .cloned()
        .expect("a vacant unit");
    let section = t
        .sections
        .iter()
        .find(|s| s.items.iter().any(|i| i.key == "vacant.no_leak"))
        .expect("the leak item's section")
        .title
        .clone();
    let label = t.item("vacant.no_leak").expect("item").label.clone();
    let cluster = wang.clusters[0];

    let run = RunId::new_v7();
    wang.queue(Op::StartRun {
        id: run,
        template_version: t.version_id,
        cluster_id: cluster,
        date: today(),
        unit: Some(unit.id),
    });
    let (from_section, op) = old_follow_up(run, cluster, &section);
    wang.queue(op);
    let (typed, mut op) = old_follow_up(run, cluster, "");
    if let Op::CreateFollowUp { place, .. } = &mut op {
        *place = "3栋地下车库B2".into();
    }
    wang.queue(op);
    wang.queue(Op::RecordItem {
        run,
        item: "vacant.no_leak".into(),
        answer: Answer::Fail,
        note: "卫生间地漏渗水".into(),
        photos: vec![],
        follow_up: Some(from_section),
    });
    let (by_hand, op) = wang.new_follow_up("井盖松动", vec![]);
    wang.queue(op);
    // One for security, whose default the admin changes before the start that fills them in.
    let (for_security, mut op) = wang.new_follow_up("消防通道堆放杂物", vec![]);
    if let Op::CreateFollowUp { department, .. } = &mut op {
        *department = Department::Security;
    }
    wang.queue(op);
    applied(wang.push(&app).await);
    wang.pull_all(&app).await;
    assert!(
        wang.records.values().all(|f| f.due_date.is_none()),
        "as before"
    );

    let (status, _) = set_due_days(&app, &admin.cookie, "security", 7).await;
    assert_eq!(status, StatusCode::OK);
    // The database as it was before migration 0013's backfill ran.
    app.state
        .db
        .write(|tx| {
            tx.execute(
                "DELETE FROM sync_meta WHERE key = 'follow_ups_backfilled_0013'",
                [],
            )?;
            Ok(())
        })
        .await
        .expect("reset");

    let restarted = app.restart().await;
    wang.sign_in_again(&restarted).await;
    let cursor_before = wang.cursor;
    let page = wang.pull_page(&restarted, 100).await.expect("pull");
    assert_eq!(
        page.changes.len(),
        4,
        "the four changed ones were published"
    );
    assert!(page.next_cursor > cursor_before);
    wang.pull_all(&restarted).await;
    let made = |f: &FollowUp| app::domain::time::estate_today(f.created_at);
    let get = |id: FollowUpId| wang.records[&id.0].clone();

    let f = get(from_section);
    assert_eq!(f.place, unit.code(), "the unit, not the section's title");
    assert_eq!(
        f.origin.as_ref().and_then(|o| o.label.clone()),
        Some(label.clone())
    );
    assert_eq!(f.due_date, Some(made(&f) + Days::new(3)));
    assert_eq!(f.version, 1, "nobody changed the matter itself");

    let f = get(typed);
    assert_eq!(f.place, "3栋地下车库B2", "a place a person typed is kept");
    assert_eq!(f.origin.as_ref().and_then(|o| o.label.clone()), Some(label));

    let f = get(by_hand);
    assert_eq!(f.place, "3-2-1201");
    assert_eq!(f.due_date, Some(made(&f) + Days::new(3)));
    let f = get(for_security);
    assert_eq!(
        f.due_date,
        Some(made(&f) + Days::new(7)),
        "security's default"
    );

    // Once: another start changes nothing.
    let cursor = wang.cursor;
    let again = restarted.restart().await;
    wang.sign_in_again(&again).await;
    let page = wang.pull_page(&again, 100).await.expect("pull");
    assert!(page.changes.is_empty(), "{:?}", page.changes);
    assert_eq!(page.next_cursor, cursor);
}

#[tokio::test]
async fn a_too_long_item_wording_is_refused() {
    let app = TestApp::new().await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    wang.pull_all(&app).await;
    let (_, mut op) = old_follow_up(RunId::new_v7(), wang.clusters[0], "3-2-1201");
    if let Op::CreateFollowUp { origin, .. } = &mut op {
        if let Some(o) = origin.as_mut() {
            o.label = Some("漏".repeat(201));
        }
    }
    wang.queue(op);
    match wang.push(&app).await {
        PushResult::Ok(r) => assert_eq!(
            r.outcomes[0].verdict,
            Verdict::Refused {
                reason: Reason::Invalid {
                    field: "origin".into()
                }
            }
        ),
        PushResult::Status(s, b) => panic!("{s} {b}"),
    }
}

#[tokio::test]
async fn a_record_not_on_the_device_is_told_as_coming_not_yours_removed_or_unknown() {
    let app = TestApp::new().await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    let li = Device::sign_in(&app, "liming").await;
    let engineering = Device::sign_in(&app, "zhaoqiang").await;
    let security = Device::sign_in(&app, "zhouyong").await;
    let office = Device::sign_in(&app, "chenfang").await;
    wang.pull_all(&app).await;

    let (id, op) = wang.new_follow_up("井盖松动", vec![]);
    wang.queue(op);
    applied(wang.push(&app).await);

    assert_eq!(
        reach(&app, &wang.cookie, "follow_up", id).await,
        RecordReach::Yours
    );
    assert_eq!(
        reach(&app, &office.cookie, "follow_up", id).await,
        RecordReach::Yours
    );
    assert_eq!(
        reach(&app, &engineering.cookie, "follow_up", id).await,
        RecordReach::Yours,
        "the department it went to"
    );
    assert_eq!(
        reach(&app, &security.cookie, "follow_up", id).await,
        RecordReach::NotYours,
        "another department"
    );
    assert_eq!(
        reach(&app, &li.cookie, "follow_up", id).await,
        RecordReach::NotYours,
        "another cluster's butler"
    );
    assert_eq!(
        reach(&app, &wang.cookie, "follow_up", Uuid::now_v7()).await,
        RecordReach::Unknown
    );

    // A unit of the other cluster; a discarded round.
    let other_unit = app
        .state
        .db
        .read(|c| server::db::unit::units(c, None))
        .await
        .expect("units")
        .into_iter()
        .find(|u| !wang.clusters.contains(&u.cluster_id))
        .expect("a unit of the west cluster");
    assert_eq!(
        reach(&app, &wang.cookie, "unit", other_unit.id).await,
        RecordReach::NotYours
    );
    assert_eq!(
        reach(&app, &li.cookie, "unit", other_unit.id).await,
        RecordReach::Yours
    );
    let t = template(&wang, Purpose::Patrol);
    let run = RunId::new_v7();
    wang.queue(Op::StartRun {
        id: run,
        template_version: t.version_id,
        cluster_id: wang.clusters[0],
        date: today(),
        unit: None,
    });
    wang.queue(Op::DiscardRun { run });
    applied(wang.push(&app).await);
    assert_eq!(
        reach(&app, &wang.cookie, "run", run).await,
        RecordReach::Removed
    );
    assert_eq!(
        reach(&app, &li.cookie, "run", run).await,
        RecordReach::NotYours,
        "nothing is told of another cluster's records"
    );

    // Bad input: a kind that does not sync, an id that is not one. Signed out: 401.
    for path in [
        format!("/api/v1/sync/records/secret/{id}"),
        "/api/v1/sync/records/follow_up/not-an-id".to_owned(),
    ] {
        let res = app.get(&path, Some(&wang.cookie)).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{path}");
    }
    let res = app
        .get(&format!("/api/v1/sync/records/follow_up/{id}"), None)
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}
