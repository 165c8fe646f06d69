//! Issue 12: no request, from a signed-in user or from nobody, may crash the server, exhaust
//! its memory, bloat the database or act from another site. One test a class of input that
//! broke the server on the main of 2026-12-02, through the real router on a real SQLite file;
//! after each, the server still answers and the database passes `PRAGMA integrity_check`.
//! (The peak memory of a real server process under the same inputs is measured by
//! `cargo bench -p server --bench hardening`.)

mod support;

use app::domain::checklist::{Purpose, Template};
use app::domain::RunId;
use app::estate::api::{Encoding, ImportFile, ImportReport, ImportRequest, Problem};
use app::sync::{Op, Reason, Verdict, MAX_ENTRIES_PER_RUN};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use std::collections::BTreeMap;
use std::io::Write;
use support::device::{Device, PushResult};
use support::{json, photo, put_blob, TestApp};
use uuid::Uuid;

/// The server answers and its database is whole.
async fn still_whole(app: &TestApp) {
    let res = app.get("/health", None).await;
    assert_eq!(res.status(), StatusCode::OK, "the server answers");
    let check: String = app
        .state
        .db
        .read(|c| Ok(c.query_row("PRAGMA integrity_check", [], |r| r.get(0))?))
        .await
        .expect("integrity check");
    assert_eq!(check, "ok");
}

async fn office(app: &TestApp) -> String {
    let (status, cookie, _) = app.sign_in("chenfang", "demo1234").await;
    assert_eq!(status, StatusCode::OK);
    cookie.expect("cookie")
}

async fn upload(app: &TestApp, cookie: &str, bytes: Vec<u8>) -> (StatusCode, serde_json::Value) {
    let res = app
        .send(
            Request::post("/api/v1/estate/imports?name=test.xlsx")
                .header(header::COOKIE, cookie)
                .header(header::CONTENT_TYPE, "application/octet-stream")
                .body(Body::from(bytes))
                .expect("request"),
        )
        .await;
    let status = res.status();
    (status, json(res).await)
}

fn file_problem(body: &serde_json::Value) -> Problem {
    let report: ImportReport = serde_json::from_value(body.clone()).expect("a report");
    assert_eq!(report.problems.len(), 1, "{body}");
    report.problems[0].problem.clone()
}

fn xlsx_with(cells: &[(u32, u16, &str)]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, c, text) in cells {
        sheet.write_string(*r, *c, *text).expect("cell");
    }
    book.save_to_buffer().expect("xlsx")
}

#[tokio::test]
async fn point_1_spreadsheets_are_read_from_the_cells_present_and_every_size_is_bounded() {
    let app = TestApp::new().await;
    let cookie = office(&app).await;

    // A1 and XFD1048576: the last column is far past what an import reads.
    let (status, body) = upload(
        &app,
        &cookie,
        xlsx_with(&[(0, 0, "楼栋"), (1_048_575, 16_383, "x")]),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(matches!(
        file_problem(&body),
        Problem::TooManyColumns { .. }
    ));

    // A1, B1 and Z1000000: two rows are read, not a million.
    let (status, body) = upload(
        &app,
        &cookie,
        xlsx_with(&[(0, 0, "楼栋"), (0, 1, "房号"), (999_999, 25, "3")]),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let file: ImportFile = serde_json::from_value(body).expect("file");
    assert_eq!(file.rows, 1);

    // A sheet that inflates past the budget (65 MiB of spaces, a few KB packed).
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("xl/worksheets/sheet1.xml", deflated)
        .expect("entry");
    let spaces = vec![b' '; 1024 * 1024];
    for _ in 0..65 {
        zip.write_all(&spaces).expect("write");
    }
    let bomb = zip.finish().expect("zip").into_inner();
    assert!(bomb.len() < 1024 * 1024, "packed small: {}", bomb.len());
    let (status, body) = upload(&app, &cookie, bomb).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(matches!(file_problem(&body), Problem::TooBig { .. }));

    // A CSV whose header has a hundred thousand columns, and one with a 200 KB cell, which
    // must not come back in the answer.
    let mut wide = "楼栋,房号".to_owned();
    wide.push_str(&",".repeat(100_000));
    wide.push_str("备注\n3,1201\n");
    let (status, body) = upload(&app, &cookie, wide.into_bytes()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(matches!(
        file_problem(&body),
        Problem::TooManyColumns { .. }
    ));
    let long = format!("楼栋,房号,备注\n3,1201,{}\n", "长".repeat(200_000));
    let (status, body) = upload(&app, &cookie, long.into_bytes()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        file_problem(&body),
        Problem::CellTooLong { row: 2, max: 1000 }
    );
    assert!(body.to_string().len() < 2_000, "the cell is not echoed");

    // An .xls (its reader would allocate the rectangle between the farthest cells).
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    let (status, body) = upload(&app, &cookie, ole).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(file_problem(&body), Problem::OldExcel);

    // An upload of another content type (what a form on another site can send) is refused.
    let res = app
        .send(
            Request::post("/api/v1/estate/imports?name=a.csv")
                .header(header::COOKIE, &cookie)
                .header(header::CONTENT_TYPE, "text/plain")
                .body(Body::from("楼栋,房号\n3,1201\n"))
                .expect("request"),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    still_whole(&app).await;
}

#[tokio::test]
async fn point_2_a_phone_in_exponent_form_is_never_expanded_past_twenty_digits() {
    let app = TestApp::new().await;
    let cookie = office(&app).await;
    for phone in ["1E+999999999999", "1E+18446744073709551615", "1.5E+21"] {
        let csv = format!("楼栋,单元,房号,客户姓名,联系电话\n1,1,101,测试,{phone}\n");
        let (status, body) = upload(&app, &cookie, csv.into_bytes()).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let file: ImportFile = serde_json::from_value(body).expect("file");
        let req = ImportRequest {
            encoding: Encoding::Auto,
            mapping: file.mapping.clone(),
            remove_missing: false,
        };
        // Previewed twice: the kept upload is read again each time.
        for _ in 0..2 {
            let res = app
                .post_json(
                    &format!("/api/v1/estate/imports/{}/preview", file.id),
                    serde_json::to_value(&req).expect("json"),
                    Some(&cookie),
                )
                .await;
            assert_eq!(res.status(), StatusCode::OK, "{phone}");
            let report: ImportReport = serde_json::from_value(json(res).await).expect("report");
            assert!(
                report
                    .problems
                    .iter()
                    .any(|p| matches!(p.problem, Problem::BadPhone { .. })),
                "{phone}: {:?}",
                report.problems
            );
        }
    }
    still_whole(&app).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn point_3_parallel_wrong_guesses_all_count_before_their_hash() {
    let app = std::sync::Arc::new(TestApp::new().await);
    let mut guesses = tokio::task::JoinSet::new();
    for i in 0..30 {
        let app = app.clone();
        guesses.spawn(async move {
            let (status, _, body) = app.sign_in("wangjing", &format!("guess-{i}")).await;
            (status, body["code"].as_str().unwrap_or_default().to_owned())
        });
    }
    let mut checked = 0;
    while let Some(r) = guesses.join_next().await {
        let (status, code) = r.expect("task");
        match status {
            StatusCode::UNAUTHORIZED => checked += 1,
            StatusCode::TOO_MANY_REQUESTS => assert_eq!(code, "throttled"),
            StatusCode::SERVICE_UNAVAILABLE => assert_eq!(code, "busy"),
            other => panic!("unexpected {other}"),
        }
    }
    assert!(
        checked <= server::auth::throttle::MAX_FAILURES,
        "{checked} guesses were checked; the limit is {}",
        server::auth::throttle::MAX_FAILURES
    );
    let (status, _, _) = app.sign_in("wangjing", "demo1234").await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "the username is locked"
    );
    still_whole(&app).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn point_3_a_burst_of_sign_ins_waits_its_turn_or_is_told_to_come_back() {
    let app = std::sync::Arc::new(TestApp::new().await);
    let mut burst = tokio::task::JoinSet::new();
    for i in 0..40 {
        let app = app.clone();
        burst.spawn(async move {
            let res = app
                .post_json(
                    "/api/v1/auth/sign-in",
                    serde_json::json!({ "username": format!("nobody{i}"), "password": "x" }),
                    None,
                )
                .await;
            let retry = res.headers().get(header::RETRY_AFTER).is_some();
            (res.status(), retry)
        });
    }
    while let Some(r) = burst.join_next().await {
        let (status, retry) = r.expect("task");
        assert!(
            status == StatusCode::UNAUTHORIZED
                || (status == StatusCode::SERVICE_UNAVAILABLE && retry),
            "{status}"
        );
    }
    still_whole(&app).await;
}

fn briefing(d: &Device) -> Template {
    app::domain::checklist::latest_versions(&d.templates.values().cloned().collect::<Vec<_>>())
        .into_iter()
        .find(|t| t.purpose == Purpose::Briefing)
        .cloned()
        .expect("the briefing template")
}

/// Starts a briefing and queues `n` matters of `chars` characters each.
fn briefing_with_matters(d: &mut Device, n: usize, chars: usize) -> RunId {
    let t = briefing(d);
    let run = RunId::new_v7();
    d.queue(Op::StartRun {
        id: run,
        template_version: t.version_id,
        cluster_id: d.clusters[0],
        date: app::domain::time::estate_today(chrono::Utc::now()),
        unit: None,
    });
    for i in 0..n {
        d.queue(Op::AddEntry {
            run,
            entry: Uuid::now_v7(),
            item: "briefing.security".into(),
            values: BTreeMap::from([(
                "matter".to_owned(),
                format!("{i:04}{}", "a".repeat(chars - 4)),
            )]),
            follow_up: None,
        });
    }
    run
}

/// The bytes of every copy of a record's text the server keeps: the change log, the runs and
/// follow-ups themselves, and the stored mutations.
async fn db_bytes(app: &TestApp) -> i64 {
    app.state
        .db
        .read(|c| {
            Ok(c.query_row(
                "SELECT (SELECT COALESCE(SUM(length(CAST(body AS BLOB))), 0) FROM change_log)
                      + (SELECT COALESCE(SUM(length(CAST(body AS BLOB))), 0) FROM checklist_runs)
                      + (SELECT COALESCE(SUM(length(CAST(body AS BLOB))), 0) FROM follow_ups)
                      + (SELECT COALESCE(SUM(length(CAST(mutation AS BLOB))), 0)
                         FROM mutation_outcomes)",
                [],
                |r| r.get(0),
            )?)
        })
        .await
        .expect("size")
}

#[tokio::test]
async fn point_4_an_applied_entry_is_stored_once_not_in_the_log_and_the_mutation_again() {
    let app = TestApp::new().await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    wang.pull_all(&app).await;
    let before = db_bytes(&app).await;
    let run = briefing_with_matters(&mut wang, MAX_ENTRIES_PER_RUN, 2000);
    let PushResult::Ok(res) = wang.push(&app).await else {
        panic!("push refused")
    };
    assert!(res.outcomes.iter().all(|o| o.verdict == Verdict::Applied));
    let sent = (MAX_ENTRIES_PER_RUN * 2000) as i64;
    let grown = db_bytes(&app).await - before;
    assert!(
        grown < sent * 13 / 10,
        "{grown} bytes kept for {sent} bytes of text: more than one copy"
    );
    // The one copy is what a second phone pulls.
    let mut other = Device::sign_in(&app, "wangjing").await;
    other.pull_all(&app).await;
    wang.pull_all(&app).await;
    assert_eq!(other.runs[&run.0].entries.len(), MAX_ENTRIES_PER_RUN);
    assert_eq!(other.runs[&run.0], wang.runs[&run.0]);
    still_whole(&app).await;
}

#[tokio::test]
async fn point_4_appended_entries_grow_the_change_log_by_the_record_not_its_square() {
    let app = TestApp::new().await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    wang.pull_all(&app).await;
    let before = db_bytes(&app).await;
    let run = briefing_with_matters(&mut wang, 150, 2000);
    let PushResult::Ok(res) = wang.push(&app).await else {
        panic!("push refused")
    };
    let refused: Vec<_> = res
        .outcomes
        .iter()
        .filter(|o| !matches!(o.verdict, Verdict::Applied))
        .collect();
    assert_eq!(refused.len(), 150 - MAX_ENTRIES_PER_RUN, "over the bound");
    assert!(refused.iter().all(|o| o.verdict
        == Verdict::Refused {
            reason: Reason::Invalid {
                field: "entries".into()
            }
        }));
    let grown = db_bytes(&app).await - before;
    assert!(
        grown < 400_000,
        "the server keeps {grown} bytes for one run of {MAX_ENTRIES_PER_RUN} entries"
    );
    let rows: i64 = {
        let id = run.to_string();
        app.state
            .db
            .read(move |c| {
                Ok(c.query_row(
                    "SELECT COUNT(*) FROM change_log WHERE record_id = ?1",
                    [id],
                    |r| r.get(0),
                )?)
            })
            .await
            .expect("count")
    };
    assert_eq!(rows, 1, "one change-log entry for the run");
    // The refusals wait on "needs attention", never dropped.
    let attention = app.get("/api/v1/attention", Some(&wang.cookie)).await;
    let items = json(attention).await;
    assert_eq!(
        items.as_array().map(Vec::len),
        Some(150 - MAX_ENTRIES_PER_RUN),
        "{items}"
    );
    wang.pull_all(&app).await;
    assert_eq!(wang.runs[&run.0].entries.len(), MAX_ENTRIES_PER_RUN);
    still_whole(&app).await;
}

#[tokio::test]
async fn point_4_pull_pages_are_bounded_by_bytes_and_a_large_record_travels_alone() {
    let app = TestApp::new().await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    wang.pull_all(&app).await;
    let mut runs = vec![];
    for _ in 0..4 {
        runs.push(briefing_with_matters(&mut wang, 100, 2000));
        let PushResult::Ok(_) = wang.push(&app).await else {
            panic!("push refused")
        };
    }
    let mut office = Device::sign_in(&app, "chenfang").await;
    let mut largest = 0;
    loop {
        let res = app
            .get(
                &format!("/api/v1/sync/pull?cursor={}&limit=1000", office.cursor),
                Some(&office.cookie),
            )
            .await;
        let text = support::text(res).await;
        largest = largest.max(text.len());
        let page: app::sync::PullResponse = serde_json::from_str(&text).expect("page");
        office.apply_page(&page);
        if !page.has_more {
            break;
        }
    }
    assert!(largest <= 2 * 1024 * 1024, "largest page {largest} bytes");
    for run in runs {
        assert_eq!(office.runs[&run.0].entries.len(), 100, "every run arrives");
    }
}

#[tokio::test]
async fn point_5_a_text_longer_than_a_cell_is_cut_in_the_export_with_a_marker() {
    let app = TestApp::new().await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    wang.pull_all(&app).await;
    briefing_with_matters(&mut wang, 17, 1950);
    let PushResult::Ok(_) = wang.push(&app).await else {
        panic!("push refused")
    };
    let cookie = office(&app).await;
    let res = app.get("/api/v1/patrol/register.xlsx", Some(&cookie)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let bytes = http_body_util::BodyExt::collect(res.into_body())
        .await
        .expect("body")
        .to_bytes();
    use calamine::{DataType, Reader};
    let mut book: calamine::Xlsx<_> =
        calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("xlsx");
    let cut = book.worksheets().iter().any(|(_, range)| {
        range
            .cells()
            .filter_map(|(_, _, d)| d.get_string())
            .any(|s| s.ends_with(server::export::CUT_MARKER))
    });
    assert!(cut, "a cell cut with the marker");
    still_whole(&app).await;
}

#[tokio::test]
async fn point_6_a_photo_is_not_read_by_citing_its_hash() {
    let app = TestApp::new().await;
    let li = Device::sign_in(&app, "liming").await;
    let (theirs, bytes) = photo(7);
    assert_eq!(
        put_blob(&app, &li.cookie, &theirs, bytes).await,
        StatusCode::CREATED
    );
    let mut wang = Device::sign_in(&app, "wangjing").await;
    wang.pull_all(&app).await;
    let (mine, my_bytes) = photo(9);
    assert_eq!(
        put_blob(&app, &wang.cookie, &mine, my_bytes).await,
        StatusCode::CREATED
    );
    let (not_yet, _) = photo(11);
    let (_, steal) = wang.new_follow_up("借用别人的照片", vec![theirs.clone()]);
    let (_, own) = wang.new_follow_up("自己的照片", vec![mine.clone(), not_yet]);
    wang.queue(steal);
    wang.queue(own);
    let PushResult::Ok(res) = wang.push(&app).await else {
        panic!("push refused")
    };
    assert_eq!(
        res.outcomes[0].verdict,
        Verdict::Refused {
            reason: Reason::Invalid {
                field: "photos".into()
            }
        }
    );
    assert_eq!(res.outcomes[1].verdict, Verdict::Applied);
    let stolen = app
        .get(&format!("/api/v1/blobs/{theirs}"), Some(&wang.cookie))
        .await;
    assert_eq!(stolen.status(), StatusCode::NOT_FOUND);
    let own = app
        .get(&format!("/api/v1/blobs/{mine}"), Some(&wang.cookie))
        .await;
    assert_eq!(own.status(), StatusCode::OK);
    still_whole(&app).await;
}

async fn post_from(
    app: &TestApp,
    path: &str,
    origin: Option<&str>,
    fetch_site: Option<&str>,
    cookie: Option<&str>,
    body: serde_json::Value,
) -> StatusCode {
    let mut req = Request::post(path)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::HOST, "butler.example");
    if let Some(o) = origin {
        req = req.header(header::ORIGIN, o);
    }
    if let Some(s) = fetch_site {
        req = req.header("sec-fetch-site", s);
    }
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    app.send(req.body(Body::from(body.to_string())).expect("request"))
        .await
        .status()
}

#[tokio::test]
async fn point_7_changes_from_another_site_are_refused_direct_and_behind_a_tls_proxy() {
    let app = TestApp::new().await;
    let wang = Device::sign_in(&app, "wangjing").await;
    let push = wang.push_body();
    let evil = Some("http://evil.example");
    for path in [
        "/api/v1/sync/push",
        "/api/v1/auth/sign-out",
        "/api/v1/auth/sign-in",
    ] {
        assert_eq!(
            post_from(&app, path, evil, None, Some(&wang.cookie), push.clone()).await,
            StatusCode::FORBIDDEN,
            "{path}"
        );
        assert_eq!(
            post_from(
                &app,
                path,
                None,
                Some("same-site"),
                Some(&wang.cookie),
                push.clone()
            )
            .await,
            StatusCode::FORBIDDEN,
            "{path} from a sibling subdomain"
        );
    }
    // The no-script sign-in form, posted from another site (login CSRF).
    let form = app
        .send(
            Request::post("/login")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ORIGIN, "http://evil.example")
                .header(header::HOST, "butler.example")
                .body(Body::from("username=wangjing&password=demo1234"))
                .expect("request"),
        )
        .await;
    assert_eq!(form.status(), StatusCode::FORBIDDEN);
    // The session still works: sign-out was refused.
    assert_eq!(
        app.get("/api/v1/auth/me", Some(&wang.cookie))
            .await
            .status(),
        StatusCode::OK
    );
    // This site's own page (plain http, direct).
    assert_eq!(
        post_from(
            &app,
            "/api/v1/sync/push",
            Some("http://butler.example"),
            Some("same-origin"),
            Some(&wang.cookie),
            push.clone()
        )
        .await,
        StatusCode::OK
    );

    // Behind a TLS proxy (`--secure-cookies`): the page's origin is https.
    let proxied = TestApp::with(|c| c.secure_cookies = true).await;
    let body = serde_json::json!({ "username": "wangjing", "password": "demo1234" });
    for (origin, want) in [
        ("http://butler.example", StatusCode::FORBIDDEN),
        ("https://evil.example", StatusCode::FORBIDDEN),
        ("https://butler.example", StatusCode::OK),
    ] {
        assert_eq!(
            post_from(
                &proxied,
                "/api/v1/auth/sign-in",
                Some(origin),
                None,
                None,
                body.clone()
            )
            .await,
            want,
            "{origin}"
        );
    }

    // With `--public-origin`, only that origin.
    let public =
        TestApp::with(|c| c.public_origin = Some("https://wuye.example.com/".into())).await;
    for (origin, want) in [
        ("http://butler.example", StatusCode::FORBIDDEN),
        ("https://wuye.example.com", StatusCode::OK),
    ] {
        assert_eq!(
            post_from(
                &public,
                "/api/v1/auth/sign-in",
                Some(origin),
                None,
                None,
                body.clone()
            )
            .await,
            want,
            "{origin}"
        );
    }
    still_whole(&app).await;
}

#[tokio::test]
async fn point_8_bad_sequences_dates_and_protocols_are_refused_not_failed() {
    let app = TestApp::new().await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    wang.pull_all(&app).await;

    // Sequences of zero or below.
    let (_, op) = wang.new_follow_up("序号为零", vec![]);
    let mut m = app::sync::Mutation::new(0, op);
    for seq in [0, -5] {
        m.seq = seq;
        let body = serde_json::json!({
            "protocol": app::sync::PROTOCOL_VERSION,
            "device_id": wang.device_id,
            "mutations": [m],
        });
        let res = app
            .post_json("/api/v1/sync/push", body, Some(&wang.cookie))
            .await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "seq {seq}");
    }

    // A protocol newer than the server's.
    let mut body = wang.push_body();
    body["protocol"] = 99.into();
    let res = app
        .post_json("/api/v1/sync/push", body, Some(&wang.cookie))
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let res = app
        .get("/api/v1/sync/pull?cursor=0&protocol=99", Some(&wang.cookie))
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);

    // Dates at the calendar's ends.
    let cookie = office(&app).await;
    for path in [
        "/api/v1/vacant/move-ins?date=%2B262142-12-31",
        "/api/v1/patrol/today?date=%2B262142-12-31",
        "/api/v1/visits/report?period=month&date=%2B262142-12-31",
        "/api/v1/vacant/monthly?date=-262143-01-01",
        "/api/v1/patrol/register?from=%2B262142-12-31",
    ] {
        let res = app.get(path, Some(&cookie)).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{path}");
    }

    // A replayed sequence with other content: the stored outcome, nothing applied twice.
    let (first, op) = wang.new_follow_up("第一条", vec![]);
    wang.queue(op);
    let PushResult::Ok(res) = wang.push(&app).await else {
        panic!("push refused")
    };
    let stored = res.outcomes[0].clone();
    let (_, other) = wang.new_follow_up("冒名重放", vec![]);
    let replay = app::sync::Mutation::new(stored.seq, other);
    let body = serde_json::json!({
        "protocol": app::sync::PROTOCOL_VERSION,
        "device_id": wang.device_id,
        "mutations": [replay],
    });
    let res = app
        .post_json("/api/v1/sync/push", body, Some(&wang.cookie))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let answer: app::sync::PushResponse = serde_json::from_value(json(res).await).expect("push");
    assert_eq!(answer.outcomes[0], stored);
    wang.pull_all(&app).await;
    assert!(wang.records.contains_key(&first.0));
    assert!(!wang.records.values().any(|f| f.title == "冒名重放"));
    still_whole(&app).await;
}

#[tokio::test]
async fn a_version_1_outbox_over_a_new_bound_is_refused_with_its_reason_and_listed() {
    let app = TestApp::new().await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    wang.pull_all(&app).await;
    briefing_with_matters(&mut wang, MAX_ENTRIES_PER_RUN + 1, 10);
    let mut body = wang.push_body();
    body["protocol"] = 1.into();
    let res = app
        .post_json("/api/v1/sync/push", body, Some(&wang.cookie))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let answer: app::sync::PushResponse = serde_json::from_value(json(res).await).expect("push");
    let last = answer.outcomes.last().expect("outcomes");
    assert_eq!(
        last.verdict,
        Verdict::Refused {
            reason: Reason::Invalid {
                field: "entries".into()
            }
        }
    );
    let items = json(app.get("/api/v1/attention", Some(&wang.cookie)).await).await;
    assert_eq!(items.as_array().map(Vec::len), Some(1), "{items}");
}
