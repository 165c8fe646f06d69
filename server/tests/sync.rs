//! The sync protocol's scenarios (design §5; issue 3) through the real router on a real SQLite
//! file. Each test is named after its scenario.

mod support;

use app::domain::follow_up::{FollowUpId, FollowUpStatus};
use app::domain::UserId;
use app::sync::{Op, Reason, Verdict};
use axum::http::StatusCode;
use support::device::{Device, PushResult};
use support::{json, TestApp};
use uuid::Uuid;

fn create(d: &Device, title: &str) -> (FollowUpId, Op) {
    d.new_follow_up(title, vec![])
}

fn status(id: FollowUpId, to: FollowUpStatus) -> Op {
    Op::SetFollowUpStatus {
        id,
        to,
        base_version: 0,
    }
}

fn comment(id: FollowUpId, text: &str) -> Op {
    Op::CommentFollowUp {
        id,
        comment_id: Uuid::now_v7(),
        text: text.into(),
    }
}

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    app.state
        .db
        .read(move |c| Ok(c.query_row(sql, [], |r| r.get(0))?))
        .await
        .expect("count")
}

fn ok(r: PushResult) -> app::sync::PushResponse {
    match r {
        PushResult::Ok(r) => r,
        PushResult::Status(s, b) => panic!("push failed: {s} {b}"),
    }
}

/// A follow-up made by 王静 (东区), assigned by the office to 赵强 (engineering).
async fn assigned_follow_up(app: &TestApp) -> (Device, Device, Device, FollowUpId) {
    let mut butler = Device::sign_in(app, "wangjing").await;
    let mut office = Device::sign_in(app, "chenfang").await;
    let mut repairer = Device::sign_in(app, "zhaoqiang").await;
    let (id, op) = create(&butler, "厨房漏水");
    butler.queue(op);
    butler.sync(app).await;
    office.queue(Op::AssignFollowUp {
        id,
        assignee: UserId(repairer.user_id),
    });
    office.sync(app).await;
    repairer.pull_all(app).await;
    butler.pull_all(app).await;
    (butler, office, repairer, id)
}

#[tokio::test]
async fn the_same_batch_pushed_twice_gets_an_identical_response_and_no_duplicates() {
    let app = TestApp::new().await;
    let mut butler = Device::sign_in(&app, "wangjing").await;
    let (id, op) = create(&butler, "路灯不亮");
    butler.queue(op);
    butler.queue(comment(id, "已拍照"));
    let body = butler.push_body();
    let first = app
        .post_json("/api/v1/sync/push", body.clone(), Some(&butler.cookie))
        .await;
    assert_eq!(first.status(), StatusCode::OK);
    let first = json(first).await;
    let second = json(
        app.post_json("/api/v1/sync/push", body, Some(&butler.cookie))
            .await,
    )
    .await;
    let strip = |mut v: serde_json::Value| {
        v.as_object_mut().map(|o| o.remove("server_time"));
        v
    };
    assert_eq!(strip(first), strip(second));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM follow_ups").await, 1);
    // Two changes applied once each: version 2, and one change-log entry (the log keeps a
    // record's latest only).
    assert_eq!(count(&app, "SELECT version FROM follow_ups").await, 2);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM change_log WHERE kind = 'follow_up'"
        )
        .await,
        1
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM mutation_outcomes").await,
        2
    );
}

#[tokio::test]
async fn connection_cut_before_the_request_or_after_the_commit_loses_and_doubles_nothing() {
    let app = TestApp::new().await;
    let mut butler = Device::sign_in(&app, "wangjing").await;
    let (id, op) = create(&butler, "单元门禁损坏");
    butler.queue(op);
    butler.queue(comment(id, "第一条"));

    // (a) cut before the request: nothing reached the server; the outbox is untouched.
    assert_eq!(butler.outbox.len(), 2);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM mutation_outcomes").await,
        0
    );

    // (b) the server commits, the answer is lost: the device still holds both entries.
    butler.push_and_lose_the_answer(&app).await;
    assert_eq!(butler.outbox.len(), 2);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM mutation_outcomes").await,
        2
    );

    // A third entry joins while offline; the retry sends all three.
    butler.queue(comment(id, "第二条"));
    let response = ok(butler.push(&app).await);
    assert_eq!(response.last_seq, 3);
    assert!(response
        .outcomes
        .iter()
        .all(|o| o.verdict == Verdict::Applied));
    assert!(butler.outbox.is_empty());
    butler.pull_all(&app).await;
    let f = &butler.records[&id.0];
    assert_eq!(f.comments.len(), 2, "no comment doubled");
    assert_eq!(count(&app, "SELECT version FROM follow_ups").await, 3);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM change_log WHERE kind = 'follow_up'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn a_pull_page_lost_in_the_middle_is_fetched_again_with_nothing_lost_or_doubled() {
    let app = TestApp::new().await;
    let mut butler = Device::sign_in(&app, "wangjing").await;
    for i in 0..25 {
        let (_, op) = create(&butler, &format!("事项 {i}"));
        butler.queue(op);
    }
    ok(butler.push(&app).await);
    let mut phone = Device::sign_in(&app, "wangjing").await;
    let first = phone.pull_page(&app, 10).await.expect("page 1");
    phone.apply_page(&first);
    // Page 2 is read by the server but never reaches the phone.
    let _lost = phone.pull_page(&app, 10).await.expect("page 2");
    assert_eq!(
        phone.records.len()
            + phone.templates.len()
            + phone.units.len()
            + phone.households.len()
            + phone.complaints.len(),
        10
    );
    phone.pull_all(&app).await;
    assert_eq!(phone.records.len(), 25);
    let mut check = Device::sign_in(&app, "wangjing").await;
    check.pull_all(&app).await;
    assert_eq!(phone.records, check.records);
}

#[tokio::test]
async fn a_sequence_gap_is_answered_409_and_recovered() {
    let app = TestApp::new().await;
    let mut butler = Device::sign_in(&app, "wangjing").await;
    let (id, op) = create(&butler, "绿化带积水");
    butler.queue(op);
    ok(butler.push(&app).await);
    butler.queue(comment(id, "2"));
    butler.queue(comment(id, "3"));
    // The device lost #2 from what it sends (a bug, a corrupted store): #3 alone is a gap.
    let two = butler.outbox.remove(0);
    match butler.push(&app).await {
        PushResult::Status(s, body) => {
            assert_eq!(s, StatusCode::CONFLICT);
            assert_eq!(body["code"], "sequence_gap");
            assert_eq!(body["expected_seq"], 2);
        }
        other => panic!("expected 409, got {other:?}"),
    }
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM mutation_outcomes").await,
        1,
        "nothing applied"
    );
    butler.outbox.insert(0, two);
    let response = ok(butler.push(&app).await);
    assert_eq!(response.last_seq, 3);
}

#[tokio::test]
async fn two_devices_change_the_same_follow_up_offline() {
    let app = TestApp::new().await;
    let (mut butler, mut office, mut repairer, id) = assigned_follow_up(&app).await;
    repairer.queue(status(id, FollowUpStatus::InProgress));
    repairer.queue(status(id, FollowUpStatus::Resolved));
    repairer.sync(&app).await;
    butler.pull_all(&app).await;
    office.pull_all(&app).await;

    // A step the table does not give this role is refused, with the reason.
    repairer.queue(status(id, FollowUpStatus::CustomerInformed));
    assert_eq!(
        ok(repairer.push(&app).await).outcomes[0].verdict,
        Verdict::Refused {
            reason: Reason::NotAllowed {
                from: FollowUpStatus::Resolved,
                to: FollowUpStatus::CustomerInformed
            }
        }
    );

    // Offline, both having seen "resolved":
    butler.queue(comment(id, "业主说还在滴水"));
    butler.queue(status(id, FollowUpStatus::CustomerInformed));
    butler.queue(status(id, FollowUpStatus::Closed));
    office.queue(comment(id, "请工程部复查"));
    office.queue(status(id, FollowUpStatus::CustomerInformed));

    let b = ok(butler.push(&app).await);
    assert!(b.outcomes.iter().all(|o| o.verdict == Verdict::Applied));
    let o = ok(office.push(&app).await);
    assert_eq!(
        o.outcomes[0].verdict,
        Verdict::Applied,
        "comments never conflict"
    );
    assert_eq!(
        o.outcomes[1].verdict,
        Verdict::Conflict {
            reason: Reason::IllegalTransition {
                from: FollowUpStatus::Closed,
                to: FollowUpStatus::CustomerInformed
            }
        },
        "stale and impossible now: one conflict"
    );
    // The office sees exactly one conflict and applies it.
    let list = json(app.get("/api/v1/attention", Some(&office.cookie)).await).await;
    assert_eq!(
        list.as_array().map(Vec::len),
        Some(2),
        "the refusal and the conflict"
    );
    let conflicts: Vec<_> = list
        .as_array()
        .expect("list")
        .iter()
        .filter(|i| i["outcome"]["verdict"]["status"] == "conflict")
        .collect();
    assert_eq!(conflicts.len(), 1);
    let settle = app
        .post_json(
            "/api/v1/attention/settle",
            serde_json::json!({ "device_id": conflicts[0]["device_id"], "seq": conflicts[0]["seq"], "action": "apply" }),
            Some(&office.cookie),
        )
        .await;
    assert_eq!(settle.status(), StatusCode::OK);

    for d in [&mut butler, &mut office, &mut repairer] {
        d.pull_all(&app).await;
    }
    let f = &office.records[&id.0];
    assert_eq!(f.status, FollowUpStatus::CustomerInformed);
    assert_eq!(f.comments.len(), 2, "both comments kept");
    assert_eq!(butler.records[&id.0], *f);
    assert_eq!(repairer.records[&id.0], *f);
}

#[tokio::test]
async fn device_clocks_off_by_an_hour_or_a_year_change_nothing_but_are_flagged() {
    let app = TestApp::new().await;
    let mut results = vec![];
    for offset in [
        chrono::Duration::zero(),
        chrono::Duration::hours(1),
        chrono::Duration::hours(-1),
        chrono::Duration::days(365),
    ] {
        let mut butler = Device::sign_in(&app, "wangjing").await;
        let (id, op) = create(&butler, "时钟测试");
        butler.queue(op);
        butler.queue(comment(id, "评论"));
        for m in &mut butler.outbox {
            m.device_time = chrono::Utc::now() + offset;
        }
        let r = ok(butler.push(&app).await);
        let verdicts: Vec<_> = r.outcomes.iter().map(|o| o.verdict.clone()).collect();
        let flagged = r.outcomes.iter().all(|o| o.skew_secs.is_some());
        results.push((verdicts, flagged, offset));
    }
    for (verdicts, flagged, offset) in &results {
        assert_eq!(verdicts, &results[0].0, "same outcome at {offset}");
        assert_eq!(*flagged, !offset.is_zero(), "skew flagged at {offset}");
    }
}

#[tokio::test]
async fn a_close_on_one_device_while_another_edits_offline_then_a_stale_cursor() {
    let app = TestApp::new().await;
    let (mut butler, mut office, mut repairer, id) = assigned_follow_up(&app).await;
    repairer.queue(status(id, FollowUpStatus::InProgress));
    repairer.sync(&app).await;
    // The office closes it (it may take every step) while the repairer is in a basement.
    office.pull_all(&app).await;
    for to in [
        FollowUpStatus::Resolved,
        FollowUpStatus::CustomerInformed,
        FollowUpStatus::Closed,
    ] {
        office.queue(status(id, to));
    }
    office.sync(&app).await;

    // The repairer, offline since "in progress", adds a comment and marks it resolved.
    repairer.queue(comment(id, "已更换阀门"));
    repairer.queue(status(id, FollowUpStatus::Resolved));

    // Meanwhile the log is compacted past the repairer's cursor.
    // Superseded entries leave the log at once; what compaction removes past a cursor is a
    // tombstone (here another follow-up of the cluster that left it).
    let cluster = butler.clusters[0];
    app.state
        .db
        .write(move |tx| {
            server::db::sync::append_change(
                tx,
                app::sync::RecordKind::FollowUp,
                &uuid::Uuid::now_v7().to_string(),
                Some(cluster),
                Some(app::domain::Department::Engineering),
                None,
                &server::db::now_text(),
            )
        })
        .await
        .expect("tombstone");
    for i in 0..3 {
        butler.queue(comment(id, &format!("更多 {i}")));
    }
    butler.sync(&app).await;
    let before = chrono::Utc::now() + chrono::Duration::seconds(1);
    let removed = app
        .state
        .db
        .write(move |tx| server::db::sync::compact(tx, before))
        .await
        .expect("compact");
    assert!(removed > 0);

    match repairer.pull_page(&app, 100).await {
        Err((s, body)) => {
            assert_eq!(s, StatusCode::GONE);
            assert_eq!(body["code"], "cursor_expired");
        }
        Ok(_) => panic!("a stale cursor must get 410"),
    }
    // Push the outbox first, then resync from the start.
    let r = ok(repairer.push(&app).await);
    assert_eq!(
        r.outcomes[0].verdict,
        Verdict::Applied,
        "the comment lands on the closed one"
    );
    assert_eq!(
        r.outcomes[1].verdict,
        Verdict::Conflict {
            reason: Reason::IllegalTransition {
                from: FollowUpStatus::Closed,
                to: FollowUpStatus::Resolved
            }
        },
        "closed meanwhile: a conflict for the office, never a silent reopen"
    );
    repairer.cursor = 0;
    repairer.records.clear();
    repairer.pull_all(&app).await;
    butler.pull_all(&app).await;
    let f = &repairer.records[&id.0];
    assert_eq!(f.status, FollowUpStatus::Closed);
    assert_eq!(f.comments.len(), 4);
    assert_eq!(butler.records, repairer.records);
}

#[tokio::test]
async fn a_butler_can_neither_read_nor_write_another_cluster() {
    let app = TestApp::new().await;
    let mut east = Device::sign_in(&app, "wangjing").await;
    let mut west = Device::sign_in(&app, "liming").await;
    let (id, op) = create(&east, "东区事项");
    east.queue(op);
    east.sync(&app).await;

    west.pull_all(&app).await;
    assert!(
        west.records.is_empty(),
        "nothing of 东区 reaches 西区's butler"
    );
    west.queue(comment(id, "越权评论"));
    let (_, foreign) = create(&east, "在别人组团建事项");
    west.queue(foreign);
    let r = ok(west.push(&app).await);
    assert_eq!(
        r.outcomes[0].verdict,
        Verdict::Refused {
            reason: Reason::OutOfScope
        }
    );
    assert_eq!(
        r.outcomes[1].verdict,
        Verdict::Refused {
            reason: Reason::OutOfScope
        }
    );
    // Refused, not lost: both are on the office's list, whole.
    let office = Device::sign_in(&app, "chenfang").await;
    let list = json(app.get("/api/v1/attention", Some(&office.cookie)).await).await;
    assert_eq!(list.as_array().map(Vec::len), Some(2));
}

#[tokio::test]
async fn department_staff_see_and_work_only_their_departments_follow_ups() {
    let app = TestApp::new().await;
    let (_butler, _office, mut repairer, id) = assigned_follow_up(&app).await;
    assert!(repairer.records.contains_key(&id.0));
    let mut guard = Device::sign_in(&app, "zhouyong").await;
    guard.pull_all(&app).await;
    assert!(
        guard.records.is_empty(),
        "security sees no engineering follow-up"
    );
    guard.queue(status(id, FollowUpStatus::InProgress));
    let r = ok(guard.push(&app).await);
    assert_eq!(
        r.outcomes[0].verdict,
        Verdict::Refused {
            reason: Reason::OutOfScope
        }
    );
    repairer.queue(status(id, FollowUpStatus::InProgress));
    assert_eq!(
        ok(repairer.push(&app).await).outcomes[0].verdict,
        Verdict::Applied
    );
}

#[tokio::test]
async fn the_session_expires_while_offline_nothing_is_lost_or_refused() {
    let app = TestApp::new().await;
    let mut butler = Device::sign_in(&app, "wangjing").await;
    let (id, op) = create(&butler, "过期会话");
    butler.queue(op);
    butler.queue(comment(id, "离线写的"));
    app.state
        .db
        .write(|tx| Ok(tx.execute("DELETE FROM sessions", [])?))
        .await
        .expect("expire");
    match butler.push(&app).await {
        PushResult::Status(s, body) => {
            assert_eq!(s, StatusCode::UNAUTHORIZED);
            assert_eq!(body["code"], "unauthorized");
        }
        other => panic!("expected 401, got {other:?}"),
    }
    assert_eq!(butler.outbox.len(), 2, "the outbox is kept");
    butler.sign_in_again(&app).await;
    let r = ok(butler.push(&app).await);
    assert!(r.outcomes.iter().all(|o| o.verdict == Verdict::Applied));
}

#[tokio::test]
async fn a_push_for_another_device_or_from_a_too_old_app_is_refused_whole() {
    let app = TestApp::new().await;
    let mut butler = Device::sign_in(&app, "wangjing").await;
    let (_, op) = create(&butler, "x");
    butler.queue(op);
    let mut body = butler.push_body();
    body["device_id"] = serde_json::json!(Uuid::now_v7());
    let res = app
        .post_json("/api/v1/sync/push", body, Some(&butler.cookie))
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let mut body = butler.push_body();
    body["protocol"] = serde_json::json!(0);
    let res = app
        .post_json("/api/v1/sync/push", body, Some(&butler.cookie))
        .await;
    assert_eq!(res.status(), StatusCode::UPGRADE_REQUIRED);
    let res = app
        .get(
            "/api/v1/sync/pull?cursor=0&protocol=0",
            Some(&butler.cookie),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UPGRADE_REQUIRED);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM mutation_outcomes").await,
        0
    );
}

#[tokio::test]
async fn an_entry_queued_by_an_old_schema_version_is_decoded_and_accepted() {
    let app = TestApp::new().await;
    let butler = Device::sign_in(&app, "wangjing").await;
    // A fixture as build 0.1.0 queued it: no schema_version or app_version fields yet.
    let old = include_str!("fixtures/outbox-v1-create.json")
        .replace("{{CLUSTER}}", &butler.clusters[0].to_string());
    let body = serde_json::json!({
        "protocol": 1,
        "device_id": butler.device_id,
        "mutations": [serde_json::from_str::<serde_json::Value>(&old).expect("fixture")],
    });
    let res = app
        .post_json("/api/v1/sync/push", body, Some(&butler.cookie))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let body = json(res).await;
    assert_eq!(body["outcomes"][0]["verdict"]["status"], "applied");
}

#[tokio::test]
async fn a_row_the_database_refuses_is_one_refusal_and_the_rest_of_the_batch_applies() {
    let app = TestApp::new().await;
    let mut butler = Device::sign_in(&app, "wangjing").await;
    // A constraint the rules do not know of (a trigger on the writer connection).
    app.state
        .db
        .write(|tx| {
            tx.execute_batch(
                "CREATE TEMP TRIGGER refuse_boom BEFORE INSERT ON follow_ups
                 WHEN NEW.body LIKE '%boom%' BEGIN SELECT RAISE(ABORT, 'boom refused'); END;",
            )?;
            Ok(())
        })
        .await
        .expect("trigger");
    for title in ["前", "boom", "后"] {
        let (_, op) = create(&butler, title);
        butler.queue(op);
    }
    let r = ok(butler.push(&app).await);
    assert_eq!(r.last_seq, 3);
    assert_eq!(r.outcomes[0].verdict, Verdict::Applied);
    assert_eq!(
        r.outcomes[1].verdict,
        Verdict::Refused {
            reason: Reason::Invalid {
                field: "record".into()
            }
        }
    );
    assert_eq!(r.outcomes[2].verdict, Verdict::Applied);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM follow_ups").await, 2);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM mutation_outcomes").await,
        3
    );
}
