//! Staff management (issue 7) through the real router on a real SQLite file: only admins
//! manage staff; a new user and a reset password must be changed at the next sign-in (nothing
//! else answers until then); a revoked phone can no longer sync; a cluster handed from one
//! butler to another reaches the new butler's phone whole, and the old butler's queued change
//! for it is refused for scope, lands on the office's "needs attention" and is applied there.

mod support;

use app::domain::unit::Occupancy;
use app::domain::{ClusterId, Role};
use app::estate::staff::{StaffDraft, StaffMember, StaffProblem};
use app::sync::{Op, Reason, Verdict};
use axum::http::StatusCode;
use support::device::{Device, PushResult};
use support::{json, TestApp};
use uuid::Uuid;

async fn cookie(app: &TestApp, who: &str, password: &str) -> String {
    let (status, cookie, body) = app.sign_in(who, password).await;
    assert_eq!(status, StatusCode::OK, "{who}: {body}");
    cookie.expect("cookie")
}

async fn members(app: &TestApp, admin: &str) -> Vec<StaffMember> {
    let res = app.get("/api/v1/staff", Some(admin)).await;
    assert_eq!(res.status(), StatusCode::OK);
    serde_json::from_value(json(res).await).expect("staff")
}

fn member<'a>(all: &'a [StaffMember], username: &str) -> &'a StaffMember {
    all.iter().find(|m| m.username == username).expect(username)
}

#[tokio::test]
async fn butlers_staff_and_the_office_cannot_manage_staff() {
    let app = TestApp::new().await;
    let admin = cookie(&app, "admin", "demo1234").await;
    cookie(&app, "wangjing", "demo1234").await;
    let all = members(&app, &admin).await;
    let wang = member(&all, "wangjing").clone();
    for who in ["wangjing", "zhaoqiang", "chenfang"] {
        let c = cookie(&app, who, "demo1234").await;
        assert_eq!(
            app.get("/api/v1/staff", Some(&c)).await.status(),
            StatusCode::FORBIDDEN,
            "{who}"
        );
        let mut d = wang.draft();
        d.username = format!("{who}x");
        d.password = Some("start2026".into());
        let res = app
            .post_json(
                "/api/v1/staff",
                serde_json::to_value(&d).expect("ok"),
                Some(&c),
            )
            .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{who} creates");
        let res = app
            .post_json(
                &format!("/api/v1/staff/{}/password", wang.id),
                serde_json::json!({ "password": "takeover1" }),
                Some(&c),
            )
            .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{who} resets");
        let device = member(&members(&app, &admin).await, "wangjing").devices[0].id;
        let res = app
            .post_json(
                &format!("/api/v1/devices/{device}/revoke"),
                serde_json::json!({}),
                Some(&c),
            )
            .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{who} revokes");
    }
    // Nothing changed: the old password still signs in.
    cookie(&app, "wangjing", "demo1234").await;
}

#[tokio::test]
async fn a_new_user_and_a_reset_password_must_be_changed_at_the_next_sign_in() {
    let app = TestApp::new().await;
    let admin = cookie(&app, "admin", "demo1234").await;
    let all = members(&app, &admin).await;
    let east: ClusterId = member(&all, "wangjing").clusters[0];

    // Bad drafts are refused with the reason, and create nobody.
    let mut d = StaffDraft {
        username: "xu.lan".into(),
        display_name: "徐岚".into(),
        role: Role::Butler,
        department: None,
        clusters: vec![],
        lead: false,
        active: true,
        password: Some("start2026".into()),
    };
    for (bad, problem) in [
        (
            StaffDraft {
                clusters: vec![],
                ..d.clone()
            },
            StaffProblem::ClusterNeeded,
        ),
        (
            StaffDraft {
                clusters: vec![east],
                password: Some("12345678".into()),
                ..d.clone()
            },
            StaffProblem::WeakPassword,
        ),
        (
            StaffDraft {
                clusters: vec![east],
                username: "wangjing".into(),
                ..d.clone()
            },
            StaffProblem::UsernameTaken,
        ),
        (
            StaffDraft {
                clusters: vec![ClusterId::new_v7()],
                ..d.clone()
            },
            StaffProblem::UnknownCluster,
        ),
    ] {
        let res = app
            .post_json(
                "/api/v1/staff",
                serde_json::to_value(&bad).expect("ok"),
                Some(&admin),
            )
            .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            json(res).await["problem"],
            serde_json::to_value(problem).expect("ok")
        );
    }
    assert_eq!(
        members(&app, &admin).await.len(),
        all.len(),
        "nobody was created"
    );

    d.clusters = vec![east];
    let res = app
        .post_json(
            "/api/v1/staff",
            serde_json::to_value(&d).expect("ok"),
            Some(&admin),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let (status, c, body) = app.sign_in("xu.lan", "start2026").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["user"]["must_change_password"], true);
    let c = c.expect("cookie");
    // Until the password is changed, nothing but the account answers.
    let res = app.get("/api/v1/sync/pull?cursor=0", Some(&c)).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(json(res).await["code"], "password_change_required");
    let change = |current: &str, new: &str| serde_json::json!({ "current": current, "new": new });
    let res = app
        .post_json(
            "/api/v1/auth/password",
            change("wrong-one1", "newpass2026"),
            Some(&c),
        )
        .await;
    assert_eq!(json(res).await["problem"], "wrong_password");
    let res = app
        .post_json(
            "/api/v1/auth/password",
            change("start2026", "short"),
            Some(&c),
        )
        .await;
    assert_eq!(json(res).await["problem"], "weak_password");
    let res = app
        .post_json(
            "/api/v1/auth/password",
            change("start2026", "newpass2026"),
            Some(&c),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        app.get("/api/v1/sync/pull?cursor=0", Some(&c))
            .await
            .status(),
        StatusCode::OK
    );
    let me = json(app.get("/api/v1/auth/me", Some(&c)).await).await;
    assert_eq!(me["user"]["must_change_password"], false, "{me}");

    // An admin resets 王静's password: her sessions end, the temporary one must be changed.
    let wang_cookie = cookie(&app, "wangjing", "demo1234").await;
    let wang = member(&members(&app, &admin).await, "wangjing").clone();
    let res = app
        .post_json(
            &format!("/api/v1/staff/{}/password", wang.id),
            serde_json::json!({ "password": "temp2026x" }),
            Some(&admin),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        app.get("/api/v1/sync/pull?cursor=0", Some(&wang_cookie))
            .await
            .status(),
        StatusCode::UNAUTHORIZED,
        "her old session ended"
    );
    let (status, _, _) = app.sign_in("wangjing", "demo1234").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "the old password is gone");
    let (_, c, body) = app.sign_in("wangjing", "temp2026x").await;
    assert_eq!(body["user"]["must_change_password"], true);
    let c = c.expect("cookie");
    let res = app
        .post_json(
            "/api/v1/auth/password",
            change("temp2026x", "mine2026!"),
            Some(&c),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(!member(&members(&app, &admin).await, "wangjing").must_change_password);
    // Every step is on the trail.
    let res = app
        .get(
            &format!("/api/v1/audit?kind=user&record={}", wang.id),
            Some(&admin),
        )
        .await;
    let trail = json(res).await;
    let actions: Vec<&str> = trail
        .as_array()
        .expect("ok")
        .iter()
        .map(|e| e["action"].as_str().expect("ok"))
        .collect();
    assert_eq!(actions, ["reset_password", "change_password"]);
}

#[tokio::test]
async fn a_revoked_device_can_no_longer_sync() {
    let app = TestApp::new().await;
    let admin = cookie(&app, "admin", "demo1234").await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    wang.pull_all(&app).await;
    let all = members(&app, &admin).await;
    let device = member(&all, "wangjing")
        .devices
        .iter()
        .find(|d| d.id.0 == wang.device_id)
        .cloned()
        .expect("her phone is listed");
    assert!(device.revoked_at.is_none());
    let res = app
        .post_json(
            &format!("/api/v1/devices/{}/revoke", device.id),
            serde_json::json!({}),
            Some(&admin),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    // Its session is gone: push and pull are refused.
    let unit = wang.units.values().next().cloned().expect("a unit");
    wang.queue(Op::RecordOccupancy {
        unit: unit.id,
        change: Uuid::now_v7(),
        state: Occupancy::Renovating,
        effective_date: app::domain::time::estate_today(chrono::Utc::now()),
        household: String::new(),
        note: String::new(),
        base: unit.state_on(app::domain::time::estate_today(chrono::Utc::now())),
    });
    match wang.push(&app).await {
        PushResult::Status(s, _) => assert_eq!(s, StatusCode::UNAUTHORIZED),
        PushResult::Ok(_) => panic!("a revoked phone pushed"),
    }
    assert!(
        wang.pull_page(&app, 10).await.is_err(),
        "a revoked phone pulled"
    );
    // Signing in again on it gives another device: the revoked one never comes back, and its
    // queued changes are not taken under the new session.
    let res = app
        .post_json(
            "/api/v1/auth/sign-in",
            serde_json::json!({ "username": "wangjing", "password": "demo1234", "device_id": wang.device_id }),
            None,
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    wang.cookie = support::session_cookie(&res).expect("cookie");
    assert_ne!(
        json(res).await["device_id"],
        wang.device_id.to_string().as_str()
    );
    match wang.push(&app).await {
        PushResult::Status(s, body) => {
            assert_eq!(s, StatusCode::FORBIDDEN);
            assert_eq!(body["code"], "device_mismatch");
        }
        PushResult::Ok(_) => panic!("the revoked device's outbox was taken"),
    }
    let listed = member(&members(&app, &admin).await, "wangjing")
        .devices
        .clone();
    assert!(listed
        .iter()
        .any(|d| d.id == device.id && d.revoked_at.is_some()));
}

#[tokio::test]
async fn a_cluster_handed_to_another_butler_reaches_them_and_the_old_butlers_change_is_applied_from_attention(
) {
    let app = TestApp::new().await;
    let admin = cookie(&app, "admin", "demo1234").await;
    let office = cookie(&app, "chenfang", "demo1234").await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    let mut li = Device::sign_in(&app, "liming").await;
    wang.pull_all(&app).await;
    li.pull_all(&app).await;
    let all = members(&app, &admin).await;
    let (east, west) = (
        member(&all, "wangjing").clusters[0],
        member(&all, "liming").clusters[0],
    );
    let east_units = wang.units.len();
    assert!(east_units > 0);
    assert!(li.units.values().all(|u| u.cluster_id == west));

    // 王静, offline, records a renovation in the east cluster…
    let today = app::domain::time::estate_today(chrono::Utc::now());
    let unit = wang.units.values().next().cloned().expect("unit");
    wang.queue(Op::RecordOccupancy {
        unit: unit.id,
        change: Uuid::now_v7(),
        state: Occupancy::Renovating,
        effective_date: today,
        household: String::new(),
        note: "交接前记录".into(),
        base: unit.state_on(today),
    });
    // …and a visit to a household there.
    let household = wang
        .households
        .values()
        .find(|h| h.cluster_id == unit.cluster_id)
        .cloned()
        .expect("household");
    let visit = app::domain::visit::VisitId(Uuid::now_v7());
    wang.queue(Op::RecordVisit {
        id: visit,
        household: household.id,
        channel: app::domain::visit::VisitChannel::Appointment,
        at: chrono::Utc::now(),
        met: "业主本人".into(),
        said: "交接前拜访".into(),
        items: vec![],
    });
    // …while the admin hands the east cluster to 李明 and gives her the west one.
    for (who, clusters) in [("liming", vec![west, east]), ("wangjing", vec![west])] {
        let mut d = member(&all, who).draft();
        d.clusters = clusters;
        let res = app
            .post_json(
                &format!("/api/v1/staff/{}", member(&all, who).id),
                serde_json::to_value(&d).expect("ok"),
                Some(&admin),
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK);
    }

    // 李明's next sync sees the new scope and fetches the east cluster's existing units.
    li.pull_all(&app).await;
    li.pull_all(&app).await;
    assert_eq!(
        li.units.values().filter(|u| u.cluster_id == east).count(),
        east_units
    );

    // 王静's queued change is refused for scope…
    let PushResult::Ok(r) = wang.push(&app).await else {
        panic!("push")
    };
    for o in &r.outcomes {
        assert_eq!(
            o.verdict,
            Verdict::Refused {
                reason: Reason::OutOfScope
            }
        );
    }
    // …and her phone drops the east cluster.
    wang.pull_all(&app).await;
    wang.pull_all(&app).await;
    assert!(wang.units.values().all(|u| u.cluster_id == west));
    assert!(!wang.units.is_empty());

    // The office finds it, whole, on "needs attention" and applies it.
    let items = json(app.get("/api/v1/attention", Some(&office)).await).await;
    let item = items
        .as_array()
        .expect("ok")
        .iter()
        .find(|i| i["mutation"]["op"]["unit"] == serde_json::json!(unit.id))
        .cloned()
        .unwrap_or_else(|| panic!("on the list: {items}"));
    assert_eq!(item["mutation"]["op"]["note"], "交接前记录");
    let visit_item = items
        .as_array()
        .expect("ok")
        .iter()
        .find(|i| i["mutation"]["op"]["id"] == serde_json::json!(visit))
        .cloned()
        .unwrap_or_else(|| panic!("the visit on the list: {items}"));
    for i in [&item, &visit_item] {
        let res = app
            .post_json(
                "/api/v1/attention/settle",
                serde_json::json!({ "device_id": i["device_id"], "seq": i["seq"], "action": "apply" }),
                Some(&office),
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK, "{}", json(res).await);
    }
    li.pull_all(&app).await;
    assert_eq!(
        li.units[&unit.id.0].state_on(today),
        Some(Occupancy::Renovating),
        "it took effect"
    );
    assert_eq!(
        li.units[&unit.id.0]
            .history
            .last()
            .and_then(|c| c.recorded_by),
        Some(member(&all, "wangjing").id),
        "in its author's name, not the office's"
    );
    // The visit is hers too: it counts in her visit report, not the clerk's.
    assert_eq!(
        li.visits.get(&visit.0).map(|v| v.butler),
        Some(member(&all, "wangjing").id)
    );
    let items = json(app.get("/api/v1/attention", Some(&office)).await).await;
    assert!(!items
        .as_array()
        .expect("ok")
        .iter()
        .any(|i| i["mutation"]["op"]["unit"] == serde_json::json!(unit.id)));
}
