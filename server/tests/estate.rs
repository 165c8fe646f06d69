//! Estate imports (issue 7) through the real router on a real SQLite file: a generated
//! 5,000-row .xlsx (phones stored as floats, a room number Excel turned into a date) and a GBK
//! CSV import correctly; importing the same file again changes nothing; a file with bad rows is
//! reported row by row and changes nothing; only the office and admins import; imported units
//! reach the butler's phone; an import that overwrites a butler's newer correction still
//! applies, keeps both values and goes on "needs attention"; the audit trail of a unit.

mod support;

use app::domain::household::SharedField;
use app::domain::unit::Occupancy;
use app::estate::api::{Encoding, Field, ImportFile, ImportReport, ImportRequest, Problem};
use app::estate::audit::{AuditEntry, AuditSource};
use app::sync::{Op, Reason, Verdict};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use support::device::{Device, PushResult};
use support::{json, TestApp};
use uuid::Uuid;

async fn cookie(app: &TestApp, who: &str) -> String {
    let (status, cookie, _) = app.sign_in(who, "demo1234").await;
    assert_eq!(status, StatusCode::OK, "{who}");
    cookie.expect("cookie")
}

async fn upload_raw(
    app: &TestApp,
    cookie: &str,
    name: &str,
    bytes: Vec<u8>,
) -> (StatusCode, serde_json::Value) {
    let res = app
        .send(
            Request::post(format!("/api/v1/estate/imports?name={name}"))
                .header(header::COOKIE, cookie)
                .header(header::CONTENT_TYPE, "application/octet-stream")
                .body(Body::from(bytes))
                .expect("request"),
        )
        .await;
    let status = res.status();
    (status, json(res).await)
}

async fn upload(app: &TestApp, cookie: &str, name: &str, bytes: Vec<u8>) -> ImportFile {
    let (status, body) = upload_raw(app, cookie, name, bytes).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_value(body).expect("import file")
}

async fn step(
    app: &TestApp,
    cookie: &str,
    file: &ImportFile,
    what: &str,
    req: &ImportRequest,
) -> (StatusCode, ImportReport) {
    let res = app
        .post_json(
            &format!("/api/v1/estate/imports/{}/{what}", file.id),
            serde_json::to_value(req).expect("json"),
            Some(cookie),
        )
        .await;
    let status = res.status();
    let body = json(res).await;
    (
        status,
        serde_json::from_value(body.clone()).unwrap_or_else(|e| panic!("{e}: {body}")),
    )
}

fn request(file: &ImportFile) -> ImportRequest {
    ImportRequest {
        encoding: Encoding::Auto,
        mapping: file.mapping.clone(),
        remove_missing: false,
    }
}

fn db(app: &TestApp) -> rusqlite::Connection {
    rusqlite::Connection::open(app.state.db.path()).expect("open")
}

fn count(app: &TestApp, sql: &str) -> i64 {
    db(app).query_row(sql, [], |r| r.get(0)).expect(sql)
}

/// Everything an import could change, as one fingerprint.
fn fingerprint(app: &TestApp) -> Vec<i64> {
    [
        "SELECT COUNT(*) FROM clusters",
        "SELECT COUNT(*) FROM buildings",
        "SELECT COUNT(*) FROM entrances",
        "SELECT COUNT(*) FROM units",
        "SELECT COUNT(*) FROM units WHERE removed_at IS NOT NULL",
        "SELECT COUNT(*) FROM households",
        "SELECT COUNT(*) FROM households WHERE removed_at IS NOT NULL",
        "SELECT COUNT(*) FROM household_changes",
        "SELECT COUNT(*) FROM occupancy_changes",
        "SELECT COALESCE(MAX(seq), 0) FROM change_log",
        "SELECT COUNT(*) FROM mutation_outcomes",
    ]
    .iter()
    .map(|sql| count(app, sql))
    .collect()
}

/// 5,000 units in ten new buildings of a new cluster, one household each: phones written as
/// numbers (Excel keeps 13812345678.0), and the shop "1-12" of building 101 written as the
/// date Excel makes of it.
fn big_xlsx() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let headers = [
        "组团",
        "楼栋",
        "单元",
        "房号",
        "建筑面积",
        "业主姓名",
        "身份",
        "联系电话",
        "通讯地址",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("ok");
    }
    let date = rust_xlsxwriter::Format::new().set_num_format("m月d日");
    let mut row = 1u32;
    for b in 101..=110 {
        for e in 1..=2 {
            for floor in 1..=25 {
                for r in 1..=10 {
                    let room = format!("{floor}{r:02}");
                    sheet.write_string(row, 0, "南区组团").expect("ok");
                    sheet.write_number(row, 1, b as f64).expect("ok");
                    sheet.write_number(row, 2, e as f64).expect("ok");
                    if b == 101 && e == 1 && floor == 1 && r == 1 {
                        // Typed "1-12", stored by Excel as 12 January.
                        let d = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 1, 12).expect("ok");
                        sheet
                            .write_datetime_with_format(row, 3, &d, &date)
                            .expect("ok");
                    } else {
                        sheet.write_string(row, 3, &room).expect("ok");
                    }
                    sheet
                        .write_number(row, 4, 80.0 + (r as f64) / 2.0)
                        .expect("ok");
                    sheet
                        .write_string(row, 5, format!("住户{b}{e}{room}"))
                        .expect("ok");
                    sheet
                        .write_string(row, 6, if r % 4 == 0 { "租户" } else { "业主" })
                        .expect("ok");
                    let phone = 13_900_000_000u64 + u64::from(row);
                    sheet.write_number(row, 7, phone as f64).expect("ok");
                    sheet
                        .write_string(row, 8, format!("南区{b}栋{e}单元{room}"))
                        .expect("ok");
                    row += 1;
                }
            }
        }
    }
    book.save_to_buffer().expect("ok")
}

#[tokio::test]
async fn a_5000_row_xlsx_and_a_gbk_csv_import_correctly_and_importing_again_changes_nothing() {
    let app = TestApp::new().await;
    let office = cookie(&app, "chenfang").await;
    let bytes = big_xlsx();
    let file = upload(&app, &office, "estate.xlsx", bytes.clone()).await;
    assert_eq!(file.rows, 5000);
    assert_eq!(file.encoding, None);
    assert_eq!(
        file.mapping,
        vec![
            Some(Field::Cluster),
            Some(Field::Building),
            Some(Field::Entrance),
            Some(Field::Room),
            Some(Field::Area),
            Some(Field::Name),
            Some(Field::Relation),
            Some(Field::Phone),
            Some(Field::MailingAddress),
        ]
    );
    // The sample shows what was read: the phone without ".0".
    assert_eq!(file.sample[1][7], "13900000002");

    let before = fingerprint(&app);
    let (status, preview) = step(&app, &office, &file, "preview", &request(&file)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        preview.problems.is_empty(),
        "{:?}",
        &preview.problems[..3.min(preview.problems.len())]
    );
    assert_eq!(preview.counts.units_new, 5000);
    assert_eq!(preview.counts.households_new, 5000);
    assert_eq!(preview.counts.clusters_new, 1);
    assert_eq!(preview.counts.buildings_new, 10);
    assert_eq!(fingerprint(&app), before, "a preview changes nothing");

    let (status, done) = step(&app, &office, &file, "apply", &request(&file)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(done.applied);
    assert_eq!(
        done.counts, preview.counts,
        "the preview said what the import did"
    );
    let conn = db(&app);
    let (room, floor, phone): (String, i64, String) = conn
        .query_row(
            "SELECT u.room, u.floor, h.phone FROM units u
             JOIN entrances e ON e.id = u.entrance_id JOIN buildings b ON b.id = e.building_id
             JOIN households h ON h.unit_id = u.id
             WHERE b.code = '101' AND e.code = '1' AND h.name = '住户1011101'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("the date-mangled unit");
    assert_eq!(
        (room.as_str(), floor),
        ("1-12", 1),
        "the date is the code typed"
    );
    assert_eq!(phone, "13900000001", "the float phone is the number");
    let tenants = count(
        &app,
        "SELECT COUNT(*) FROM households h JOIN units u ON u.id = h.unit_id
         JOIN entrances e ON e.id = u.entrance_id JOIN buildings b ON b.id = e.building_id
         WHERE LENGTH(b.code) = 3 AND h.relation = 'tenant'",
    );
    assert_eq!(tenants, 10 * 2 * 25 * 2);
    // New units with a household are occupied.
    let occupied = count(
        &app,
        "SELECT COUNT(*) FROM occupancy_changes WHERE source = 'import' AND state = 'occupied'",
    );
    assert_eq!(occupied, 5000);

    // The same file again: nothing changes, not even the change log.
    let after = fingerprint(&app);
    let again = upload(&app, &office, "estate.xlsx", bytes).await;
    let (status, report) = step(&app, &office, &again, "apply", &request(&again)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(report.counts.units_unchanged, 5000);
    assert_eq!(report.counts.households_unchanged, 5000);
    assert_eq!(report.counts.units_new + report.counts.units_changed, 0);
    assert_eq!(
        report.counts.households_new + report.counts.households_changed,
        0
    );
    assert_eq!(fingerprint(&app), after);

    // A CSV saved by Excel in GBK, into an existing cluster's building: Chinese names intact.
    let csv = "楼栋,单元,房号,客户姓名,身份,手机,房屋状态\n\
               1,1,2001,欧阳娜娜,业主,13712345678,已入住\n\
               1,1,2002,司马光,租户,1.3712345679E+10,空置\n";
    let (gbk, _, bad) = encoding_rs::GBK.encode(csv);
    assert!(!bad);
    let file = upload(&app, &office, "补录.csv", gbk.into_owned()).await;
    assert_eq!(file.encoding, Some(Encoding::Gbk));
    assert_eq!(file.headers[3], "客户姓名");
    let (status, report) = step(&app, &office, &file, "apply", &request(&file)).await;
    assert_eq!(status, StatusCode::OK, "{:?}", report.problems);
    assert_eq!(report.counts.units_new, 2);
    assert_eq!(report.counts.households_new, 2);
    let (name, phone): (String, String) = db(&app)
        .query_row(
            "SELECT name, phone FROM households WHERE name = '司马光'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("imported from GBK");
    assert_eq!((name.as_str(), phone.as_str()), ("司马光", "13712345679"));
    let vacant: String = db(&app)
        .query_row(
            "SELECT o.state FROM occupancy_changes o JOIN units u ON u.id = o.unit_id
             JOIN entrances e ON e.id = u.entrance_id JOIN buildings b ON b.id = e.building_id
             WHERE b.code = '1' AND e.code = '1' AND u.room = '2002' AND o.source = 'import'",
            [],
            |r| r.get(0),
        )
        .expect("state");
    assert_eq!(vacant, "vacant", "the file's state wins over the default");

    // The list of imports, newest first, with what each did.
    let res = app
        .get("/api/v1/estate/imports/recent", Some(&office))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let recent: Vec<app::estate::api::ImportSummary> =
        serde_json::from_value(json(res).await).expect("recent");
    assert_eq!(recent.len(), 3);
    assert_eq!(recent[0].file_name, "补录.csv");
    assert_eq!(recent[0].uploaded_by, "陈芳");
    assert!(recent.iter().all(|i| i.applied_at.is_some()));
    assert_eq!(recent[0].counts.as_ref().map(|c| c.households_new), Some(2));
    assert_eq!(recent[2].counts.as_ref().map(|c| c.units_new), Some(5000));
}

#[tokio::test]
async fn a_file_with_bad_rows_is_reported_row_by_row_and_changes_nothing() {
    let app = TestApp::new().await;
    let office = cookie(&app, "chenfang").await;
    let before = fingerprint(&app);
    let csv = "组团,楼栋,单元,房号,客户姓名,联系电话,房屋状态,建筑面积\n\
               东区组团,1,1,2101,好人,13812345678,已入住,90\n\
               东区组团,1,1,,缺房号,13812345678,已入住,90\n\
               东区组团,1,1,2102,科学计数,1.38E+10,已入住,90\n\
               东区组团,1,1,2103,坏电话,12345,已入住,90\n\
               东区组团,1,1,2104,坏状态,13812345678,住着呢,90\n\
               东区组团,1,1,2105,坏面积,13812345678,已入住,-3\n\
               东区组团,1,1,2101,好人,13812345679,已入住,90\n\
               西区组团,1,1,2106,错组团,13812345678,已入住,90\n\
               ,99,1,101,新楼无组团,13812345678,已入住,90\n";
    let file = upload(&app, &office, "bad.csv", csv.as_bytes().to_vec()).await;
    let (status, report) = step(&app, &office, &file, "apply", &request(&file)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!report.applied);
    let found: Vec<(Option<usize>, Option<String>, Problem)> = report
        .problems
        .iter()
        .map(|p| (p.row, p.column.clone(), p.problem.clone()))
        .collect();
    let has = |row: usize, column: &str, p: &dyn Fn(&Problem) -> bool| {
        assert!(
            found
                .iter()
                .any(|(r, c, x)| *r == Some(row) && c.as_deref() == Some(column) && p(x)),
            "row {row} {column}: {found:?}"
        );
    };
    has(3, "房号", &|p| {
        *p == Problem::Required { field: Field::Room }
    });
    has(4, "联系电话", &|p| *p == Problem::PhoneRounded);
    has(5, "联系电话", &|p| {
        matches!(p, Problem::BadPhone { .. })
    });
    has(6, "房屋状态", &|p| *p == Problem::BadOccupancy);
    has(7, "建筑面积", &|p| *p == Problem::BadNumber);
    has(8, "客户姓名", &|p| {
        *p == Problem::DuplicateHousehold { first_row: 2 }
    });
    // Those are per-row checks; the estate checks come once the rows read well.
    assert_eq!(fingerprint(&app), before, "nothing changed");

    // Rows that read well but do not fit the estate.
    let csv = "组团,楼栋,单元,房号,客户姓名\n\
               西区组团,1,1,2106,错组团\n\
               ,99,1,101,新楼无组团\n";
    let file = upload(&app, &office, "estate.csv", csv.as_bytes().to_vec()).await;
    let (status, report) = step(&app, &office, &file, "apply", &request(&file)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(report.problems.len(), 2, "{:?}", report.problems);
    assert_eq!(report.problems[0].row, Some(2));
    assert_eq!(
        report.problems[0].problem,
        Problem::ClusterMismatch {
            cluster: "东区组团".into()
        }
    );
    assert_eq!(report.problems[1].problem, Problem::ClusterNeeded);
    assert!(report.problems[1]
        .problem
        .text(app::i18n::Lang::ZhCn)
        .contains("组团"));
    assert_eq!(fingerprint(&app), before, "nothing changed");

    // A missing column, a photo, an empty file, GBK read as UTF-8 on request.
    let file = upload(
        &app,
        &office,
        "no-room.csv",
        "楼栋,单元,客户姓名\n1,1,某人\n".as_bytes().to_vec(),
    )
    .await;
    let (status, report) = step(&app, &office, &file, "apply", &request(&file)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        report.problems[0].problem,
        Problem::MissingColumn { field: Field::Room }
    );
    let png = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../public/icons/icon-192.png"
    ))
    .expect("ok");
    let (status, body) = upload_raw(&app, &office, "photo.png", png).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["problems"][0]["problem"]["type"], "not_spreadsheet");
    let (status, body) = upload_raw(&app, &office, "empty.csv", vec![]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["problems"][0]["problem"]["type"], "empty");
    let (gbk, _, _) = encoding_rs::GBK.encode("楼栋,单元,房号\n1,1,2101\n");
    let file = upload(&app, &office, "gbk.csv", gbk.into_owned()).await;
    let mut req = request(&file);
    req.encoding = Encoding::Utf8;
    let (status, report) = step(&app, &office, &file, "preview", &req).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(report.problems[0].problem, Problem::BadEncoding);
    assert_eq!(fingerprint(&app), before, "nothing changed");
}

#[tokio::test]
async fn butlers_and_department_staff_cannot_import_or_read_the_log() {
    let app = TestApp::new().await;
    let office = cookie(&app, "chenfang").await;
    let file = upload(
        &app,
        &office,
        "a.csv",
        "楼栋,单元,房号\n1,1,2101\n".as_bytes().to_vec(),
    )
    .await;
    for who in ["wangjing", "zhaoqiang"] {
        let c = cookie(&app, who).await;
        let (status, _) = upload_raw(&app, &c, "a.csv", "楼栋,单元,房号\n1,1,2101\n".into()).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{who} uploads");
        let res = app
            .post_json(
                &format!("/api/v1/estate/imports/{}/apply", file.id),
                serde_json::to_value(request(&file)).expect("ok"),
                Some(&c),
            )
            .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{who} applies");
        let res = app.get("/api/v1/audit", Some(&c)).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{who} reads the log");
        let res = app.get("/api/v1/estate/imports/recent", Some(&c)).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{who} lists imports");
    }
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM units WHERE room = '2101'"),
        0
    );
    // The office reads one record's trail; the whole log is the admin's.
    let res = app.get("/api/v1/audit", Some(&office)).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let admin = cookie(&app, "admin").await;
    let res = app.get("/api/v1/audit", Some(&admin)).await;
    assert_eq!(res.status(), StatusCode::OK);
}

fn applied(r: PushResult) {
    match r {
        PushResult::Ok(r) => {
            for o in &r.outcomes {
                assert_eq!(o.verdict, Verdict::Applied, "{o:?}");
            }
        }
        PushResult::Status(s, b) => panic!("push failed: {s} {b}"),
    }
}

#[tokio::test]
async fn imported_units_reach_the_butler_and_an_overwritten_correction_is_flagged_and_kept() {
    let app = TestApp::new().await;
    let office = cookie(&app, "chenfang").await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    wang.pull_all(&app).await;
    let units_before = wang.units.len();
    // Building 1 is in 王静's cluster (东区组团).
    let csv = "楼栋,单元,房号,客户姓名,联系电话,通讯地址\n1,1,2101,钱多多,13811112222,东区1栋\n";
    let file = upload(&app, &office, "new.csv", csv.as_bytes().to_vec()).await;
    let (status, _) = step(&app, &office, &file, "apply", &request(&file)).await;
    assert_eq!(status, StatusCode::OK);
    wang.pull_all(&app).await;
    assert_eq!(
        wang.units.len(),
        units_before + 1,
        "the new unit reached the phone"
    );
    let unit = wang
        .units
        .values()
        .find(|u| u.building == "1" && u.entrance == "1" && u.room == "2101")
        .cloned()
        .expect("unit on the phone");
    assert_eq!(
        unit.state_on(app::domain::time::estate_today(chrono::Utc::now())),
        Some(Occupancy::Occupied)
    );
    let h = wang
        .households
        .values()
        .find(|h| h.name == "钱多多")
        .cloned()
        .expect("household on the phone");
    assert_eq!(h.phone, "13811112222");

    // The butler corrects the phone; the same file is imported again.
    wang.queue(Op::CorrectHousehold {
        household: h.id,
        change: Uuid::now_v7(),
        field: SharedField::Phone,
        value: "13833334444".into(),
        base: "13811112222".into(),
    });
    applied(wang.push(&app).await);
    let again = upload(&app, &office, "new.csv", csv.as_bytes().to_vec()).await;
    let (status, report) = step(&app, &office, &again, "apply", &request(&again)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(report.counts.households_changed, 1);
    assert_eq!(
        report.counts.overwrites, 1,
        "the correction was newer than the last import"
    );
    wang.pull_all(&app).await;
    let now = wang.households[&h.id.0].clone();
    assert_eq!(now.phone, "13811112222", "the last to arrive wins");
    let last = now.history.last().expect("history");
    assert_eq!(
        last.previous, "13833334444",
        "the butler's value is kept in the history"
    );
    assert_eq!(last.author_saw.as_deref(), Some("13811112222"));
    // …and it is on the office's "needs attention".
    let res = app.get("/api/v1/attention", Some(&office)).await;
    let items = json(res).await;
    let item = items
        .as_array()
        .expect("ok")
        .iter()
        .find(|i| i["mutation"]["op"]["household"] == serde_json::json!(h.id))
        .unwrap_or_else(|| panic!("flagged: {items}"));
    let notice: Reason = serde_json::from_value(item["outcome"]["notice"].clone()).expect("ok");
    assert_eq!(
        notice,
        Reason::Overwrote {
            previous: "13833334444".into()
        }
    );
    // The office acknowledges it.
    let res = app
        .post_json(
            "/api/v1/attention/settle",
            serde_json::json!({ "device_id": item["device_id"], "seq": item["seq"], "action": "apply" }),
            Some(&office),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn asking_to_remove_missing_units_removes_them_after_a_preview_and_the_phones_drop_them() {
    let app = TestApp::new().await;
    let office = cookie(&app, "chenfang").await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    wang.pull_all(&app).await;
    // Every unit of the estate but one.
    let conn = db(&app);
    let mut rows: Vec<(String, String, String)> = conn
        .prepare(
            "SELECT b.code, e.code, u.room FROM units u JOIN entrances e ON e.id = u.entrance_id
             JOIN buildings b ON b.id = e.building_id ORDER BY b.code, e.code, u.room",
        )
        .expect("ok")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("ok")
        .collect::<Result<_, _>>()
        .expect("ok");
    let gone = rows.remove(0);
    let mut csv = String::from("楼栋,单元,房号\n");
    for (b, e, r) in &rows {
        csv.push_str(&format!("{b},{e},{r}\n"));
    }
    let file = upload(&app, &office, "all.csv", csv.into_bytes()).await;
    let (_, plain) = step(&app, &office, &file, "preview", &request(&file)).await;
    assert_eq!(plain.counts.units_removed, 0, "not unless asked");
    let mut req = request(&file);
    req.remove_missing = true;
    let before = fingerprint(&app);
    let (_, preview) = step(&app, &office, &file, "preview", &req).await;
    assert_eq!(preview.counts.units_removed, 1);
    assert_eq!(
        preview.removed,
        vec![format!("{}-{}-{}", gone.0, gone.1, gone.2)]
    );
    assert_eq!(fingerprint(&app), before);
    let (status, done) = step(&app, &office, &file, "apply", &req).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(done.counts.units_removed, 1);
    assert_eq!(done.counts.units_unchanged, rows.len());
    wang.pull_all(&app).await;
    let is_gone = |u: &app::domain::unit::Unit| {
        (u.building.clone(), u.entrance.clone(), u.room.clone()) == gone
    };
    assert!(
        !wang.units.values().any(is_gone),
        "the phone dropped the removed unit"
    );
    let code = format!("{}-{}-{}", gone.0, gone.1, gone.2);
    let had = count(
        &app,
        &format!(
            "SELECT COUNT(*) FROM households h JOIN units u ON u.id = h.unit_id
             JOIN entrances e ON e.id = u.entrance_id JOIN buildings b ON b.id = e.building_id
             WHERE b.code || '-' || e.code || '-' || u.room = '{code}'"
        ),
    );
    assert!(had > 0, "the removed unit had households");
    assert!(wang.households.values().all(|h| h.unit_code != code));

    // The unit in a file again: it comes back, with its households, on the phone too.
    let csv = format!("楼栋,单元,房号\n{},{},{}\n", gone.0, gone.1, gone.2);
    let file = upload(&app, &office, "back.csv", csv.into_bytes()).await;
    let (_, back) = step(&app, &office, &file, "apply", &request(&file)).await;
    assert_eq!(back.counts.units_changed, 1);
    wang.pull_all(&app).await;
    assert!(wang.units.values().any(is_gone));
    assert_eq!(
        wang.households
            .values()
            .filter(|h| h.unit_code == code)
            .count() as i64,
        had
    );
}

#[tokio::test]
async fn the_audit_trail_of_a_unit_shows_an_import_a_butlers_change_and_an_office_edit_in_order() {
    let app = TestApp::new().await;
    let office = cookie(&app, "chenfang").await;
    let csv = "楼栋,单元,房号,房屋状态\n1,1,2101,空置\n";
    let file = upload(&app, &office, "one.csv", csv.as_bytes().to_vec()).await;
    let (status, _) = step(&app, &office, &file, "apply", &request(&file)).await;
    assert_eq!(status, StatusCode::OK);
    let mut wang = Device::sign_in(&app, "wangjing").await;
    wang.pull_all(&app).await;
    let unit = wang
        .units
        .values()
        .find(|u| u.building == "1" && u.room == "2101")
        .cloned()
        .expect("unit");
    let today = app::domain::time::estate_today(chrono::Utc::now());
    wang.queue(Op::RecordOccupancy {
        unit: unit.id,
        change: Uuid::now_v7(),
        state: Occupancy::Renovating,
        effective_date: today,
        household: String::new(),
        note: String::new(),
        base: Some(Occupancy::Vacant),
    });
    applied(wang.push(&app).await);
    let mut desk = Device::sign_in(&app, "chenfang").await;
    desk.queue(Op::RecordOccupancy {
        unit: unit.id,
        change: Uuid::now_v7(),
        state: Occupancy::Occupied,
        effective_date: today,
        household: "新住户".into(),
        note: String::new(),
        base: Some(Occupancy::Renovating),
    });
    applied(desk.push(&app).await);
    let res = app
        .get(
            &format!("/api/v1/audit?kind=unit&record={}", unit.id),
            Some(&office),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let trail: Vec<AuditEntry> = serde_json::from_value(json(res).await).expect("ok");
    let seen: Vec<(AuditSource, &str, &str)> = trail
        .iter()
        .map(|e| (e.source, e.action.as_str(), e.user_name.as_str()))
        .collect();
    assert_eq!(
        seen,
        vec![
            (AuditSource::Import, "create", "陈芳"),
            (AuditSource::Device, "record_occupancy", "王静"),
            (AuditSource::Office, "record_occupancy", "陈芳"),
        ]
    );
    assert_eq!(
        trail[0].device,
        Some(file.id),
        "an import's device is the import"
    );
    assert_eq!(trail[1].device, Some(wang.device_id), "from which device");
    // The change is kept as data and told in words, never by its code.
    assert_eq!(
        trail[1].change,
        Some(app::estate::audit::AuditChange::Occupancy {
            state: Occupancy::Renovating,
            effective_date: today,
            household: String::new(),
            note: String::new(),
        })
    );
    assert_eq!(
        trail[2].detail_text(app::i18n::Lang::ZhCn),
        format!("已入住 · {today} · 新住户")
    );
    assert!(!trail[1]
        .detail_text(app::i18n::Lang::En)
        .contains("renovating"));
    assert!(trail.windows(2).all(|w| w[0].at <= w[1].at));
    // The admin's log filters by source.
    let admin = cookie(&app, "admin").await;
    let res = app.get("/api/v1/audit?source=import", Some(&admin)).await;
    let log: Vec<AuditEntry> = serde_json::from_value(json(res).await).expect("ok");
    assert!(!log.is_empty());
    assert!(log.iter().all(|e| e.source == AuditSource::Import));
}

#[tokio::test]
async fn a_household_missing_from_the_file_is_removed_when_asked_and_comes_back_when_imported_again(
) {
    let app = TestApp::new().await;
    let office = cookie(&app, "chenfang").await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    wang.pull_all(&app).await;
    // The whole estate with its households, but for one of 王静's tenants.
    let leaving = wang
        .households
        .values()
        .find(|h| h.relation == app::domain::household::Relation::Tenant)
        .cloned()
        .expect("a tenant in her cluster");
    let conn = db(&app);
    let rows: Vec<(String, String, String, Option<String>)> = conn
        .prepare(
            "SELECT b.code, e.code, u.room, h.name FROM units u
             JOIN entrances e ON e.id = u.entrance_id JOIN buildings b ON b.id = e.building_id
             LEFT JOIN households h ON h.unit_id = u.id AND h.id <> ?1
             ORDER BY b.code, e.code, u.room, h.name",
        )
        .expect("ok")
        .query_map([leaving.id.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .expect("ok")
        .collect::<Result<_, _>>()
        .expect("ok");
    let mut csv = String::from("楼栋,单元,房号,客户姓名\n");
    for (b, e, r, name) in &rows {
        csv.push_str(&format!(
            "{b},{e},{r},{}\n",
            name.clone().unwrap_or_default()
        ));
    }
    let on_ledger = "SELECT COUNT(*) FROM households WHERE removed_at IS NULL";
    let households = count(&app, on_ledger);
    let file = upload(&app, &office, "ledger.csv", csv.into_bytes()).await;
    let (_, plain) = step(&app, &office, &file, "preview", &request(&file)).await;
    assert_eq!(plain.counts.households_removed, 0, "not unless asked");
    assert_eq!(plain.counts.households_unchanged as i64, households - 1);

    let mut req = request(&file);
    req.remove_missing = true;
    let before = fingerprint(&app);
    let (_, preview) = step(&app, &office, &file, "preview", &req).await;
    assert_eq!(preview.counts.households_removed, 1);
    assert_eq!(preview.counts.units_removed, 0);
    assert_eq!(
        preview.removed,
        vec![format!("{} {}", leaving.unit_code, leaving.name)]
    );
    assert_eq!(fingerprint(&app), before, "a preview changes nothing");
    let (status, done) = step(&app, &office, &file, "apply", &req).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(done.counts.households_removed, 1);
    assert_eq!(count(&app, on_ledger), households - 1);
    wang.pull_all(&app).await;
    assert!(
        !wang.households.contains_key(&leaving.id.0),
        "the phone dropped the household"
    );
    // The row stays, with the import's reason on its trail.
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT COUNT(*) FROM audit_log WHERE record_id = '{}' AND action = 'remove'",
                leaving.id
            )
        ),
        1
    );
    // The same file again, asked again: nothing more to remove.
    let (_, again) = step(&app, &office, &file, "preview", &req).await;
    assert_eq!(again.counts.households_removed, 0);

    // In a file again: back on the ledger, the same record, on the phone too.
    let code: Vec<&str> = leaving.unit_code.splitn(3, '-').collect();
    let csv = format!(
        "楼栋,单元,房号,客户姓名,身份\n{},{},{},{},租户\n",
        code[0], code[1], code[2], leaving.name
    );
    let file = upload(&app, &office, "back.csv", csv.into_bytes()).await;
    let (_, back) = step(&app, &office, &file, "apply", &request(&file)).await;
    assert_eq!(back.counts.households_changed, 1);
    assert_eq!(back.counts.households_new, 0);
    wang.pull_all(&app).await;
    assert_eq!(
        wang.households.get(&leaving.id.0).map(|h| h.name.clone()),
        Some(leaving.name.clone())
    );
    assert_eq!(count(&app, on_ledger), households);
}
