//! Sync benchmarks (issue 3). They measure and print; they assert nothing.
//! Run: `scripts/bench.sh` (or `cargo bench -p server --bench sync`).
//!
//! 1. Apply throughput for batches of 500 mutations through the engine, against a bare
//!    rusqlite insert of the same rows (record, change-log entry, outcome), in one run.
//! 2. Push of 10,000 mutations and pull of 10,000 changes over HTTP on loopback (gzip request
//!    bodies; compressed responses), with the bytes on the wire.
//! 3. 1,000 simulated devices, each pushing 10 mutations and pulling once: arrivals spread over
//!    10 s, then all at once; latency percentiles, errors and lost mutations counted.

// Printing its figures is what a benchmark is for.
#![allow(clippy::print_stdout)]

use app::domain::follow_up::FollowUpId;
use app::domain::{ClusterId, Department, DeviceId, SessionUser};
use app::sync::{Mutation, Op, PushRequest};
use server::config::Config;
use server::db::{self, staff};
use server::state::AppState;
use std::io::Write;
use std::sync::Arc;
use std::time::{Duration, Instant};
use uuid::Uuid;

const BATCH: usize = 500;

fn create_op(cluster: ClusterId, i: usize) -> Op {
    Op::CreateFollowUp {
        id: FollowUpId(Uuid::now_v7()),
        cluster_id: cluster,
        place: format!("{}-{}-{:04}", 1 + i % 8, 1 + i % 2, 101 + i % 1900),
        source: "巡查".into(),
        title: format!("楼道灯不亮 #{i}"),
        department: Department::Engineering,
        due_date: None,
        origin: None,
        photos: vec![],
        household: None,
        facility: None,
    }
}

async fn state(dir: &std::path::Path) -> AppState {
    let mut config = Config::for_tests(dir.join("bench.db"));
    config.log = "error".into();
    server::build_state(config).await.expect("state")
}

/// A device and session for `username`, made directly in the database (no Argon2 per device).
async fn device(state: &AppState, username: &'static str) -> (SessionUser, DeviceId, String) {
    let token = Uuid::now_v7().simple().to_string();
    let hash = server::auth::token_hash(&token);
    state
        .db
        .write(move |tx| {
            let u = staff::find_for_sign_in(tx, username)?.expect("user");
            let d = staff::claim_device(tx, u.id, None, Some("bench"))?;
            let expires = db::instant_text(chrono::Utc::now() + chrono::Duration::days(1));
            staff::insert_session(tx, &hash, u.id, d, &expires)?;
            Ok((staff::session_user(tx, u.id)?.expect("user"), d, token))
        })
        .await
        .expect("device")
}

async fn apply_throughput(n: usize) {
    let dir = tempfile::tempdir().expect("dir");
    let st = state(dir.path()).await;
    let (user, dev, _) = device(&st, "wangjing").await;
    let cluster = user.clusters[0].id;
    let actor = app::domain::follow_up::Actor::of(&user);
    let mutations: Vec<Mutation> = (0..n)
        .map(|i| Mutation::new(i as i64 + 1, create_op(cluster, i)))
        .collect();
    let batches: Vec<Vec<Mutation>> = mutations.chunks(BATCH).map(<[Mutation]>::to_vec).collect();

    let started = Instant::now();
    for batch in batches.clone() {
        let actor = actor.clone();
        st.db
            .write(move |tx| {
                server::sync::push_batch(
                    tx,
                    dev,
                    &actor,
                    &batch,
                    chrono::Utc::now(),
                    server::sync::Mode::Fast,
                )
                .map_err(|_| db::DbError::Task("push".into()))
            })
            .await
            .expect("push");
    }
    let engine = started.elapsed();

    // The same rows, bare: record, change-log entry and outcome, 500 per transaction, into a
    // second seeded database (the foreign keys need the estate and a device).
    let bare_dir = tempfile::tempdir().expect("dir");
    let bare_st = state(bare_dir.path()).await;
    let (bare_user, bare_dev, _) = device(&bare_st, "wangjing").await;
    let bare_db = bare_st.db.clone();
    // The rows exactly as the engine writes them, prepared before the clock starts.
    let bare_actor = app::domain::follow_up::Actor::of(&bare_user);
    let rows: Vec<(i64, String, String, String, String, String)> = mutations
        .iter()
        .map(|m| {
            let op = match &m.op {
                Op::CreateFollowUp {
                    id,
                    place,
                    source,
                    title,
                    department,
                    due_date,
                    ..
                } => Op::CreateFollowUp {
                    id: *id,
                    cluster_id: bare_user.clusters[0].id,
                    place: place.clone(),
                    source: source.clone(),
                    title: title.clone(),
                    department: *department,
                    due_date: *due_date,
                    origin: None,
                    photos: vec![],
                    household: None,
                    facility: None,
                },
                other => other.clone(),
            };
            use app::sync::kind::{decide, Decision, FollowUps};
            let decided = decide::<FollowUps>(&bare_actor, None, &op, None, chrono::Utc::now(), 1);
            let record = match decided {
                Decision::Apply(f) => serde_json::to_string(&*f).expect("json"),
                other => panic!("bench op not applied: {other:?}"),
            };
            let outcome = serde_json::to_string(&app::sync::Outcome {
                seq: m.seq,
                mutation_id: m.id,
                verdict: app::sync::Verdict::Applied,
                server_seq: Some(m.seq),
                skew_secs: None,
                notice: None,
            })
            .expect("json");
            (
                m.seq,
                m.record_id().to_string(),
                record,
                serde_json::to_string(m).expect("json"),
                m.id.to_string(),
                outcome,
            )
        })
        .collect();
    let user_id = bare_user.id.to_string();
    let cluster_s = bare_user.clusters[0].id.to_string();
    let dev_s = bare_dev.to_string();
    let started = Instant::now();
    for chunk in rows.chunks(BATCH) {
        let chunk = chunk.to_vec();
        let (user_id, cluster_s, dev_s) = (user_id.clone(), cluster_s.clone(), dev_s.clone());
        bare_db
            .write(move |tx| {
                let now = db::now_text();
                let mut f = tx.prepare_cached(
                    "INSERT INTO follow_ups (id, cluster_id, department, status, version, created_by,
                     created_at, updated_at, body) VALUES (?1, ?2, 'engineering', 'open', 1, ?3, ?4, ?4, ?5)",
                )?;
                let mut c = tx.prepare_cached(
                    "INSERT INTO change_log (kind, record_id, cluster_id, department, body, at)
                     VALUES ('follow_up', ?1, ?2, 'engineering', ?3, ?4)",
                )?;
                let mut o = tx.prepare_cached(
                    "INSERT INTO mutation_outcomes (device_id, seq, mutation_id, user_id, op, record_id,
                     verdict, outcome, mutation, device_time, received_at)
                     VALUES (?1, ?2, ?3, ?4, 'create_follow_up', ?5, 'applied', ?8, ?6, ?7, ?7)",
                )?;
                for (seq, id, body, mutation, mid, outcome) in chunk.iter() {
                    f.execute(rusqlite::params![id, cluster_s, user_id, now, body])?;
                    c.execute(rusqlite::params![id, cluster_s, body, now])?;
                    o.execute(rusqlite::params![dev_s, seq, mid, user_id, id, mutation, now, outcome])?;
                }
                tx.execute(
                    "INSERT INTO sync_devices (device_id, last_seq) VALUES (?1, ?2)
                     ON CONFLICT (device_id) DO UPDATE SET last_seq = ?2",
                    rusqlite::params![dev_s, chunk.last().map(|r| r.0)],
                )?;
                Ok(())
            })
            .await
            .expect("bare insert");
    }
    let bare = started.elapsed();
    let rate = |d: Duration| n as f64 / d.as_secs_f64();
    println!(
        "apply: {n} mutations in batches of {BATCH}: engine {:.0}/s ({:.2} s), bare insert {:.0}/s ({:.2} s), engine/bare = {:.0} %",
        rate(engine),
        engine.as_secs_f64(),
        rate(bare),
        bare.as_secs_f64(),
        100.0 * rate(engine) / rate(bare)
    );
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    enc.write_all(bytes).expect("gzip");
    enc.finish().expect("gzip")
}

async fn serve(st: AppState) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let app = server::routes::app(st);
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{addr}")
}

async fn http_push_pull(n: usize) {
    let dir = tempfile::tempdir().expect("dir");
    let st = state(dir.path()).await;
    let (user, dev, token) = device(&st, "wangjing").await;
    let cluster = user.clusters[0].id;
    let base = serve(st.clone()).await;
    let client = reqwest::Client::new();
    let cookie = format!("butler_session={token}");
    let mutations: Vec<Mutation> = (0..n)
        .map(|i| Mutation::new(i as i64 + 1, create_op(cluster, i)))
        .collect();

    let mut wire_up = 0usize;
    let mut raw_up = 0usize;
    let started = Instant::now();
    for batch in mutations.chunks(BATCH) {
        let body = serde_json::to_vec(&PushRequest {
            protocol: app::sync::PROTOCOL_VERSION,
            device_id: dev,
            mutations: batch.to_vec(),
        })
        .expect("json");
        raw_up += body.len();
        let gz = gzip(&body);
        wire_up += gz.len();
        let res = client
            .post(format!("{base}/api/v1/sync/push"))
            .header("cookie", &cookie)
            .header("content-type", "application/json")
            .header("content-encoding", "gzip")
            .body(gz)
            .send()
            .await
            .expect("push");
        assert!(res.status().is_success(), "push {}", res.status());
        let _ = res.bytes().await;
    }
    let push = started.elapsed();

    let (_, _, token2) = device(&st, "wangjing").await;
    let cookie2 = format!("butler_session={token2}");
    let started = Instant::now();
    let mut cursor = 0i64;
    let mut got = 0usize;
    let mut wire_down = 0usize;
    loop {
        let res = client
            .get(format!(
                "{base}/api/v1/sync/pull?cursor={cursor}&limit=1000"
            ))
            .header("cookie", &cookie2)
            .header("accept-encoding", "gzip")
            .send()
            .await
            .expect("pull");
        let bytes = res.bytes().await.expect("body");
        wire_down += bytes.len();
        let text = if bytes.starts_with(&[0x1f, 0x8b]) {
            let mut d = flate2::read::GzDecoder::new(&bytes[..]);
            let mut s = String::new();
            std::io::Read::read_to_string(&mut d, &mut s).expect("gunzip");
            s
        } else {
            String::from_utf8_lossy(&bytes).into_owned()
        };
        let page: app::sync::PullResponse = serde_json::from_str(&text).expect("page");
        got += page.changes.len();
        cursor = page.next_cursor;
        if !page.has_more {
            break;
        }
    }
    let pull = started.elapsed();
    println!(
        "http push: {n} mutations in {} requests: {:.2} s, {:.2} MB on the wire (gzip; {:.2} MB raw)",
        n.div_ceil(BATCH),
        push.as_secs_f64(),
        wire_up as f64 / 1e6,
        raw_up as f64 / 1e6
    );
    println!(
        "http pull: {got} changes: {:.2} s, {:.2} MB on the wire (gzip)",
        pull.as_secs_f64(),
        wire_down as f64 / 1e6
    );
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

async fn many_devices(devices: usize, spread: Duration, label: &str) {
    let dir = tempfile::tempdir().expect("dir");
    let st = state(dir.path()).await;
    let mut sessions = Vec::with_capacity(devices);
    for i in 0..devices {
        let who = if i % 2 == 0 { "wangjing" } else { "liming" };
        sessions.push(device(&st, who).await);
    }
    let base = Arc::new(serve(st.clone()).await);
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .expect("client");
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (i, (user, dev, token)) in sessions.into_iter().enumerate() {
        let delay = spread.mul_f64(i as f64 / devices as f64);
        let (client, base) = (client.clone(), base.clone());
        tasks.push(tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            let cookie = format!("butler_session={token}");
            let cluster = user.clusters[0].id;
            let batch: Vec<Mutation> = (0..10)
                .map(|k| Mutation::new(k as i64 + 1, create_op(cluster, k)))
                .collect();
            let body = PushRequest {
                protocol: app::sync::PROTOCOL_VERSION,
                device_id: dev,
                mutations: batch,
            };
            let mut lat = Vec::new();
            let mut errors = 0usize;
            let t = Instant::now();
            match client
                .post(format!("{base}/api/v1/sync/push"))
                .header("cookie", &cookie)
                .json(&body)
                .send()
                .await
            {
                Ok(r) if r.status().is_success() => {
                    let _ = r.bytes().await;
                }
                _ => errors += 1,
            }
            lat.push(t.elapsed());
            let t = Instant::now();
            match client
                .get(format!("{base}/api/v1/sync/pull?cursor=0&limit=100"))
                .header("cookie", &cookie)
                .send()
                .await
            {
                Ok(r) if r.status().is_success() => {
                    let _ = r.bytes().await;
                }
                _ => errors += 1,
            }
            lat.push(t.elapsed());
            (lat, errors)
        }));
    }
    let mut lat = Vec::new();
    let mut errors = 0;
    for t in tasks {
        let (l, e) = t.await.expect("task");
        lat.extend(l);
        errors += e;
    }
    let wall = started.elapsed();
    lat.sort();
    let stored: i64 = st
        .db
        .read(|c| Ok(c.query_row("SELECT COUNT(*) FROM mutation_outcomes", [], |r| r.get(0))?))
        .await
        .expect("count");
    let expected = devices * 10;
    println!(
        "{label}: {devices} devices, {} requests in {:.1} s: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; errors {errors}; mutations stored {stored}/{expected} (lost {})",
        lat.len(),
        wall.as_secs_f64(),
        percentile(&lat, 0.5),
        percentile(&lat, 0.99),
        percentile(&lat, 1.0),
        expected as i64 - stored
    );
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    // `cargo bench -p server --bench sync -- apply` runs only the parts whose name matches.
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let run = |name: &str| only.is_empty() || only.iter().any(|o| name.contains(o.as_str()));
    rt.block_on(async {
        if run("apply") {
            apply_throughput(10_000).await;
        }
        if run("http") {
            http_push_pull(10_000).await;
        }
        if run("load") {
            many_devices(1000, Duration::from_secs(10), "load (a) arrivals over 10 s").await;
            many_devices(1000, Duration::ZERO, "load (b) all at once").await;
        }
    });
}
