//! Places and notices (issue 18) through the real router on a real SQLite file: the demo's
//! places and notices reach their cluster's butler and the office, not the other cluster's
//! butler nor department staff; the morning list has what ends today; a notice taken down
//! offline stays down when the office later moves its expiry date (both in its history); a
//! notice on another cluster's board, a made-up board or a butler saving a place is refused
//! with the field or the reason; the office registers a place and the butler receives it.

mod support;

use app::domain::place::{Issuer, NoticeId, Place, PlaceId, PlaceKind, Position};
use app::sync::{Op, Reason, Verdict};
use chrono::{Duration, Utc};
use support::device::Device;
use support::TestApp;

fn invalid(field: &str) -> Verdict {
    Verdict::Refused {
        reason: Reason::Invalid {
            field: field.into(),
        },
    }
}

#[tokio::test]
async fn places_and_notices_reach_their_cluster_and_a_take_down_wins_over_a_later_expiry() {
    let app = TestApp::new().await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    let mut li = Device::sign_in(&app, "liming").await;
    let mut fitter = Device::sign_in(&app, "sunwei").await;
    let mut office = Device::sign_in(&app, "chenfang").await;
    for d in [&mut wang, &mut li, &mut fitter, &mut office] {
        d.pull_all(&app).await;
    }
    let today = support::today();
    // The demo: each butler holds their cluster's places and notices, the office all, the
    // fitter none.
    assert!(wang
        .places
        .values()
        .any(|p| p.kind == PlaceKind::NoticeBoard));
    assert!(wang.places.values().any(|p| p.kind == PlaceKind::Facility));
    assert!(wang
        .places
        .values()
        .any(|p| p.kind == PlaceKind::Checkpoint));
    assert!(wang
        .places
        .values()
        .chain(li.places.values())
        .all(|p| p.position.is_some()));
    for d in [&wang, &li] {
        assert!(d
            .places
            .values()
            .all(|p| d.clusters.contains(&p.cluster_id)));
        assert!(d
            .notices
            .values()
            .all(|n| d.clusters.contains(&n.cluster_id)));
    }
    assert_eq!(office.places.len(), wang.places.len() + li.places.len());
    assert_eq!(office.notices.len(), wang.notices.len() + li.notices.len());
    assert!(fitter.places.is_empty() && fitter.notices.is_empty());
    // The morning list: one ending today in each cluster, and one a day late in 王静's.
    let due = |d: &Device| d.notices.values().filter(|n| n.due_down(today)).count();
    assert_eq!(due(&wang), 2);
    assert_eq!(due(&li), 1);
    // A past: most notices taken down, a lived-in register.
    assert!(
        wang.notices
            .values()
            .filter(|n| n.taken_down.is_some())
            .count()
            >= 5
    );

    // 王静 takes down the one ending today, offline; the office meanwhile moves its end.
    let n = wang
        .notices
        .values()
        .find(|n| n.expires_on == today)
        .cloned()
        .expect("a notice ending today");
    wang.queue(Op::TakeDownNotice {
        id: n.id,
        at: Utc::now() - Duration::minutes(3),
        photos: vec![],
    });
    assert_eq!(wang.push(&app).await.verdicts(), vec![Verdict::Applied]);
    office.queue(Op::ChangeNoticeExpiry {
        id: n.id,
        expires_on: today + Duration::days(7),
    });
    assert_eq!(office.push(&app).await.verdicts(), vec![Verdict::Applied]);
    li.pull_all(&app).await;
    wang.pull_all(&app).await;
    let after = &wang.notices[&n.id.0];
    assert!(after.taken_down.is_some());
    assert_eq!(after.expires_on, today);
    assert_eq!(after.changes.len(), 1);
    assert!(after.changes[0].after_take_down);
    assert!(!li.notices.contains_key(&n.id.0));
    assert_eq!(due(&wang), 1);

    // Refused: a board of the other cluster, a made-up board, an end before the start, a
    // butler saving a place, a notice in the other cluster.
    let mine = wang
        .places
        .values()
        .find(|p| p.kind == PlaceKind::NoticeBoard)
        .cloned()
        .expect("a board");
    let theirs = li
        .places
        .values()
        .find(|p| p.kind == PlaceKind::NoticeBoard)
        .cloned()
        .expect("a board");
    let post = |boards: Vec<PlaceId>, cluster, expires_on| Op::PostNotice {
        id: NoticeId::new_v7(),
        cluster_id: cluster,
        title: "停车场划线施工通知".into(),
        issuer: Issuer::Engineering,
        boards,
        posted_on: today,
        expires_on,
        photos: vec![],
    };
    wang.queue(post(vec![theirs.id], mine.cluster_id, today));
    wang.queue(post(vec![PlaceId::new_v7()], mine.cluster_id, today));
    wang.queue(post(
        vec![mine.id],
        mine.cluster_id,
        today - Duration::days(1),
    ));
    wang.queue(Op::SavePlace {
        place: Place {
            name: "改名".into(),
            ..mine.clone()
        },
    });
    wang.queue(post(vec![theirs.id], theirs.cluster_id, today));
    wang.queue(post(
        vec![mine.id],
        mine.cluster_id,
        today + Duration::days(3),
    ));
    assert_eq!(
        wang.push(&app).await.verdicts(),
        vec![
            invalid("boards"),
            invalid("boards"),
            invalid("expires_on"),
            Verdict::Refused {
                reason: Reason::Forbidden
            },
            Verdict::Refused {
                reason: Reason::OutOfScope
            },
            Verdict::Applied,
        ]
    );

    // The office registers a checkpoint in 王静's cluster; her phone receives it, 李明's not.
    let gate = Place {
        id: PlaceId::new_v7(),
        cluster_id: mine.cluster_id,
        kind: PlaceKind::Checkpoint,
        name: " 南门岗 ".into(),
        location: "南门".into(),
        position: Position::from_degrees(31.2291, 121.4702),
        template: None,
        retired: false,
    };
    office.queue(Op::SavePlace {
        place: gate.clone(),
    });
    office.queue(Op::SavePlace {
        place: Place {
            id: PlaceId::new_v7(),
            position: Some(Position {
                lat_e6: 95_000_000,
                lon_e6: 0,
            }),
            ..gate.clone()
        },
    });
    office.queue(Op::SavePlace {
        place: Place {
            id: PlaceId::new_v7(),
            cluster_id: app::domain::ClusterId::new_v7(),
            ..gate.clone()
        },
    });
    assert_eq!(
        office.push(&app).await.verdicts(),
        vec![Verdict::Applied, invalid("position"), invalid("cluster_id")]
    );
    wang.pull_all(&app).await;
    li.pull_all(&app).await;
    assert_eq!(wang.places[&gate.id.0].name, "南门岗");
    assert!(!li.places.contains_key(&gate.id.0));

    // The register's .xlsx (office only): today's notices of 王静's cluster, the one taken
    // down by her and the expiry change that came after it.
    let url = format!(
        "/api/v1/places/notices.xlsx?day={today}&cluster={}",
        mine.cluster_id
    );
    let res = app.get(&url, Some(&office.cookie)).await;
    assert_eq!(res.status(), axum::http::StatusCode::OK);
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .expect("body");
    let text = support::xlsx_text(&bytes);
    assert!(text.contains("停车场划线施工通知"), "{text}");
    assert!(text.contains(&n.title));
    assert!(text.contains("王静"));
    assert!(text.contains("取下后才到达，未改变"));
    assert!(!text.contains("西区组团"));
    let res = app.get(&url, Some(&wang.cookie)).await;
    assert_eq!(res.status(), axum::http::StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_app_of_protocol_4_receives_no_places_nor_notices_and_a_newer_one_has_another_scope() {
    let app = TestApp::new().await;
    let wang = Device::sign_in(&app, "wangjing").await;
    let mut seen = vec![];
    for protocol in [4, 5] {
        let (mut kinds, mut cursor) = (std::collections::HashSet::new(), 0);
        let hash: String;
        loop {
            let res = app
                .get(
                    &format!("/api/v1/sync/pull?cursor={cursor}&limit=1000&protocol={protocol}"),
                    Some(&wang.cookie),
                )
                .await;
            assert_eq!(res.status(), axum::http::StatusCode::OK);
            let page = support::json(res).await;
            for c in page["changes"].as_array().expect("changes") {
                kinds.insert(c["kind"].as_str().expect("kind").to_owned());
            }
            if !page["has_more"].as_bool().expect("more") {
                hash = page["scope"]["hash"].as_str().expect("hash").to_owned();
                break;
            }
            cursor = page["next_cursor"].as_i64().expect("cursor");
        }
        seen.push((kinds, hash));
    }
    let (old, new) = (&seen[0], &seen[1]);
    assert!(old.0.contains("unit") && !old.0.contains("place") && !old.0.contains("notice"));
    assert!(new.0.contains("place") && new.0.contains("notice"));
    // Upgraded, the app's scope differs: it pulls again from the start and receives them.
    assert_ne!(old.1, new.1);
}

#[tokio::test]
async fn the_label_sheet_is_signed_with_the_estates_key_and_a_rotation_retires_it() {
    use app::domain::label::{verify_label, LabelProblem, PlaceLabel};
    let app = TestApp::new().await;
    let office = Device::sign_in(&app, "chenfang").await;
    let wang = Device::sign_in(&app, "wangjing").await;
    let admin = Device::sign_in(&app, "admin").await;
    let labels = |cookie: String| {
        let app = &app;
        async move {
            let res = app.get("/api/v1/places/labels", Some(&cookie)).await;
            assert_eq!(res.status(), axum::http::StatusCode::OK);
            serde_json::from_value::<Vec<PlaceLabel>>(support::json(res).await).expect("labels")
        }
    };
    let keys = |cookie: String| {
        let app = &app;
        async move {
            let res = app.get("/api/v1/directory", Some(&cookie)).await;
            let d: app::session::Directory =
                serde_json::from_value(support::json(res).await).expect("directory");
            d.label_keys
        }
    };
    let sheet = labels(office.cookie.clone()).await;
    assert!(sheet.len() >= 10, "the demo's places");
    // The butler's phone checks every code offline with the keys its directory holds.
    let phone_keys = keys(wang.cookie.clone()).await;
    assert_eq!(phone_keys.len(), 1);
    for l in &sheet {
        assert_eq!(
            verify_label(&l.code, &phone_keys),
            Ok(l.place),
            "{}",
            l.name
        );
        assert!(l.svg.starts_with("<svg"));
        assert_eq!(l.short_code.len(), 7);
    }
    // Only the office prints; only an admin rotates.
    let res = app.get("/api/v1/places/labels", Some(&wang.cookie)).await;
    assert_eq!(res.status(), axum::http::StatusCode::FORBIDDEN);
    let res = app
        .post_json(
            "/api/v1/places/labels/rotate",
            serde_json::json!({}),
            Some(&office.cookie),
        )
        .await;
    assert_eq!(res.status(), axum::http::StatusCode::FORBIDDEN);
    let res = app
        .post_json(
            "/api/v1/places/labels/rotate",
            serde_json::json!({}),
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(res.status(), axum::http::StatusCode::OK);
    // Rotated: the old sheet is refused as retired, the new one holds.
    let phone_keys = keys(wang.cookie.clone()).await;
    assert_eq!(phone_keys.len(), 2);
    assert_eq!(
        verify_label(&sheet[0].code, &phone_keys),
        Err(LabelProblem::Retired)
    );
    let again = labels(office.cookie.clone()).await;
    assert_eq!(
        verify_label(&again[0].code, &phone_keys),
        Ok(again[0].place)
    );
}

async fn import(
    app: &TestApp,
    cookie: &str,
    what: &str,
    content_type: &str,
    csv: &str,
) -> (axum::http::StatusCode, serde_json::Value) {
    use axum::body::Body;
    use axum::http::{header, Request};
    let res = app
        .send(
            Request::post(format!("/api/v1/places/import/{what}?name=places.csv"))
                .header(header::COOKIE, cookie)
                .header(header::CONTENT_TYPE, content_type)
                .body(Body::from(csv.to_owned()))
                .expect("request"),
        )
        .await;
    let status = res.status();
    (status, support::json(res).await)
}

#[tokio::test]
async fn the_office_imports_places_from_a_sheet_as_a_whole_or_not_at_all() {
    use app::places::import::PlacePlan;
    use axum::http::StatusCode;
    let app = TestApp::new().await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    let mut li = Device::sign_in(&app, "liming").await;
    wang.pull_all(&app).await;
    li.pull_all(&app).await;
    let cluster_of = |d: &Device| {
        d.places
            .values()
            .find_map(|p| p.name.strip_suffix("入口公告栏").map(str::to_owned))
            .expect("the demo's entrance board names its cluster")
    };
    let (east, west) = (cluster_of(&wang), cluster_of(&li));
    let before = wang.places.len() + li.places.len();
    let (_, office, _) = app.sign_in("chenfang", "demo1234").await;
    let office = office.expect("cookie");
    let plan = |v: serde_json::Value| -> PlacePlan {
        serde_json::from_value(v.clone()).unwrap_or_else(|e| panic!("{e}: {v}"))
    };

    // A butler does not import; nor does a form of another site (not raw bytes).
    let (_, butler, _) = app.sign_in("wangjing", "demo1234").await;
    let csv_ok = format!(
        "组团,类型,名称,位置,纬度,经度,检查表\n\
         {east},巡查点,南门岗亭,南门,31.2290,121.4700,\n\
         {east},巡查点,水泵房,负一层东北角（新编号 B1-07）,,,\n\
         {west},文体设施,乒乓球台,中心花园西侧,,,\n"
    );
    let (status, _) = import(
        &app,
        &butler.expect("cookie"),
        "preview",
        "application/octet-stream",
        &csv_ok,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = import(&app, &office, "apply", "text/plain", &csv_ok).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);

    // A sheet with a bad row: every problem by row, in words, and nothing written.
    let csv_bad = format!("{csv_ok}北区组团,公告栏,1栋公告栏,,,,\n{east},岗亭,东门,,,,\n");
    let (status, body) = import(&app, &office, "apply", "application/octet-stream", &csv_bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let refused = plan(body);
    assert!(!refused.applied);
    let rows: Vec<(usize, String)> = refused
        .problems
        .iter()
        .map(|p| (p.row, p.problem.text(app::i18n::Lang::ZhCn)))
        .collect();
    assert_eq!(
        rows,
        vec![
            (5, "小区资料中没有组团“北区组团”".to_owned()),
            (
                6,
                "类型“岗亭”不在列表中（公告栏、文体设施、巡查点）".to_owned()
            ),
        ]
    );

    // The preview says what the import will do, and writes nothing.
    let (status, body) = import(
        &app,
        &office,
        "preview",
        "application/octet-stream",
        &csv_ok,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let preview = plan(body);
    assert_eq!(
        (
            preview.rows,
            preview.new,
            preview.updated,
            preview.unchanged
        ),
        (3, 2, 1, 0)
    );
    wang.pull_all(&app).await;
    li.pull_all(&app).await;
    assert_eq!(wang.places.len() + li.places.len(), before);

    // Applied: the butlers receive their cluster's places; the board keeps its id.
    let pump_before = wang
        .places
        .values()
        .find(|p| p.name == "水泵房")
        .cloned()
        .expect("the demo's pump room");
    let (status, body) = import(&app, &office, "apply", "application/octet-stream", &csv_ok).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(plan(body).applied);
    wang.pull_all(&app).await;
    li.pull_all(&app).await;
    assert_eq!(wang.places.len() + li.places.len(), before + 2);
    let gate = wang
        .places
        .values()
        .find(|p| p.name == "南门岗亭")
        .expect("the new checkpoint reaches its cluster's butler");
    assert_eq!(gate.kind, PlaceKind::Checkpoint);
    assert_eq!(gate.position, Position::from_degrees(31.229, 121.47));
    assert_eq!(
        gate.template, pump_before.template,
        "a new checkpoint gets the daily patrol, as the demo's have"
    );
    let pump = &wang.places[&pump_before.id.0];
    assert_eq!(pump.location, "负一层东北角（新编号 B1-07）");
    assert_eq!(
        pump.position, pump_before.position,
        "an empty cell keeps it"
    );
    assert!(li.places.values().any(|p| p.name == "乒乓球台"));
    assert!(!wang.places.values().any(|p| p.name == "乒乓球台"));

    // The same sheet again changes nothing; the import is on the audit trail.
    let (status, body) = import(&app, &office, "apply", "application/octet-stream", &csv_ok).await;
    assert_eq!(status, StatusCode::OK);
    let again = plan(body);
    assert_eq!((again.new, again.updated, again.unchanged), (0, 0, 3));
    let trail = support::json(
        app.get("/api/v1/audit?kind=place&record=places.csv", Some(&office))
            .await,
    )
    .await;
    assert!(
        trail
            .to_string()
            .contains("导入地点表“places.csv”：新增 2，更新 1，未变 0"),
        "{trail}"
    );
}
