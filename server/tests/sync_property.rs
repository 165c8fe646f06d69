//! Scenario 7: randomised devices, random mutations, dropped and duplicated requests — every
//! mutation ends applied, refused or in conflict on the server (none missing), and every device
//! equals the server after a final sync made by the browser's own state machine, for follow-ups and checklist runs alike (runs started,
//! answered, given entries and finished, on two devices of the same butler among others). Fixed seed and case count, so CI runs the same cases.

mod support;

use app::domain::checklist::{Answer, Purpose, Run};
use app::domain::follow_up::{Actor, FollowUp, FollowUpId, FollowUpStatus};
use app::domain::household::{Household, SharedField};
use app::domain::unit::{Occupancy, Unit};
use app::domain::visit::{VisitChannel, VisitId};
use app::domain::{Department, Role, RunId, UnitId, UserId};
use app::sync::Op;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use support::device::Device;
use support::TestApp;
use uuid::Uuid;

const USERS: [&str; 6] = [
    "wangjing",
    "wangjing",
    "liming",
    "chenfang",
    "zhaoqiang",
    "zhouyong",
];

#[derive(Debug, Clone)]
struct Step {
    device: usize,
    kind: u8,
    target: usize,
    to: usize,
    net: u8,
}

fn step() -> impl Strategy<Value = Step> {
    (0..USERS.len(), 0u8..15, 0usize..8, 0usize..6, 0u8..5).prop_map(
        |(device, kind, target, to, net)| Step {
            device,
            kind,
            target,
            to,
            net,
        },
    )
}

async fn run(steps: Vec<Step>) -> Result<(), TestCaseError> {
    let app = TestApp::new().await;
    let mut devices = Vec::new();
    for u in USERS {
        devices.push(Device::sign_in(&app, u).await);
    }
    let assignees = [UserId(devices[4].user_id), UserId(devices[5].user_id)];
    let clusters = [
        devices[0].clusters[0],
        devices[2].clusters[0],
        app::domain::ClusterId(Uuid::nil()),
    ];
    let mut ids: Vec<FollowUpId> = Vec::new();
    let mut queued = 0usize;
    let templates = app
        .state
        .db
        .read(server::db::checklist::templates)
        .await
        .expect("templates");
    let patrol = templates
        .iter()
        .find(|t| t.purpose == Purpose::Patrol)
        .expect("patrol")
        .clone();
    let briefing = templates
        .iter()
        .find(|t| t.purpose == Purpose::Briefing)
        .expect("briefing")
        .clone();
    let mut runs: Vec<(RunId, bool)> = Vec::new();
    // A few units of each cluster, so that devices often change the same one.
    let all_units = app
        .state
        .db
        .read(|c| server::db::unit::units(c, None))
        .await
        .expect("units");
    let pool: Vec<UnitId> = [clusters[0], clusters[1]]
        .iter()
        .flat_map(|c| all_units.iter().filter(move |u| u.cluster_id == *c).take(4))
        .map(|u| u.id)
        .collect();
    let all_households = app
        .state
        .db
        .read(|c| server::db::household::households(c, None))
        .await
        .expect("households");
    let household_pool: Vec<_> = [clusters[0], clusters[1]]
        .iter()
        .flat_map(|c| {
            all_households
                .iter()
                .filter(move |h| h.cluster_id == *c)
                .take(3)
        })
        .map(|h| (h.id, h.phone.clone()))
        .collect();

    let mut complaints = Vec::new();
    for s in steps {
        let d = &mut devices[s.device];
        let target = ids
            .get(s.target % ids.len().max(1))
            .copied()
            .unwrap_or(FollowUpId(Uuid::now_v7()));
        let run = runs
            .get(s.target % runs.len().max(1))
            .copied()
            .unwrap_or((RunId::new_v7(), false));
        let op = match s.kind {
            6 => {
                let id = RunId::new_v7();
                let briefing_run = s.to % 2 == 1;
                runs.push((id, briefing_run));
                let t = if briefing_run { &briefing } else { &patrol };
                Op::StartRun {
                    id,
                    template_version: t.version_id,
                    cluster_id: d
                        .clusters
                        .first()
                        .copied()
                        .unwrap_or(clusters[s.target % 3]),
                    date: chrono::NaiveDate::from_ymd_opt(2026, 11, 28).expect("date"),
                    unit: None,
                }
            }
            7 if run.1 => Op::AddEntry {
                run: run.0,
                entry: Uuid::now_v7(),
                item: "briefing.security".into(),
                values: std::collections::BTreeMap::from([("matter".into(), "随机事项".into())]),
                follow_up: None,
            },
            7 | 8 => {
                let t = if run.1 { &briefing } else { &patrol };
                let items: Vec<_> = t.items().collect();
                let item = &items[s.to % items.len()];
                Op::RecordItem {
                    run: run.0,
                    item: item.key.clone(),
                    answer: if s.kind == 8 && !run.1 {
                        Answer::Fail
                    } else {
                        Answer::Pass
                    },
                    note: if s.to % 3 == 0 {
                        String::new()
                    } else {
                        "随机".into()
                    },
                    photos: vec![],
                    follow_up: None,
                }
            }
            // Now and then a round is discarded instead (refused once it has answers).
            9 if s.to % 4 == 0 => Op::DiscardRun { run: run.0 },
            9 => Op::FinishRun { run: run.0 },
            11 => {
                let (household, phone) = household_pool[s.target % household_pool.len()].clone();
                Op::CorrectHousehold {
                    household,
                    change: Uuid::now_v7(),
                    field: SharedField::Phone,
                    // A malformed number now and then: refused, never blocking the queue.
                    value: if s.to == 5 {
                        "12345".into()
                    } else {
                        format!("1390000{:04}", s.to * 7 + s.target)
                    },
                    base: phone,
                }
            }
            // Complaints: taken for a household (another cluster's now and then: refused),
            // then stepped on by whoever draws them (out of order: refused, never blocking).
            13 => {
                let id = app::domain::complaint::ComplaintId(Uuid::now_v7());
                complaints.push(id);
                Op::TakeComplaint {
                    id,
                    cluster_id: d.clusters.first().copied().unwrap_or(clusters[0]),
                    household: Some(household_pool[s.target % household_pool.len()].0),
                    complainant: String::new(),
                    place: String::new(),
                    channel: app::domain::complaint::ComplaintChannel::Phone,
                    said: "随机投诉".into(),
                    category: app::domain::complaint::ComplaintCategory::ALL[s.to],
                    urgency: app::domain::complaint::Urgency::Normal,
                    photos: vec![],
                    received_at: chrono::Utc::now() - chrono::Duration::hours(1),
                    reached_at: None,
                }
            }
            14 => {
                let id = complaints
                    .get(s.target % complaints.len().max(1))
                    .copied()
                    .unwrap_or(app::domain::complaint::ComplaintId(Uuid::now_v7()));
                match s.to % 3 {
                    0 => Op::ReachComplaint {
                        id,
                        at: chrono::Utc::now(),
                    },
                    1 => Op::JudgeComplaint {
                        id,
                        judgement: app::domain::complaint::Judgement::Invalid {
                            reason: "随机".into(),
                        },
                    },
                    _ => Op::ReplyComplaint {
                        id,
                        text: "已答复".into(),
                        at: chrono::Utc::now(),
                        agreement: app::domain::complaint::Agreement::Accepted,
                    },
                }
            }
            12 => Op::RecordVisit {
                id: VisitId(Uuid::now_v7()),
                household: household_pool[s.target % household_pool.len()].0,
                channel: VisitChannel::MetOnTheWay,
                at: chrono::Utc::now(),
                met: "住户".into(),
                said: "随机拜访".into(),
                items: vec![],
            },
            10 => Op::RecordOccupancy {
                unit: pool[s.target % pool.len()],
                change: Uuid::now_v7(),
                state: Occupancy::ALL[s.to % 3],
                effective_date: chrono::NaiveDate::from_ymd_opt(2026, 11, 1 + s.to as u32)
                    .expect("date"),
                household: if s.to % 3 == 1 {
                    "随机住户".into()
                } else {
                    String::new()
                },
                note: String::new(),
                base: Some(Occupancy::ALL[s.target % 3]),
            },
            0 | 1 => {
                let id = FollowUpId(Uuid::now_v7());
                ids.push(id);
                // Office devices have no clusters: they pick a butler's, or one that does not
                // exist (bad input that must be refused, never block the queue).
                let cluster = d
                    .clusters
                    .first()
                    .copied()
                    .unwrap_or(clusters[s.target % 3]);
                Op::CreateFollowUp {
                    id,
                    cluster_id: cluster,
                    place: "1-1-101".into(),
                    source: "随机".into(),
                    title: format!("事项 {}", ids.len()),
                    department: if s.to % 2 == 0 {
                        Department::Engineering
                    } else {
                        Department::Security
                    },
                    due_date: None,
                    origin: None,
                    photos: vec![],
                    household: None,
                    facility: None,
                }
            }
            2 => Op::AssignFollowUp {
                id: target,
                assignee: assignees[s.to % 2],
            },
            3 => Op::SetFollowUpStatus {
                id: target,
                to: FollowUpStatus::ALL[s.to],
                base_version: 0,
            },
            4 => Op::ReopenFollowUp {
                id: target,
                reason: "复查".into(),
                base_version: 0,
            },
            _ => Op::CommentFollowUp {
                id: target,
                comment_id: Uuid::now_v7(),
                text: "随机评论".into(),
            },
        };
        let d = &mut devices[s.device];
        d.queue(op);
        queued += 1;
        match s.net {
            0 => {}                                      // offline: stays queued
            1 => d.push_and_lose_the_answer(&app).await, // committed, answer lost
            2 => {
                let _ = d.push(&app).await; // duplicated: the same batch twice
                let again = d.push_body();
                let _ = app
                    .post_json("/api/v1/sync/push", again, Some(&d.cookie))
                    .await;
            }
            // A sync as the browser makes it, by the app's state machine.
            3 => {
                let _ = d.sync_as_browser(&app).await;
            }
            _ => {
                let _ = d.push(&app).await;
            }
        }
    }

    // Back online: every device syncs as the browser does (the app's state machine pushes
    // everything, then pulls to the last page); a second round brings each what the others
    // sent after its first; a third finds nothing new anywhere.
    for round in 0..3 {
        for d in &mut devices {
            let synced = d.sync_as_browser(&app).await;
            let Ok(changed) = synced else {
                return Err(TestCaseError::fail(format!(
                    "{} stopped: {synced:?}",
                    d.username
                )));
            };
            prop_assert!(
                d.outbox.is_empty(),
                "{} still holds {:?}",
                d.username,
                d.outbox
            );
            prop_assert!(
                round < 2 || !changed,
                "{} changed in round {round}",
                d.username
            );
        }
    }

    let stored: i64 = app
        .state
        .db
        .read(|c| Ok(c.query_row("SELECT COUNT(*) FROM mutation_outcomes", [], |r| r.get(0))?))
        .await
        .expect("count");
    prop_assert_eq!(stored as usize, queued, "every mutation has an outcome");

    let server: Vec<FollowUp> = app
        .state
        .db
        .read(|c| {
            let mut stmt = c.prepare("SELECT body FROM follow_ups")?;
            let rows = stmt
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows
                .iter()
                .map(|b| serde_json::from_str(b).expect("body"))
                .collect())
        })
        .await
        .expect("read");
    let server_runs: Vec<Run> = app
        .state
        .db
        .read(|c| {
            let mut stmt = c.prepare("SELECT body FROM checklist_runs")?;
            let rows = stmt
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows
                .iter()
                .map(|b| serde_json::from_str(b).expect("body"))
                .collect())
        })
        .await
        .expect("read");
    RUNS_SEEN.fetch_add(server_runs.len(), std::sync::atomic::Ordering::Relaxed);
    let server_households = app
        .state
        .db
        .read(|c| server::db::household::households(c, None))
        .await
        .expect("households");
    let server_visits = app
        .state
        .db
        .read(server::db::visit::visits)
        .await
        .expect("visits");
    let server_units = app
        .state
        .db
        .read(|c| server::db::unit::units(c, None))
        .await
        .expect("units");
    let server_complaints = app
        .state
        .db
        .read(server::db::complaint::all_complaints)
        .await
        .expect("complaints");
    for d in &devices {
        let me = actor(&app, d).await;
        let visible: std::collections::BTreeMap<Uuid, FollowUp> = server
            .iter()
            .filter(|f| me.can_see(f))
            .map(|f| (f.id.0, f.clone()))
            .collect();
        prop_assert_eq!(&d.records, &visible, "{} equals the server", d.username);
        // A discarded round reaches devices as a tombstone.
        let visible_runs: std::collections::BTreeMap<Uuid, Run> = server_runs
            .iter()
            .filter(|r| r.discarded_at.is_none())
            .filter(|r| me.is_office() || me.clusters.contains(&r.cluster_id))
            .map(|r| (r.id.0, r.clone()))
            .collect();
        prop_assert_eq!(
            &d.runs,
            &visible_runs,
            "{}'s runs equal the server's",
            d.username
        );
        let visible_units: std::collections::BTreeMap<Uuid, Unit> = server_units
            .iter()
            .filter(|u| {
                me.is_office() || (me.role == Role::Butler && me.clusters.contains(&u.cluster_id))
            })
            .map(|u| (u.id.0, u.clone()))
            .collect();
        prop_assert_eq!(
            &d.units,
            &visible_units,
            "{}'s units equal the server's",
            d.username
        );
        let visible_households: std::collections::BTreeMap<Uuid, Household> = server_households
            .iter()
            .filter(|h| {
                me.is_office() || (me.role == Role::Butler && me.clusters.contains(&h.cluster_id))
            })
            .map(|h| (h.id.0, h.clone()))
            .collect();
        prop_assert_eq!(
            &d.households,
            &visible_households,
            "{}'s households equal the server's",
            d.username
        );
        let visible_visits = server_visits
            .iter()
            .filter(|v| {
                me.is_office() || (me.role == Role::Butler && me.clusters.contains(&v.cluster_id))
            })
            .count();
        prop_assert_eq!(d.visits.len(), visible_visits, "{}'s visits", d.username);
        // A department's lead (the demo's) reads the complaints against the department.
        let lead = server::db::seed::DEMO_ACCOUNTS
            .iter()
            .any(|a| a.username == d.username && a.lead);
        let visible_complaints: std::collections::BTreeMap<Uuid, _> = server_complaints
            .iter()
            .filter(|c| {
                me.is_office()
                    || (me.role == Role::Butler && me.clusters.contains(&c.cluster_id))
                    || (lead && me.role == Role::Staff && c.department() == me.department)
            })
            .map(|c| (c.id.0, c.clone()))
            .collect();
        prop_assert_eq!(
            &d.complaints,
            &visible_complaints,
            "{}'s complaints equal the server's",
            d.username
        );
        for r in d.runs.values() {
            let mut items: Vec<_> = r.results.iter().map(|x| x.item.clone()).collect();
            items.sort();
            items.dedup();
            prop_assert_eq!(items.len(), r.results.len(), "one answer per item");
            let mut entries: Vec<_> = r.entries.iter().map(|e| e.id).collect();
            entries.sort();
            entries.dedup();
            prop_assert_eq!(entries.len(), r.entries.len(), "no entry doubled");
            if r.finished_at.is_some() {
                let t = if r.purpose == Purpose::Briefing {
                    &briefing
                } else {
                    &patrol
                };
                prop_assert!(
                    r.missing(t).is_empty(),
                    "a finished run has every required item"
                );
            }
        }
        // Every sequence the device used has its outcome on the server (the device itself may
        // have dropped an entry on learning from a pull that it was settled).
        let device = d.device_id.to_string();
        let settled: i64 = app
            .state
            .db
            .read(move |c| {
                Ok(c.query_row(
                    "SELECT COUNT(*) FROM mutation_outcomes WHERE device_id = ?1",
                    [device],
                    |r| r.get(0),
                )?)
            })
            .await
            .expect("count");
        prop_assert_eq!(settled, d.next_seq - 1);
        for f in d.records.values() {
            let mut ids: Vec<_> = f.comments.iter().map(|c| c.id).collect();
            ids.dedup();
            prop_assert_eq!(ids.len(), f.comments.len(), "no comment doubled");
        }
    }
    Ok(())
}

async fn actor(app: &TestApp, d: &Device) -> Actor {
    let me = support::json(app.get("/api/v1/auth/me", Some(&d.cookie)).await).await;
    let user: app::domain::SessionUser = serde_json::from_value(me["user"].clone()).expect("user");
    Actor {
        user: user.id,
        role: user.role,
        department: user.department,
        clusters: user.clusters.iter().map(|c| c.id).collect(),
    }
}

/// Runs that reached the server over all cases (the cases must exercise runs at all).
static RUNS_SEEN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

#[test]
fn random_devices_with_dropped_and_duplicated_requests_converge() {
    let config = Config {
        cases: 32,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[42; 32]));
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    runner
        .run(&prop::collection::vec(step(), 1..60), |steps| {
            rt.block_on(run(steps))
        })
        .expect("converges");
    assert!(RUNS_SEEN.load(std::sync::atomic::Ordering::Relaxed) > 10);
    let _ = Role::Office;
}
