//! Scenario 7: randomised devices, random mutations, dropped and duplicated requests — every
//! mutation ends applied, refused or in conflict on the server (none missing), and every device
//! equals the server after a final pull. Fixed seed and case count, so CI runs the same cases.

mod support;

use app::domain::follow_up::{Actor, FollowUp, FollowUpId, FollowUpStatus};
use app::domain::{Department, Role, UserId};
use app::sync::Op;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use support::device::{Device, PushResult};
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
    (0..USERS.len(), 0u8..6, 0usize..8, 0usize..6, 0u8..5).prop_map(
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

    for s in steps {
        let d = &mut devices[s.device];
        let target = ids
            .get(s.target % ids.len().max(1))
            .copied()
            .unwrap_or(FollowUpId(Uuid::now_v7()));
        let op = match s.kind {
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
            3 => d.pull_all(&app).await,
            _ => {
                let _ = d.push(&app).await;
            }
        }
    }

    // Back online: everyone pushes everything, then pulls.
    for d in &mut devices {
        match d.push(&app).await {
            PushResult::Ok(_) => {}
            PushResult::Status(s, b) => {
                return Err(TestCaseError::fail(format!("final push {s} {b}")))
            }
        }
        prop_assert!(d.outbox.is_empty());
    }
    for d in &mut devices {
        d.pull_all(&app).await;
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
    for d in &devices {
        let me = actor(&app, d).await;
        let visible: std::collections::BTreeMap<Uuid, FollowUp> = server
            .iter()
            .filter(|f| me.can_see(f))
            .map(|f| (f.id.0, f.clone()))
            .collect();
        prop_assert_eq!(&d.records, &visible, "{} equals the server", d.username);
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
    let _ = Role::Office;
}
