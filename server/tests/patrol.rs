//! Patrol rounds and photos (issue 4) through the real router on a real SQLite file: photo
//! uploads (retried, wrong hash, another cluster's), a template edited while a round is under
//! way, the register and its .xlsx, the today board, and who may do what.

mod support;

use app::domain::checklist::{Answer, BoardState, Purpose, Template};
use app::domain::follow_up::{FollowUpId, Origin};
use app::domain::{Department, RunId};
use app::patrol::api::{RegisterRow, RunDetail, TemplateDraft, TodayBoard};
use app::sync::{Op, Reason, Verdict};
use axum::http::{header, StatusCode};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use support::device::{Device, PushResult};
use support::{json, photo, put_blob, TestApp};
use uuid::Uuid;

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    app.state
        .db
        .read(move |c| Ok(c.query_row(sql, [], |r| r.get(0))?))
        .await
        .expect("count")
}

fn template(d: &Device, purpose: Purpose) -> Template {
    app::domain::checklist::latest_versions(&d.templates.values().cloned().collect::<Vec<_>>())
        .into_iter()
        .find(|t| t.purpose == purpose)
        .cloned()
        .expect("a template for the purpose")
}

fn today() -> chrono::NaiveDate {
    app::domain::time::estate_today(chrono::Utc::now())
}

fn applied(r: PushResult) -> app::sync::PushResponse {
    match r {
        PushResult::Ok(r) => {
            for o in &r.outcomes {
                assert_eq!(o.verdict, Verdict::Applied, "{o:?}");
            }
            r
        }
        PushResult::Status(s, b) => panic!("push failed: {s} {b}"),
    }
}

fn pass(run: RunId, item: &str) -> Op {
    Op::RecordItem {
        run,
        item: item.into(),
        answer: Answer::Pass,
        note: String::new(),
        photos: vec![],
        follow_up: None,
    }
}

/// Starts a round on `t` and passes every required item but the ones in `skip`.
fn round(d: &mut Device, t: &Template, skip: &[&str]) -> RunId {
    let run = RunId::new_v7();
    d.queue(Op::StartRun {
        id: run,
        template_version: t.version_id,
        cluster_id: d.clusters[0],
        date: today(),
        unit: None,
    });
    for item in t
        .items()
        .filter(|i| i.required && !skip.contains(&i.key.as_str()))
    {
        d.queue(pass(run, &item.key));
    }
    run
}

#[tokio::test]
async fn an_interrupted_photo_upload_retried_stores_one_blob() {
    let app = TestApp::new().await;
    let butler = Device::sign_in(&app, "wangjing").await;
    let (sha, bytes) = photo(7);
    // The connection broke half-way: the server got a truncated body, which does not match
    // the name and is refused without leaving anything behind.
    let half = bytes[..bytes.len() / 2].to_vec();
    assert_eq!(
        put_blob(&app, &butler.cookie, &sha, half).await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM blobs").await, 0);
    assert_eq!(
        put_blob(&app, &butler.cookie, &sha, bytes.clone()).await,
        StatusCode::CREATED
    );
    // The answer was lost and the phone sends it again: still one blob.
    assert_eq!(
        put_blob(&app, &butler.cookie, &sha, bytes.clone()).await,
        StatusCode::OK
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM blobs").await, 1);
    let dir = server::blobs::blob_dir(&app.state).join(&sha[..2]);
    let files: Vec<_> = std::fs::read_dir(&dir)
        .expect("blob folder")
        .filter_map(Result::ok)
        .collect();
    assert_eq!(files.len(), 1, "one file, no leftovers");
    let res = app
        .get(&format!("/api/v1/blobs/{sha}"), Some(&butler.cookie))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "image/jpeg");
}

#[tokio::test]
async fn a_wrong_hash_a_bad_name_or_not_a_photo_is_refused() {
    let app = TestApp::new().await;
    let butler = Device::sign_in(&app, "wangjing").await;
    let (_, bytes) = photo(3);
    let (other_sha, _) = photo(5);
    assert_eq!(
        put_blob(&app, &butler.cookie, &other_sha, bytes.clone()).await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        put_blob(&app, &butler.cookie, "not-a-hash", bytes).await,
        StatusCode::BAD_REQUEST
    );
    let text = b"hello, not a photo".to_vec();
    let sha: String = Sha256::digest(&text)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        put_blob(&app, &butler.cookie, &sha, text).await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    let (sha, bytes) = photo(9);
    assert_eq!(
        put_blob(&app, "butler_session=nope", &sha, bytes).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM blobs").await, 0);
}

#[tokio::test]
async fn a_user_of_another_cluster_cannot_fetch_the_photo() {
    let app = TestApp::new().await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    let li = Device::sign_in(&app, "liming").await;
    let guard = Device::sign_in(&app, "zhouyong").await;
    let repairer = Device::sign_in(&app, "zhaoqiang").await;
    let office = Device::sign_in(&app, "chenfang").await;
    wang.pull_all(&app).await;
    let t = template(&wang, Purpose::Patrol);
    let (sha, bytes) = photo(11);
    assert_eq!(
        put_blob(&app, &wang.cookie, &sha, bytes).await,
        StatusCode::CREATED
    );
    let run = round(&mut wang, &t, &["facilities.intact"]);
    let follow_up = FollowUpId(Uuid::now_v7());
    wang.queue(Op::CreateFollowUp {
        id: follow_up,
        cluster_id: wang.clusters[0],
        place: "3号楼东侧".into(),
        source: "组团日常巡视".into(),
        title: "井盖松动".into(),
        department: Department::Engineering,
        due_date: None,
        origin: Some(Origin {
            run,
            purpose: Purpose::Patrol,
            item: "facilities.intact".into(),
            entry: None,
            label: None,
        }),
        photos: vec![sha.clone()],
        household: None,
        facility: None,
    });
    wang.queue(Op::RecordItem {
        run,
        item: "facilities.intact".into(),
        answer: Answer::Fail,
        note: "井盖松动".into(),
        photos: vec![sha.clone()],
        follow_up: Some(follow_up),
    });
    applied(wang.push(&app).await);
    let path = format!("/api/v1/blobs/{sha}");
    let status = |cookie: String| {
        let app = &app;
        let path = path.clone();
        async move { app.get(&path, Some(&cookie)).await.status() }
    };
    assert_eq!(status(li.cookie.clone()).await, StatusCode::NOT_FOUND);
    assert_eq!(
        status(guard.cookie.clone()).await,
        StatusCode::NOT_FOUND,
        "security has no record showing it"
    );
    assert_eq!(
        status(repairer.cookie.clone()).await,
        StatusCode::OK,
        "engineering's follow-up shows it"
    );
    assert_eq!(status(office.cookie.clone()).await, StatusCode::OK);
    assert_eq!(status(wang.cookie.clone()).await, StatusCode::OK);
}

#[tokio::test]
async fn a_template_edited_while_a_round_is_in_progress_finishes_on_its_own_version() {
    let app = TestApp::new().await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    let office = Device::sign_in(&app, "chenfang").await;
    wang.pull_all(&app).await;
    let v1 = template(&wang, Purpose::NoticeBoard);
    // The round starts offline on version 1 and answers half of it.
    let run = RunId::new_v7();
    wang.queue(Op::StartRun {
        id: run,
        template_version: v1.version_id,
        cluster_id: wang.clusters[0],
        date: today(),
        unit: None,
    });
    wang.queue(pass(run, "board.expired"));
    applied(wang.push(&app).await);

    // Meanwhile the office adds a required item and drops one.
    let mut draft = TemplateDraft::of(&v1);
    draft.sections[0].items.retain(|i| i.key != "board.tidy");
    draft.sections[0].items.push(app::domain::checklist::Item {
        key: "board.qr".into(),
        label: "公告栏二维码可扫".into(),
        kind: app::domain::checklist::ItemKind::Check,
        required: true,
        department: None,
    });
    let res = app
        .post_json(
            "/api/v1/templates",
            serde_json::to_value(&draft).expect("json"),
            Some(&office.cookie),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let v2: Template = serde_json::from_value(json(res).await).expect("template");
    assert_eq!((v2.id, v2.version), (v1.id, 2));
    // The new version is on the template's change history.
    let res = app
        .get(
            &format!("/api/v1/audit?kind=template&record={}", v2.id),
            Some(&office.cookie),
        )
        .await;
    let trail = json(res).await;
    assert_eq!(trail[0]["action"], "publish", "{trail}");
    assert_eq!(trail[0]["source"], "office");

    // The round finishes on version 1's items.
    for item in ["board.tidy", "facility.clean", "facility.intact"] {
        wang.queue(pass(run, item));
    }
    wang.queue(Op::FinishRun { run });
    applied(wang.push(&app).await);
    wang.pull_all(&app).await;
    let done = &wang.runs[&run.0];
    assert_eq!(done.version_no, 1);
    assert!(done.finished_at.is_some());
    assert_eq!(done.results.len(), 4);
    // A new round starts on version 2 and cannot finish without the new item.
    assert_eq!(template(&wang, Purpose::NoticeBoard).version, 2);
    let next = round(&mut wang, &v2, &["board.qr"]);
    wang.queue(Op::FinishRun { run: next });
    let PushResult::Ok(r) = wang.push(&app).await else {
        panic!("push")
    };
    assert_eq!(
        r.outcomes.last().map(|o| o.verdict.clone()),
        Some(Verdict::Refused {
            reason: Reason::Incomplete {
                items: vec!["board.qr".into()]
            }
        })
    );
}

#[tokio::test]
async fn the_register_filters_exports_and_shows_a_run_with_its_follow_ups() {
    let app = TestApp::new().await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    let mut li = Device::sign_in(&app, "liming").await;
    let office = Device::sign_in(&app, "chenfang").await;
    wang.pull_all(&app).await;
    li.pull_all(&app).await;
    let patrol = template(&wang, Purpose::Patrol);
    let run = round(&mut wang, &patrol, &["security.hazards"]);
    let follow_up = FollowUpId(Uuid::now_v7());
    wang.queue(Op::CreateFollowUp {
        id: follow_up,
        cluster_id: wang.clusters[0],
        place: "地下车库".into(),
        source: "组团日常巡视".into(),
        title: "消防通道堆放杂物".into(),
        department: Department::Security,
        due_date: None,
        origin: Some(Origin {
            run,
            purpose: Purpose::Patrol,
            item: "security.hazards".into(),
            entry: None,
            label: None,
        }),
        photos: vec![],
        household: None,
        facility: None,
    });
    wang.queue(Op::RecordItem {
        run,
        item: "security.hazards".into(),
        answer: Answer::Fail,
        note: "消防通道堆放杂物".into(),
        photos: vec![],
        follow_up: Some(follow_up),
    });
    wang.queue(Op::FinishRun { run });
    applied(wang.push(&app).await);
    li_round(&mut li, &app).await;

    // Today's (the demo's past holds two weeks of patrols, without findings).
    let rows: Vec<RegisterRow> = serde_json::from_value(
        json(
            app.get(
                &format!("/api/v1/patrol/register?from={}", today()),
                Some(&office.cookie),
            )
            .await,
        )
        .await,
    )
    .expect("rows");
    assert_eq!(rows.len(), 3, "one of Wang's, two of Li's");
    // The demo's past: each butler's daily patrol of the last two weeks, finished, with a
    // check-in at each of the cluster's three checkpoints — some typed, two doubtful (one
    // too fast, one far from the place).
    let past: Vec<RegisterRow> = serde_json::from_value(
        json(
            app.get(
                &format!(
                    "/api/v1/patrol/register?to={}",
                    today() - chrono::Duration::days(1)
                ),
                Some(&office.cookie),
            )
            .await,
        )
        .await,
    )
    .expect("rows");
    assert!(
        !past.is_empty() && past.len().is_multiple_of(14),
        "{}",
        past.len()
    );
    assert!(past
        .iter()
        .all(|r| r.finished_at.is_some() && r.scans == 3 && r.failures == 0));
    assert!(past.iter().any(|r| r.scans_typed > 0));
    assert_eq!(past.iter().map(|r| r.scans_doubtful).sum::<u32>(), 2);
    let failing: Vec<RegisterRow> = serde_json::from_value(
        json(
            app.get(
                "/api/v1/patrol/register?failures=true",
                Some(&office.cookie),
            )
            .await,
        )
        .await,
    )
    .expect("rows");
    assert_eq!(failing.len(), 1);
    assert_eq!(failing[0].run, run);
    assert_eq!((failing[0].failures, failing[0].follow_ups), (1, 1));
    let by_cluster: Vec<RegisterRow> = serde_json::from_value(
        json(
            app.get(
                &format!(
                    "/api/v1/patrol/register?cluster={}&from={}",
                    li.clusters[0],
                    today()
                ),
                Some(&office.cookie),
            )
            .await,
        )
        .await,
    )
    .expect("rows");
    assert_eq!(by_cluster.len(), 2);
    assert!(by_cluster.iter().all(|r| r.run != run));

    let detail: RunDetail = serde_json::from_value(
        json(
            app.get(&format!("/api/v1/patrol/runs/{run}"), Some(&office.cookie))
                .await,
        )
        .await,
    )
    .expect("detail");
    assert_eq!(detail.follow_ups.len(), 1);
    assert_eq!(detail.follow_ups[0].department, Department::Security);
    assert_eq!(
        detail.follow_ups[0].origin.as_ref().map(|o| o.run),
        Some(run)
    );

    // The export holds the run, its finding and its note.
    let res = app
        .get("/api/v1/patrol/register.xlsx", Some(&office.cookie))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let bytes = http_body_util::BodyExt::collect(res.into_body())
        .await
        .expect("body")
        .to_bytes();
    use calamine::Reader;
    let mut book =
        calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("an xlsx workbook");
    let sheet = book
        .worksheet_range("组团巡查登记表")
        .expect("register sheet");
    let cells: Vec<String> = sheet.cells().map(|(_, _, c)| c.to_string()).collect();
    assert!(cells.contains(&"组团日常巡视".to_string()));
    assert!(cells.contains(&"登记号".to_string()));
    // No record id in a register: a run is named by its line (登记号), repeated in the detail.
    assert!(!cells.contains(&run.to_string()));
    assert!(
        cells.iter().all(|c| uuid::Uuid::parse_str(c).is_err()),
        "no UUID in the register: {cells:?}"
    );
    let detail_sheet = book.worksheet_range("检查明细").expect("detail sheet");
    let cells: Vec<String> = detail_sheet
        .cells()
        .map(|(_, _, c)| c.to_string())
        .collect();
    assert!(cells.contains(&"消防通道堆放杂物".to_string()));
    assert!(cells.contains(&"不合格".to_string()));
    assert!(cells.iter().all(|c| uuid::Uuid::parse_str(c).is_err()));
    assert!(
        cells.contains(&"1".to_string()),
        "the detail names the run by its line"
    );

    // Butlers and department staff have no register.
    for who in [
        &wang.cookie,
        &Device::sign_in(&app, "zhaoqiang").await.cookie,
    ] {
        let res = app.get("/api/v1/patrol/register", Some(who)).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        let res = app.get("/api/v1/patrol/register.xlsx", Some(who)).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
    }
}

/// Li starts the patrol and the notice-board check, finishing only the latter.
async fn li_round(li: &mut Device, app: &TestApp) -> RunId {
    let patrol = template(li, Purpose::Patrol);
    let board = template(li, Purpose::NoticeBoard);
    let _unfinished = round(li, &patrol, &["duty.state"]);
    let done = round(li, &board, &[]);
    li.queue(Op::FinishRun { run: done });
    applied(li.push(app).await);
    done
}

#[tokio::test]
async fn the_today_board_counts_from_the_schedules() {
    let app = TestApp::new().await;
    let mut li = Device::sign_in(&app, "liming").await;
    let office = Device::sign_in(&app, "chenfang").await;
    li.pull_all(&app).await;
    li_round(&mut li, &app).await;
    let board: TodayBoard = serde_json::from_value(
        json(app.get("/api/v1/patrol/today", Some(&office.cookie)).await).await,
    )
    .expect("board");
    assert_eq!(board.date, today());
    let count = |state| board.lines.iter().filter(|l| l.state == state).count();
    // Two clusters × three daily templates.
    assert_eq!(board.lines.len(), 6);
    assert_eq!(count(BoardState::Done), 1);
    assert_eq!(count(BoardState::InProgress), 1);
    assert_eq!(count(BoardState::NotStarted), 4);
    let li_lines: Vec<_> = board
        .lines
        .iter()
        .filter(|l| l.cluster_id == li.clusters[0])
        .map(|l| (l.template_name.as_str(), l.state))
        .collect();
    assert!(li_lines.contains(&("公告栏及文体设施检查", BoardState::Done)));
    assert!(li_lines.contains(&("组团日常巡视", BoardState::InProgress)));
    // Tomorrow nothing is started.
    let tomorrow = today().succ_opt().expect("tomorrow");
    let board: TodayBoard = serde_json::from_value(
        json(
            app.get(
                &format!("/api/v1/patrol/today?date={tomorrow}"),
                Some(&office.cookie),
            )
            .await,
        )
        .await,
    )
    .expect("board");
    assert!(board
        .lines
        .iter()
        .all(|l| l.state == BoardState::NotStarted));
}

#[tokio::test]
async fn only_the_office_publishes_templates_and_a_bad_draft_changes_nothing() {
    let app = TestApp::new().await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    let office = Device::sign_in(&app, "chenfang").await;
    wang.pull_all(&app).await;
    let t = template(&wang, Purpose::Patrol);
    let draft = serde_json::to_value(TemplateDraft::of(&t)).expect("json");
    let res = app
        .post_json("/api/v1/templates", draft.clone(), Some(&wang.cookie))
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let mut bad = TemplateDraft::of(&t);
    bad.sections[0].items[1].key = bad.sections[0].items[0].key.clone();
    let res = app
        .post_json(
            "/api/v1/templates",
            serde_json::to_value(&bad).expect("json"),
            Some(&office.cookie),
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(json(res).await["field"], "sections.0.items.1.key");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM checklist_templates").await,
        4,
        "the standard four, unchanged"
    );
}

#[tokio::test]
async fn briefing_matters_become_follow_ups_linked_both_ways() {
    let app = TestApp::new().await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    wang.pull_all(&app).await;
    let t = template(&wang, Purpose::Briefing);
    let run = RunId::new_v7();
    wang.queue(Op::StartRun {
        id: run,
        template_version: t.version_id,
        cluster_id: wang.clusters[0],
        date: today(),
        unit: None,
    });
    let mut handed = vec![];
    for (item, matter, dept) in [
        (
            "briefing.security",
            "夜间 3 号门道闸故障",
            Department::Security,
        ),
        (
            "briefing.cleaning",
            "2 号楼电梯厅有呕吐物",
            Department::Cleaning,
        ),
    ] {
        let entry = Uuid::now_v7();
        let follow_up = FollowUpId(Uuid::now_v7());
        handed.push(follow_up);
        wang.queue(Op::CreateFollowUp {
            id: follow_up,
            cluster_id: wang.clusters[0],
            place: "组团".into(),
            source: t.name.clone(),
            title: matter.into(),
            department: dept,
            due_date: None,
            origin: Some(Origin {
                run,
                purpose: Purpose::Briefing,
                item: item.into(),
                entry: Some(entry),
                label: None,
            }),
            photos: vec![],
            household: None,
            facility: None,
        });
        wang.queue(Op::AddEntry {
            run,
            entry,
            item: item.into(),
            values: BTreeMap::from([("matter".to_owned(), matter.to_owned())]),
            follow_up: Some(follow_up),
        });
    }
    for item in [
        "briefing.engineering",
        "briefing.landscaping",
        "briefing.monitoring",
        "briefing.service",
    ] {
        wang.queue(pass(run, item));
    }
    wang.queue(Op::FinishRun { run });
    applied(wang.push(&app).await);
    wang.pull_all(&app).await;
    let r = &wang.runs[&run.0];
    assert_eq!(r.entries.len(), 2);
    assert_eq!(r.follow_ups(), handed);
    for f in &handed {
        let f = &wang.records[&f.0];
        assert_eq!(
            f.origin.as_ref().map(|o| (o.run, o.purpose)),
            Some((run, Purpose::Briefing))
        );
    }
}

#[tokio::test]
async fn a_rounds_change_history_tells_each_answer_by_its_items_label_in_words() {
    use app::estate::audit::{AuditChange, AuditEntry};
    use app::i18n::Lang;
    let app = TestApp::new().await;
    let mut li = Device::sign_in(&app, "wangjing").await;
    li.pull_all(&app).await;
    let t = template(&li, Purpose::Patrol);
    let run = round(&mut li, &t, &[]);
    let first = t
        .items()
        .find(|i| i.required)
        .expect("a required item")
        .clone();
    li.queue(Op::RecordItem {
        run,
        item: first.key.clone(),
        answer: Answer::Fail,
        note: "门禁损坏".into(),
        photos: vec![],
        follow_up: None,
    });
    applied(li.push(&app).await);
    let (_, office, _) = app.sign_in("chenfang", "demo1234").await;
    let office = office.expect("cookie");
    let res = app
        .get(
            &format!("/api/v1/audit?kind=run&record={run}"),
            Some(&office),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let trail: Vec<AuditEntry> = serde_json::from_value(json(res).await).expect("ok");
    let answers: Vec<&AuditEntry> = trail.iter().filter(|e| e.action == "record_item").collect();
    assert!(!answers.is_empty());
    for e in &answers {
        let Some(AuditChange::Answer { item, .. }) = &e.change else {
            panic!("an answer kept as data: {e:?}");
        };
        assert!(
            t.items().any(|i| &i.label == item),
            "{item} is an item's label"
        );
        assert!(!e.detail_text(Lang::ZhCn).contains("Pass"));
        for lang in [Lang::ZhCn, Lang::En] {
            let text = e.detail_text(lang);
            assert!(
                !text.contains(&first.key) && !text.contains('.'),
                "no item key: {text}"
            );
            assert!(
                !text.contains("Text(") && !text.contains('"'),
                "no code: {text}"
            );
        }
    }
    let last = answers.last().expect("the failure");
    assert_eq!(
        last.detail_text(Lang::ZhCn),
        format!("{}：不合格 · 门禁损坏", first.label)
    );
    assert!(answers[0].detail_text(Lang::ZhCn).ends_with("：合格"));
    assert!(answers[0].detail_text(Lang::En).ends_with(": Pass"));
    assert!(
        trail.iter().all(|e| e.device == Some(li.device_id)),
        "every entry names the phone"
    );
}

#[tokio::test]
async fn a_round_that_must_check_in_at_its_places_is_not_finished_without_them() {
    use app::domain::checklist::Scan;
    let app = TestApp::new().await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    let office = Device::sign_in(&app, "chenfang").await;
    wang.pull_all(&app).await;
    let v1 = template(&wang, Purpose::Patrol);
    let mut draft = TemplateDraft::of(&v1);
    draft.scans_required = true;
    let res = app
        .post_json(
            "/api/v1/templates",
            serde_json::to_value(&draft).expect("json"),
            Some(&office.cookie),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    wang.pull_all(&app).await;
    let v2 = template(&wang, Purpose::Patrol);
    assert!(v2.scans_required);
    // The demo's three checkpoints in 王静's cluster name the daily patrol.
    let mut checkpoints: Vec<_> = wang
        .places
        .values()
        .filter(|p| p.cluster_id == wang.clusters[0] && p.template == Some(v2.id))
        .cloned()
        .collect();
    checkpoints.sort_by(|a, b| a.name.cmp(&b.name));
    assert_eq!(checkpoints.len(), 3);
    let scan = |run, place: &app::domain::place::Place| Op::RecordScan {
        run,
        scan: Scan {
            id: uuid::Uuid::now_v7(),
            place: place.id,
            at: chrono::Utc::now(),
            typed: true,
            position: None,
        },
    };
    // Every item answered, two of the three checked in: refused, naming the third.
    let run = round(&mut wang, &v2, &[]);
    wang.queue(scan(run, &checkpoints[0]));
    wang.queue(scan(run, &checkpoints[1]));
    wang.queue(Op::FinishRun { run });
    let PushResult::Ok(r) = wang.push(&app).await else {
        panic!("push")
    };
    assert_eq!(
        r.outcomes.last().map(|o| o.verdict.clone()),
        Some(Verdict::Refused {
            reason: Reason::Incomplete {
                items: vec![format!(
                    "{}{}",
                    app::sync::run::UNSCANNED_PREFIX,
                    checkpoints[2].id
                )]
            }
        })
    );
    // The third checked in: finished.
    wang.queue(scan(run, &checkpoints[2]));
    wang.queue(Op::FinishRun { run });
    applied(wang.push(&app).await);
    wang.pull_all(&app).await;
    assert!(wang.runs[&run.0].finished_at.is_some());
    assert_eq!(wang.runs[&run.0].scans.len(), 3);
}
