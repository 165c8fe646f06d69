//! Vacant units (issue 5) through the real router on a real SQLite file: units reach the
//! butlers' devices with their history; move-in, move-out and renovation recorded offline; the
//! monthly and weekly records as of their period; an inspection with a defect handed to
//! engineering, the owner told; the register, coverage and who may read them.

mod support;

use app::domain::checklist::{Answer, Channel, Purpose, Run, Template};
use app::domain::follow_up::{FollowUpId, Origin};
use app::domain::unit::{due_state, DueState, Occupancy, Unit};
use app::domain::{Department, RunId};
use app::sync::{Op, Reason, Verdict};
use app::vacant::api::{CoverageLine, MonthlyLine, MoveInLine, PeriodRecord, VacantRow};
use axum::http::StatusCode;
use chrono::{NaiveDate, Timelike};
use support::device::{Device, PushResult};
use support::{json, TestApp};
use uuid::Uuid;

fn today() -> NaiveDate {
    app::domain::time::estate_today(chrono::Utc::now())
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
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

fn vacant_units(d: &Device) -> Vec<Unit> {
    d.units
        .values()
        .filter(|u| u.state_on(today()) == Some(Occupancy::Vacant))
        .cloned()
        .collect()
}

fn template(d: &Device, purpose: Purpose) -> Template {
    app::domain::checklist::latest_versions(&d.templates.values().cloned().collect::<Vec<_>>())
        .into_iter()
        .find(|t| t.purpose == purpose)
        .cloned()
        .expect("template")
}

fn occupancy(u: &Unit, state: Occupancy, on: NaiveDate, household: &str) -> Op {
    Op::RecordOccupancy {
        unit: u.id,
        change: Uuid::now_v7(),
        state,
        effective_date: on,
        household: household.into(),
        note: String::new(),
        base: u.state_on(on),
    }
}

async fn get<T: serde::de::DeserializeOwned>(app: &TestApp, path: &str, cookie: &str) -> T {
    let res = app.get(path, Some(cookie)).await;
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    serde_json::from_value(json(res).await).expect(path)
}

#[tokio::test]
async fn units_reach_only_their_clusters_butlers_with_their_history() {
    let app = TestApp::new().await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    let mut li = Device::sign_in(&app, "liming").await;
    let mut repairer = Device::sign_in(&app, "zhaoqiang").await;
    wang.pull_all(&app).await;
    li.pull_all(&app).await;
    repairer.pull_all(&app).await;
    assert_eq!(wang.units.len() + li.units.len(), 608);
    assert!(wang
        .units
        .values()
        .all(|u| u.cluster_id == wang.clusters[0]));
    assert!(repairer.units.is_empty(), "department staff get no units");
    let vacant = vacant_units(&wang).len() + vacant_units(&li).len();
    assert_eq!(vacant, 53, "the demo estate's vacant units");
}

#[tokio::test]
async fn a_move_in_recorded_offline_leaves_the_vacant_list_and_enters_that_weeks_move_in_record() {
    let app = TestApp::new().await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    let office = Device::sign_in(&app, "chenfang").await;
    wang.pull_all(&app).await;
    let unit = vacant_units(&wang).remove(0);
    let before: PeriodRecord<MonthlyLine> =
        get(&app, "/api/v1/vacant/monthly", &office.cookie).await;
    assert!(before.lines.iter().any(|l| l.unit == unit.id));

    wang.queue(occupancy(&unit, Occupancy::Occupied, today(), "张伟一家"));
    applied(wang.push(&app).await);
    wang.pull_all(&app).await;
    assert!(vacant_units(&wang).iter().all(|u| u.id != unit.id));
    let moved = &wang.units[&unit.id.0];
    assert_eq!(
        moved.history.last().map(|c| c.household.as_str()),
        Some("张伟一家")
    );

    let week: PeriodRecord<MoveInLine> = get(&app, "/api/v1/vacant/move-ins", &office.cookie).await;
    let line = week
        .lines
        .iter()
        .find(|l| l.unit == unit.id)
        .expect("in the week's record");
    assert_eq!((line.date, line.household.as_str()), (today(), "张伟一家"));
    let month: PeriodRecord<MonthlyLine> =
        get(&app, "/api/v1/vacant/monthly", &office.cookie).await;
    assert!(
        month.lines.iter().all(|l| l.unit != unit.id),
        "not vacant at the month's end"
    );
    let last_month = app::domain::checklist::Schedule::Monthly
        .period(today())
        .0
        .pred_opt()
        .expect("a day");
    let earlier: PeriodRecord<MonthlyLine> = get(
        &app,
        &format!("/api/v1/vacant/monthly?date={last_month}"),
        &office.cookie,
    )
    .await;
    assert!(
        earlier.lines.iter().any(|l| l.unit == unit.id),
        "last month unchanged"
    );
}

#[tokio::test]
async fn a_move_in_dated_in_march_leaves_februarys_vacant_unit_record_unchanged() {
    let app = TestApp::new().await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    let office = Device::sign_in(&app, "chenfang").await;
    wang.pull_all(&app).await;
    let unit = vacant_units(&wang).remove(0);
    let feb = "/api/v1/vacant/monthly?date=2027-02-15";
    let before: PeriodRecord<MonthlyLine> = get(&app, feb, &office.cookie).await;
    wang.queue(occupancy(&unit, Occupancy::Occupied, d(2027, 3, 3), "王芳"));
    applied(wang.push(&app).await);
    let after: PeriodRecord<MonthlyLine> = get(&app, feb, &office.cookie).await;
    assert_eq!(before, after);
    assert!(after.lines.iter().any(|l| l.unit == unit.id));
    let march: PeriodRecord<MonthlyLine> = get(
        &app,
        "/api/v1/vacant/monthly?date=2027-03-31",
        &office.cookie,
    )
    .await;
    assert!(march.lines.iter().all(|l| l.unit != unit.id));
    let week: PeriodRecord<MoveInLine> = get(
        &app,
        "/api/v1/vacant/move-ins?date=2027-03-03",
        &office.cookie,
    )
    .await;
    assert_eq!((week.from, week.to), (d(2027, 3, 1), d(2027, 3, 7)));
    assert!(week.lines.iter().any(|l| l.unit == unit.id));
}

#[tokio::test]
async fn a_move_out_makes_the_unit_due_again_and_a_renovation_shows_in_its_history() {
    let app = TestApp::new().await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    wang.pull_all(&app).await;
    let occupied = wang
        .units
        .values()
        .find(|u| u.state_on(today()) == Some(Occupancy::Occupied))
        .cloned()
        .expect("an occupied unit");
    assert_eq!(due_state(&occupied, &[], today()), None);
    wang.queue(occupancy(&occupied, Occupancy::Vacant, today(), ""));
    applied(wang.push(&app).await);
    wang.pull_all(&app).await;
    let out = wang.units[&occupied.id.0].clone();
    let runs: Vec<_> = wang.runs.values().collect();
    assert_eq!(due_state(&out, &runs, today()), Some(DueState::Due));

    let start = today().succ_opt().expect("tomorrow");
    let end = start + chrono::Days::new(30);
    wang.queue(occupancy(&out, Occupancy::Renovating, start, ""));
    wang.queue(Op::RecordOccupancy {
        unit: out.id,
        change: Uuid::now_v7(),
        state: Occupancy::Occupied,
        effective_date: end,
        household: "新业主".into(),
        note: "装修完成入住".into(),
        base: Some(Occupancy::Renovating),
    });
    applied(wang.push(&app).await);
    wang.pull_all(&app).await;
    let u = &wang.units[&occupied.id.0];
    assert_eq!(u.history.len(), out.history.len() + 2);
    assert_eq!(u.state_on(start), Some(Occupancy::Renovating));
    assert_eq!(u.state_on(end), Some(Occupancy::Occupied));
    assert!(u.history.iter().all(|c| c.replaced_unseen.is_none()));
}

#[tokio::test]
async fn an_inspection_with_a_leak_reaches_the_register_coverage_and_engineering_and_the_owner_is_told(
) {
    let app = TestApp::new().await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    let office = Device::sign_in(&app, "chenfang").await;
    let mut repairer = Device::sign_in(&app, "zhaoqiang").await;
    wang.pull_all(&app).await;
    let t = template(&wang, Purpose::VacantUnit);
    let unit = vacant_units(&wang).remove(0);
    let cluster = wang.clusters[0];
    let coverage_path = format!("/api/v1/vacant/coverage?cluster={cluster}");
    let before: PeriodRecord<CoverageLine> = get(&app, &coverage_path, &office.cookie).await;
    let before = before.lines[0].clone();
    assert!(before.vacant > 0);

    let run = RunId::new_v7();
    let follow_up = FollowUpId(Uuid::now_v7());
    wang.queue(Op::StartRun {
        id: run,
        template_version: t.version_id,
        cluster_id: cluster,
        date: today(),
        unit: Some(unit.id),
    });
    for item in [
        "vacant.doors_windows",
        "vacant.utilities_off",
        "vacant.no_cracks",
    ] {
        wang.queue(Op::RecordItem {
            run,
            item: item.into(),
            answer: Answer::Pass,
            note: String::new(),
            photos: vec![],
            follow_up: None,
        });
    }
    wang.queue(Op::CreateFollowUp {
        id: follow_up,
        cluster_id: cluster,
        place: unit.code(),
        source: t.name.clone(),
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
    });
    wang.queue(Op::RecordItem {
        run,
        item: "vacant.no_leak".into(),
        answer: Answer::Fail,
        note: "卫生间地漏渗水".into(),
        photos: vec![],
        follow_up: Some(follow_up),
    });
    wang.queue(Op::FinishRun { run });
    applied(wang.push(&app).await);

    let untold: Vec<VacantRow> =
        get(&app, "/api/v1/vacant/register?untold=true", &office.cookie).await;
    assert_eq!(untold.len(), 1);
    assert_eq!(untold[0].unit_code, unit.code());
    assert_eq!(
        untold[0].findings,
        vec!["无漏水、漏气：卫生间地漏渗水".to_owned()]
    );
    let after: PeriodRecord<CoverageLine> = get(&app, &coverage_path, &office.cookie).await;
    let after = after.lines[0].clone();
    assert_eq!(after.inspected, before.inspected + 1);
    repairer.pull_all(&app).await;
    assert_eq!(
        repairer.records[&follow_up.0].department,
        Department::Engineering,
        "engineering has the follow-up"
    );

    // A time told that has not happened yet (a typing slip: 2062) is refused, nothing kept.
    wang.queue(Op::InformOwner {
        run,
        notice: Uuid::now_v7(),
        channel: Channel::Phone,
        told_at: "2062-12-04T02:00:00Z".parse().expect("instant"),
        said: "已告知业主".into(),
    });
    match wang.push(&app).await {
        PushResult::Ok(r) => assert_eq!(
            r.outcomes[0].verdict,
            Verdict::Refused {
                reason: Reason::Invalid {
                    field: "told_at".into()
                }
            }
        ),
        PushResult::Status(s, b) => panic!("push failed: {s} {b}"),
    }
    let untold: Vec<VacantRow> =
        get(&app, "/api/v1/vacant/register?untold=true", &office.cookie).await;
    assert_eq!(untold.len(), 1, "still not told");

    // The owner was told by phone an hour ago, after the inspection: recorded with that time.
    let an_hour_ago = chrono::Utc::now() - chrono::Duration::hours(1);
    let an_hour_ago = an_hour_ago
        .with_nanosecond(0)
        .expect("whole seconds")
        .with_second(0)
        .expect("whole minutes");
    wang.queue(Op::InformOwner {
        run,
        notice: Uuid::now_v7(),
        channel: Channel::Phone,
        told_at: an_hour_ago,
        said: "已告知业主地漏渗水，工程部将上门维修".into(),
    });
    applied(wang.push(&app).await);
    let untold: Vec<VacantRow> =
        get(&app, "/api/v1/vacant/register?untold=true", &office.cookie).await;
    assert!(untold.is_empty());
    let all: Vec<VacantRow> = get(&app, "/api/v1/vacant/register", &office.cookie).await;
    assert_eq!(all[0].owner_told, Some((Channel::Phone, an_hour_ago)));

    // The register as a workbook.
    let res = app
        .get("/api/v1/vacant/register.xlsx", Some(&office.cookie))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let bytes = http_body_util::BodyExt::collect(res.into_body())
        .await
        .expect("body")
        .to_bytes();
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("xlsx");
    let sheet = book.worksheet_range("空置房巡视登记表").expect("sheet");
    let cells: Vec<String> = sheet.cells().map(|(_, _, c)| c.to_string()).collect();
    assert!(cells.contains(&unit.code()));
    assert!(
        cells.iter().all(|c| uuid::Uuid::parse_str(c).is_err()),
        "no record id in the register"
    );
    assert!(cells.iter().any(|c| c.starts_with("电话 ")));
}

#[tokio::test]
async fn an_inspection_only_started_leaves_the_unit_due_uncovered_and_in_progress_in_the_register()
{
    let app = TestApp::new().await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    let office = Device::sign_in(&app, "chenfang").await;
    wang.pull_all(&app).await;
    let t = template(&wang, Purpose::VacantUnit);
    let unit = vacant_units(&wang)
        .into_iter()
        .find(|u| due_state(u, &[], today()).is_some())
        .expect("a vacant unit");
    let cluster = wang.clusters[0];
    let coverage_path = format!("/api/v1/vacant/coverage?cluster={cluster}");
    let before: PeriodRecord<CoverageLine> = get(&app, &coverage_path, &office.cookie).await;
    let run = RunId::new_v7();
    wang.queue(Op::StartRun {
        id: run,
        template_version: t.version_id,
        cluster_id: cluster,
        date: today(),
        unit: Some(unit.id),
    });
    applied(wang.push(&app).await);
    wang.pull_all(&app).await;

    // Started, nothing finished: still due on the phone, not covered for the office.
    let runs: Vec<&Run> = wang.runs.values().collect();
    let state = due_state(&wang.units[&unit.id.0], &runs, today());
    assert_ne!(
        state,
        Some(DueState::Done),
        "a started inspection is not done"
    );
    let after: PeriodRecord<CoverageLine> = get(&app, &coverage_path, &office.cookie).await;
    assert_eq!(after.lines[0].inspected, before.lines[0].inspected);
    let rows: Vec<VacantRow> = get(&app, "/api/v1/vacant/register", &office.cookie).await;
    let row = rows.iter().find(|r| r.run == run).expect("listed");
    assert_eq!(row.finished_at, None, "listed as under way");

    // Finished: done and covered.
    for item in [
        "vacant.doors_windows",
        "vacant.utilities_off",
        "vacant.no_cracks",
        "vacant.no_leak",
    ] {
        wang.queue(Op::RecordItem {
            run,
            item: item.into(),
            answer: Answer::Pass,
            note: String::new(),
            photos: vec![],
            follow_up: None,
        });
    }
    wang.queue(Op::FinishRun { run });
    applied(wang.push(&app).await);
    wang.pull_all(&app).await;
    let runs: Vec<&Run> = wang.runs.values().collect();
    assert_eq!(
        due_state(&wang.units[&unit.id.0], &runs, today()),
        Some(DueState::Done)
    );
    let after: PeriodRecord<CoverageLine> = get(&app, &coverage_path, &office.cookie).await;
    assert_eq!(after.lines[0].inspected, before.lines[0].inspected + 1);
}

#[tokio::test]
async fn an_inspection_started_by_mistake_is_discarded_by_its_owner_only_while_nothing_is_answered_and_other_phones_get_a_tombstone(
) {
    let app = TestApp::new().await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    let mut wangs_other_phone = Device::sign_in(&app, "wangjing").await;
    let mut office = Device::sign_in(&app, "chenfang").await;
    wang.pull_all(&app).await;
    let t = template(&wang, Purpose::VacantUnit);
    let mut units = vacant_units(&wang)
        .into_iter()
        .filter(|u| due_state(u, &[], today()).is_some());
    let (unit, other) = (
        units.next().expect("a unit"),
        units.next().expect("another"),
    );
    let cluster = wang.clusters[0];
    let start = |id: RunId, unit: &Unit| Op::StartRun {
        id,
        template_version: t.version_id,
        cluster_id: cluster,
        date: today(),
        unit: Some(unit.id),
    };
    let (mistake, answered) = (RunId::new_v7(), RunId::new_v7());
    wang.queue(start(mistake, &unit));
    wang.queue(start(answered, &other));
    wang.queue(Op::RecordItem {
        run: answered,
        item: "vacant.no_leak".into(),
        answer: Answer::Pass,
        note: String::new(),
        photos: vec![],
        follow_up: None,
    });
    applied(wang.push(&app).await);
    wangs_other_phone.pull_all(&app).await;
    assert!(wangs_other_phone.runs.contains_key(&mistake.0));
    let register: Vec<VacantRow> = get(&app, "/api/v1/vacant/register", &office.cookie).await;
    assert!(
        register.iter().any(|r| r.run == mistake),
        "listed as under way"
    );

    // Neither the office nor the owner of an answered run may discard.
    office.queue(Op::DiscardRun { run: mistake });
    wang.queue(Op::DiscardRun { run: answered });
    let refused = |r: PushResult| match r {
        PushResult::Ok(r) => r.outcomes[0].verdict.clone(),
        PushResult::Status(s, b) => panic!("push failed: {s} {b}"),
    };
    assert_eq!(
        refused(office.push(&app).await),
        Verdict::Refused {
            reason: Reason::Forbidden
        }
    );
    assert_eq!(
        refused(wang.push(&app).await),
        Verdict::Refused {
            reason: Reason::Answered
        }
    );

    // The owner discards the empty one; a replay of the discard changes nothing more.
    wang.queue(Op::DiscardRun { run: mistake });
    wang.queue(Op::DiscardRun { run: mistake });
    applied(wang.push(&app).await);
    // Later work on it is refused in words of its own.
    wang.queue(Op::RecordItem {
        run: mistake,
        item: "vacant.no_leak".into(),
        answer: Answer::Pass,
        note: String::new(),
        photos: vec![],
        follow_up: None,
    });
    assert_eq!(
        refused(wang.push(&app).await),
        Verdict::Refused {
            reason: Reason::Discarded
        }
    );

    // The other phone receives a tombstone; the register, coverage and a fresh phone know
    // nothing of it; the office's run page is gone.
    wangs_other_phone.pull_all(&app).await;
    assert!(
        !wangs_other_phone.runs.contains_key(&mistake.0),
        "tombstone"
    );
    assert!(wangs_other_phone.runs.contains_key(&answered.0));
    let mut fresh = Device::sign_in(&app, "wangjing").await;
    fresh.pull_all(&app).await;
    assert!(!fresh.runs.contains_key(&mistake.0));
    let register: Vec<VacantRow> = get(&app, "/api/v1/vacant/register", &office.cookie).await;
    assert!(register.iter().all(|r| r.run != mistake));
    assert!(register.iter().any(|r| r.run == answered));
    let res = app
        .get(
            &format!("/api/v1/patrol/runs/{mistake}"),
            Some(&office.cookie),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let runs: Vec<&Run> = fresh.runs.values().collect();
    assert!(
        due_state(&fresh.units[&unit.id.0], &runs, today()).is_some(),
        "the unit is still due"
    );
}

#[tokio::test]
async fn inspections_need_a_unit_of_the_cluster_and_the_records_are_the_offices() {
    let app = TestApp::new().await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    let mut li = Device::sign_in(&app, "liming").await;
    wang.pull_all(&app).await;
    li.pull_all(&app).await;
    let t = template(&wang, Purpose::VacantUnit);
    let lis_unit = vacant_units(&li).remove(0);
    for unit in [None, Some(lis_unit.id)] {
        wang.queue(Op::StartRun {
            id: RunId::new_v7(),
            template_version: t.version_id,
            cluster_id: wang.clusters[0],
            date: today(),
            unit,
        });
    }
    // Li's unit is not Wang's to move into either.
    wang.queue(occupancy(&lis_unit, Occupancy::Occupied, today(), "某人"));
    let PushResult::Ok(r) = wang.push(&app).await else {
        panic!("push")
    };
    let verdicts: Vec<_> = r.outcomes.iter().map(|o| o.verdict.clone()).collect();
    let invalid = |f: &str| Verdict::Refused {
        reason: Reason::Invalid { field: f.into() },
    };
    assert_eq!(
        verdicts,
        vec![
            invalid("unit"),
            invalid("unit"),
            Verdict::Refused {
                reason: Reason::OutOfScope
            }
        ]
    );
    for path in [
        "/api/v1/vacant/register",
        "/api/v1/vacant/coverage",
        "/api/v1/vacant/monthly",
        "/api/v1/vacant/move-ins.xlsx",
    ] {
        let res = app.get(path, Some(&wang.cookie)).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{path}");
    }
}

#[tokio::test]
async fn two_phones_change_the_same_units_occupancy_offline_the_later_applies_flagged_and_needs_attention(
) {
    let app = TestApp::new().await;
    let mut phone_a = Device::sign_in(&app, "wangjing").await;
    let mut phone_b = Device::sign_in(&app, "wangjing").await;
    let office = Device::sign_in(&app, "chenfang").await;
    phone_a.pull_all(&app).await;
    phone_b.pull_all(&app).await;
    let unit = vacant_units(&phone_a).remove(0);
    // Both saw it vacant; A records a move-in, B (still offline) a renovation.
    phone_a.queue(occupancy(&unit, Occupancy::Occupied, today(), "孙七"));
    phone_b.queue(occupancy(&unit, Occupancy::Renovating, today(), ""));
    let a = applied(phone_a.push(&app).await);
    assert_eq!(a.outcomes[0].notice, None);
    let b = applied(phone_b.push(&app).await);
    assert_eq!(
        b.outcomes[0].notice,
        Some(Reason::Overwrote {
            previous: "occupied".into()
        })
    );
    phone_a.pull_all(&app).await;
    let u = &phone_a.units[&unit.id.0];
    assert_eq!(
        u.state_on(today()),
        Some(Occupancy::Renovating),
        "the later arrival wins"
    );
    assert!(
        u.history.iter().any(|c| c.household == "孙七"),
        "the move-in stays in the history"
    );
    assert_eq!(
        u.history.last().and_then(|c| c.replaced_unseen),
        Some(Occupancy::Occupied)
    );

    // On "needs attention" for the office and for its author, until acknowledged.
    let listed = |cookie: String| {
        let app = &app;
        async move {
            let items: Vec<server::sync::AttentionItem> = serde_json::from_value(
                json(app.get("/api/v1/attention", Some(&cookie)).await).await,
            )
            .expect("items");
            items
        }
    };
    let items = listed(office.cookie.clone()).await;
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].mutation.record_id(), unit.id.0);
    assert_eq!(listed(phone_b.cookie.clone()).await.len(), 1);
    let res = app
        .post_json(
            "/api/v1/attention/settle",
            serde_json::json!({ "device_id": items[0].device_id, "seq": items[0].seq, "action": "apply" }),
            Some(&phone_b.cookie),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(listed(office.cookie.clone()).await.is_empty());
    // Acknowledging changed nothing.
    phone_a.pull_all(&app).await;
    assert_eq!(
        phone_a.units[&unit.id.0].state_on(today()),
        Some(Occupancy::Renovating)
    );
}
