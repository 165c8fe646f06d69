//! The charges import (issue 17) through the real router on a real SQLite file: a generated
//! 5,000-charge .xlsx is previewed (nothing written) and imported; importing it again changes
//! nothing; the next month's export with payments updates them and marks the charges it lacks;
//! bad rows are reported row by row and nothing is written; only the office (and finance)
//! import.

mod support;

use app::domain::fee::{AmountProblem, Fen};
use app::fees::api::{ChargeField, ChargePlan, ChargeProblem};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::Datelike;
use support::{json, TestApp};

async fn cookie(app: &TestApp, who: &str) -> String {
    let (status, cookie, body) = app.sign_in(who, "demo1234").await;
    assert_eq!(status, StatusCode::OK, "{who}: {body}");
    cookie.expect("cookie")
}

async fn send(app: &TestApp, cookie: &str, what: &str, bytes: Vec<u8>) -> (StatusCode, ChargePlan) {
    let res = app
        .send(
            Request::post(format!("/api/v1/fees/charges/{what}?name=charges.xlsx"))
                .header(header::COOKIE, cookie)
                .header(header::CONTENT_TYPE, "application/octet-stream")
                .body(Body::from(bytes))
                .expect("request"),
        )
        .await;
    let status = res.status();
    let body = json(res).await;
    (
        status,
        serde_json::from_value(body.clone()).unwrap_or_else(|e| panic!("{e}: {body}")),
    )
}

/// The demo estate's unit codes.
async fn unit_codes(app: &TestApp) -> Vec<String> {
    app.state
        .db
        .read(|c| server::db::unit::units(c, None))
        .await
        .expect("units")
        .iter()
        .map(|u| u.code())
        .collect()
}

async fn stored(app: &TestApp) -> Vec<server::db::fee::StoredCharge> {
    app.state
        .db
        .read(server::db::fee::charges)
        .await
        .expect("charges")
        .into_values()
        .collect()
}

/// One row of finance's export: unit, fee type, period, due, paid (yuan), due date, paid on.
struct Row {
    unit: String,
    fee: &'static str,
    period: &'static str,
    due: f64,
    paid: f64,
    due_date: (i32, u32, u32),
}

/// An .xlsx as finance exports it: amounts as number cells, the due date as a date cell.
fn workbook(rows: &[Row]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for (c, h) in [
        "房号",
        "收费项目",
        "所属期间",
        "应收金额（元）",
        "实收金额",
        "缴费期限",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *h).expect("header");
    }
    for (i, r) in rows.iter().enumerate() {
        let n = i as u32 + 1;
        sheet.write_string(n, 0, &r.unit).expect("cell");
        sheet.write_string(n, 1, r.fee).expect("cell");
        sheet.write_string(n, 2, r.period).expect("cell");
        sheet.write_number(n, 3, r.due).expect("cell");
        sheet.write_number(n, 4, r.paid).expect("cell");
        let (y, m, d) = r.due_date;
        let day =
            rust_xlsxwriter::ExcelDateTime::from_ymd(y as u16, m as u8, d as u8).expect("date");
        sheet
            .write_datetime_with_format(n, 5, &day, &date)
            .expect("cell");
    }
    book.save_to_buffer().expect("xlsx")
}

/// 5,000 charges over the demo's 608 units: three fee types × three months of 2024 (before the
/// demo's own six months), two in three paid.
fn five_thousand(codes: &[String]) -> Vec<Row> {
    const KINDS: [(&str, &str, (i32, u32, u32)); 9] = [
        ("物业费", "2024-01", (2024, 1, 31)),
        ("物业费", "2024-02", (2024, 2, 29)),
        ("物业费", "2024-03", (2024, 3, 31)),
        ("停车费", "2024-01", (2024, 1, 31)),
        ("停车费", "2024-02", (2024, 2, 29)),
        ("停车费", "2024-03", (2024, 3, 31)),
        ("水电费", "2024-01", (2024, 1, 31)),
        ("水电费", "2024-02", (2024, 2, 29)),
        ("水电费", "2024-03", (2024, 3, 31)),
    ];
    (0..5_000)
        .map(|i| {
            let (fee, period, due_date) = KINDS[i / codes.len()];
            let due = 200.0 + (i % 50) as f64 + 0.5;
            Row {
                unit: codes[i % codes.len()].clone(),
                fee,
                period,
                due,
                paid: if i % 3 == 0 { 0.0 } else { due },
                due_date,
            }
        })
        .collect()
}

#[tokio::test]
async fn five_thousand_charges_import_and_the_next_export_updates_their_payments() {
    let app = TestApp::new().await;
    let office = cookie(&app, "chenfang").await;
    let codes = unit_codes(&app).await;
    assert!(codes.len() * 9 >= 5_000);
    let rows = five_thousand(&codes);
    let owed: i64 = rows
        .iter()
        .filter(|r| r.paid == 0.0)
        .map(|r| (r.due * 100.0).round() as i64)
        .sum();
    let file = workbook(&rows);
    // The demo estate's own past charges (its last six months).
    let demo = stored(&app).await;
    let demo_owed: i64 = demo.iter().map(|c| c.owed().0).sum();
    assert!(
        !demo.is_empty() && demo_owed > 0,
        "the demo has a past of charges"
    );

    // The preview writes nothing.
    let started = std::time::Instant::now();
    let (status, plan) = send(&app, &office, "preview", file.clone()).await;
    let preview_ms = started.elapsed().as_millis();
    assert_eq!(status, StatusCode::OK, "{plan:?}");
    assert_eq!((plan.rows, plan.new, plan.problem_count), (5_000, 5_000, 0));
    assert!(!plan.applied);
    assert_eq!(
        stored(&app).await.len(),
        demo.len(),
        "a preview writes nothing"
    );

    let started = std::time::Instant::now();
    let (status, plan) = send(&app, &office, "apply", file.clone()).await;
    let apply_ms = started.elapsed().as_millis();
    eprintln!("5,000 charges: preview {preview_ms} ms, import {apply_ms} ms");
    assert_eq!(status, StatusCode::OK);
    assert!(plan.applied);
    assert_eq!(plan.new, 5_000);
    assert_eq!(
        plan.missing,
        demo.len(),
        "the demo's charges are not in this file"
    );
    assert_eq!(plan.arrears_fen, Fen(owed + demo_owed));
    let all = stored(&app).await;
    assert_eq!(all.len(), 5_000 + demo.len());
    assert_eq!(
        all.iter().map(|c| c.owed().0).sum::<i64>(),
        owed + demo_owed,
        "amounts kept to the fen"
    );

    // The same file again: nothing changes.
    let (_, again) = send(&app, &office, "apply", file).await;
    assert_eq!(
        (again.unchanged, again.new, again.updated, again.missing),
        (5_000, 0, 0, 0)
    );

    // December's export: the first 4,800 charges, every other unpaid one now paid.
    let mut next: Vec<Row> = five_thousand(&codes).into_iter().take(4_800).collect();
    let mut newly_paid = 0;
    for (i, r) in next.iter_mut().enumerate() {
        if r.paid == 0.0 && i % 2 == 0 {
            r.paid = r.due;
            newly_paid += 1;
        }
    }
    let (status, plan) = send(&app, &office, "apply", workbook(&next)).await;
    assert_eq!(status, StatusCode::OK, "{plan:?}");
    assert_eq!(plan.updated, newly_paid);
    assert_eq!(plan.paid_in_full, newly_paid);
    assert_eq!(plan.unchanged, 4_800 - newly_paid);
    assert_eq!(plan.missing, 200, "kept, marked 未在最新导出中");
    let all = stored(&app).await;
    assert_eq!(
        all.len(),
        5_000 + demo.len(),
        "a charge missing from the export stays"
    );
    assert_eq!(
        all.iter().filter(|c| !c.in_latest).count(),
        200 + demo.len()
    );
    let today = app::domain::time::estate_today(chrono::Utc::now());
    let mine: Vec<_> = all.iter().filter(|c| c.due_date.year() == 2024).collect();
    assert_eq!(
        mine.iter().filter(|c| c.paid_on == Some(today)).count(),
        mine.iter().filter(|c| c.paid_in_full()).count(),
        "paid without a date in the export: the day of the import that first showed it"
    );
    assert_eq!(
        plan.arrears_fen.0,
        all.iter().map(|c| c.owed().0).sum::<i64>()
    );
    let imports = app
        .state
        .db
        .read(server::db::fee::charge_import_count)
        .await
        .expect("count");
    assert_eq!(imports, 4, "the demo's and these three");
}

#[tokio::test]
async fn bad_rows_are_reported_row_by_row_and_nothing_is_written() {
    let app = TestApp::new().await;
    let office = cookie(&app, "chenfang").await;
    let codes = unit_codes(&app).await;
    let before = stored(&app).await.len();
    let csv = format!(
        "房号,费用类型,所属期间,应收金额,实收金额,缴费期限\n\
         {ok},物业费,2026-11,320.50,0,2026-11-30\n\
         99-9-9999,物业费,2026-11,320.50,0,2026-11-30\n\
         {ok},停车费,2026-11,-150,0,2026-11-30\n\
         {ok},水电费,2026-11,80,0,下个月\n\
         {other},物业费,2026-11,320.505,0,2026-11-30\n",
        ok = codes[0],
        other = codes[1]
    );
    let (status, plan) = send(&app, &office, "apply", csv.into_bytes()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!plan.applied);
    let rows: Vec<(usize, ChargeProblem)> = plan
        .problems
        .iter()
        .map(|p| (p.row, p.problem.clone()))
        .collect();
    assert_eq!(
        rows,
        vec![
            (
                3,
                ChargeProblem::UnknownUnit {
                    text: "99-9-9999".into()
                }
            ),
            (
                4,
                ChargeProblem::BadAmount {
                    field: ChargeField::Due,
                    problem: AmountProblem::Negative
                }
            ),
            (
                5,
                ChargeProblem::BadDate {
                    field: ChargeField::DueDate,
                    text: "下个月".into()
                }
            ),
            (
                6,
                ChargeProblem::BadAmount {
                    field: ChargeField::Due,
                    problem: AmountProblem::TooManyDecimals
                }
            ),
        ]
    );
    assert_eq!(
        plan.problems[2].problem.text(app::i18n::Lang::ZhCn),
        "缴费期限“下个月”不是日期（如 2026-11-30）"
    );
    assert_eq!(stored(&app).await.len(), before, "nothing written");

    // A file that is not a spreadsheet, or lacks a column, is refused as a whole.
    let (status, plan) = send(&app, &office, "preview", vec![0, 1, 2, 3, 0xff]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(matches!(
        plan.problems[0].problem,
        ChargeProblem::File { .. }
    ));
    let (status, plan) = send(
        &app,
        &office,
        "preview",
        "房号,费用类型,所属期间,金额,实收金额,缴费期限\n1-1-101,物业费,2026-11,1,0,2026-11-30\n"
            .as_bytes()
            .to_vec(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        plan.problems[0].problem,
        ChargeProblem::MissingColumn {
            field: ChargeField::Due
        }
    );
}

#[tokio::test]
async fn butlers_and_other_departments_do_not_import_charges() {
    let app = TestApp::new().await;
    let csv = b"\xe6\x88\xbf\xe5\x8f\xb7\n".to_vec();
    for who in ["wangjing", "zhaoqiang"] {
        let c = cookie(&app, who).await;
        let res = app
            .send(
                Request::post("/api/v1/fees/charges/preview?name=x.csv")
                    .header(header::COOKIE, c)
                    .header(header::CONTENT_TYPE, "application/octet-stream")
                    .body(Body::from(csv.clone()))
                    .expect("request"),
            )
            .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{who}");
    }
    // A form post from another site cannot be a file.
    let office = cookie(&app, "chenfang").await;
    let res = app
        .send(
            Request::post("/api/v1/fees/charges/apply?name=x.csv")
                .header(header::COOKIE, office)
                .header(header::CONTENT_TYPE, "text/plain")
                .body(Body::from(csv))
                .expect("request"),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn the_office_lists_the_units_owing_most_first_and_a_butler_does_not() {
    let app = TestApp::new().await;
    let office = cookie(&app, "chenfang").await;
    let res = app.get("/api/v1/fees/arrears", Some(&office)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let list: Vec<app::fees::api::UnitArrears> =
        serde_json::from_value(json(res).await).expect("list");
    let owed: i64 = stored(&app).await.iter().map(|c| c.owed().0).sum();
    assert_eq!(
        list.iter().map(|u| u.owed_fen.0).sum::<i64>(),
        owed,
        "every fen owed is on a unit's row"
    );
    assert!(list.windows(2).all(|w| w[0].owed_fen >= w[1].owed_fen));
    assert!(
        list.iter().any(|u| u.months >= 4),
        "the demo's regulars owe for months"
    );
    assert!(list.iter().any(|u| !u.owners.is_empty()));
    let butler = cookie(&app, "wangjing").await;
    let res = app.get("/api/v1/fees/arrears", Some(&butler)).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_lawyers_letter_states_the_late_fee_under_the_offices_terms_and_is_recorded() {
    use app::domain::fee::{late_fee, LateFeeTerms};
    use app::fees::api::{FeeSettings, FeeSettingsProblem, LetterDraft, UnitArrears};
    let app = TestApp::new().await;
    let office = cookie(&app, "chenfang").await;
    // The office's terms: 万分之五 a day, at most 10 % of what is owed.
    let terms = FeeSettings {
        company: "翠湖花园物业服务中心".into(),
        late_fee: LateFeeTerms {
            per_day_ppm: 500,
            cap_ppm: Some(100_000),
            basis: "《翠湖花园物业服务合同》第十二条".into(),
        },
        limitation: Default::default(),
    };
    let bad = FeeSettings {
        late_fee: LateFeeTerms {
            per_day_ppm: 200_000,
            ..terms.late_fee.clone()
        },
        ..terms.clone()
    };
    let res = app
        .post_json(
            "/api/v1/fees/settings",
            serde_json::to_value(&bad).expect("json"),
            Some(&office),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem: FeeSettingsProblem = serde_json::from_value(json(res).await).expect("problem");
    assert_eq!(problem, FeeSettingsProblem::BadRate);
    let res = app
        .post_json(
            "/api/v1/fees/settings",
            serde_json::to_value(&terms).expect("json"),
            Some(&office),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);

    // The unit owing most: its letter, dated a fixed day.
    let res = app.get("/api/v1/fees/arrears", Some(&office)).await;
    let list: Vec<UnitArrears> = serde_json::from_value(json(res).await).expect("list");
    let unit = &list[0];
    let dated = app::domain::time::estate_today(chrono::Utc::now()) + chrono::Duration::days(10);
    let url = format!("/api/v1/fees/letters/{}?dated={dated}", unit.unit_id);
    let res = app.get(&url, Some(&office)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let letter: LetterDraft = serde_json::from_value(json(res).await).expect("letter");
    assert_eq!(letter.owed_fen, unit.owed_fen);
    assert!(letter.lines.len() >= unit.months, "a line a charge owed");
    assert_eq!(letter.settings, terms);
    let expected: i64 = letter
        .lines
        .iter()
        .map(|l| late_fee(l.owed_fen, l.due_date, dated, &terms.late_fee).0)
        .sum();
    assert!(expected > 0);
    assert_eq!(letter.late_fee_fen.0, expected);
    // The demo's past may hold a letter to this unit at the last quarter's end.
    let before = letter.issued.len();
    assert!(letter.issued.iter().all(|l| l.dated < dated));

    // Recorded as issued (by registered post, with its number): the unit's letters list it,
    // with who and what it stated.
    let res = app
        .post_json(
            &format!("/api/v1/fees/letters/{}", unit.unit_id),
            serde_json::json!({ "dated": dated, "tracking": "EMS1029384756" }),
            Some(&office),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = app.get(&url, Some(&office)).await;
    let letter: LetterDraft = serde_json::from_value(json(res).await).expect("letter");
    assert_eq!(letter.issued.len(), before + 1);
    assert_eq!(letter.issued[0].dated, dated, "newest first");
    assert_eq!(letter.issued[0].issued_by, "陈芳");
    assert_eq!(letter.issued[0].late_fee_fen.0, expected);

    // A unit owing nothing gets no letter.
    let paid_up = app
        .state
        .db
        .read(server::db::unit::units_by_code)
        .await
        .expect("units")
        .into_values()
        .map(|(u, _)| u)
        .find(|u| list.iter().all(|a| a.unit_id != *u))
        .expect("a unit paid up");
    let res = app
        .post_json(
            &format!("/api/v1/fees/letters/{paid_up}"),
            serde_json::json!({ "dated": dated }),
            Some(&office),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(json(res).await, serde_json::json!("nothing_owed"));

    // A butler neither reads nor issues letters; a unit that does not exist is 404.
    let butler = cookie(&app, "wangjing").await;
    assert_eq!(
        app.get(&url, Some(&butler)).await.status(),
        StatusCode::FORBIDDEN
    );
    let res = app
        .get(
            &format!("/api/v1/fees/letters/{}", uuid::Uuid::now_v7()),
            Some(&office),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_demo_past_holds_a_lawyers_letter_per_cluster_at_the_last_quarters_end() {
    use app::domain::collection::{ContactKind, Delivery};
    let app = TestApp::new().await;
    let today = app::domain::time::estate_today(chrono::Utc::now());
    let letters = app
        .state
        .db
        .read(|c| {
            let mut out = vec![];
            for a in server::db::collection::arrears_of_units(c)? {
                for l in server::db::fee::letters_of_unit(c, a.unit_id)? {
                    out.push((a.cluster_id, l));
                }
            }
            Ok(out)
        })
        .await
        .expect("letters");
    let clusters: std::collections::HashSet<_> = letters.iter().map(|(c, _)| *c).collect();
    assert_eq!(
        (letters.len(), clusters.len()),
        (2, 2),
        "one letter per cluster"
    );
    for (_, l) in &letters {
        assert!(l.dated < today && l.dated.day() == 24 && l.dated.month() % 3 == 0);
        assert_eq!(l.issued_by, "陈芳");
        assert!(
            l.owed_fen.0 > 0 && l.late_fee_fen.0 > 0,
            "fallen due before the letter"
        );
    }
    // Each is in its household's case file, by registered post with its number, on its day.
    let contacts = app
        .state
        .db
        .read(server::db::collection::all_contacts)
        .await
        .expect("contacts");
    let sent: Vec<_> = contacts
        .iter()
        .filter(|c| c.note.what == ContactKind::Letter)
        .collect();
    assert_eq!(sent.len(), 2);
    for c in sent {
        assert_eq!(c.note.delivery, Some(Delivery::Registered));
        assert!(c.note.tracking.starts_with("EMS"));
        let day = app::domain::time::estate_today(c.note.at);
        assert!(letters.iter().any(|(_, l)| l.dated == day));
    }
}
