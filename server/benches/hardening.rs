//! Hardening benchmark (issue 12): the inputs of points 1–4 against a real server process
//! (the release build, demo estate, on loopback), with the process's peak memory around each
//! request (`VmHWM` of `/proc/<pid>/status`, reset before each by writing 5 to `clear_refs`).
//! Also: the database's growth for 500 briefing entries of 2,000 characters, the largest pull
//! page, and sign-in latency with 100 attempts at once. It measures and prints; it asserts
//! nothing. Targets: no request raises peak RSS by more than 100 MB; growth ≤ 5 MB; largest
//! pull page ≤ 2 MB. Run: `scripts/bench.sh` (or `cargo bench -p server --bench hardening`
//! after `cargo leptos build --release`).

#![allow(clippy::print_stdout)]

use app::domain::checklist::{latest_versions, Purpose, Template};
use app::domain::RunId;
use app::session::SignInResponse;
use app::sync::{Mutation, Op, PullResponse, PushRequest, PROTOCOL_VERSION};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use uuid::Uuid;

struct Server {
    child: Child,
    base: String,
    db: PathBuf,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    async fn start() -> Server {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let bin = std::env::var_os("BUTLER_SERVER_BIN")
            .map(PathBuf::from)
            .unwrap_or_else(|| root.join("target/release/server"));
        let dir = tempfile::tempdir().expect("temp dir");
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let db = dir.path().join("butler.db");
        let child = Command::new(&bin)
            .args(["--demo", "--log", "error", "--listen"])
            .arg(format!("127.0.0.1:{port}"))
            .arg("--db")
            .arg(&db)
            .arg("--site-root")
            .arg(root.join("target/site"))
            .stdout(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "{}: {e} (build it: cargo leptos build --release)",
                    bin.display()
                )
            });
        let base = format!("http://127.0.0.1:{port}");
        let client = reqwest::Client::new();
        for _ in 0..200 {
            if client.get(format!("{base}/health")).send().await.is_ok() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Server {
            child,
            base,
            db,
            _dir: dir,
        }
    }

    fn status(&self, key: &str) -> u64 {
        let text = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        text.lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    }

    /// Resets the peak to what the process holds now, and answers that.
    fn reset_peak(&self) -> u64 {
        let _ = std::fs::write(format!("/proc/{}/clear_refs", self.child.id()), "5");
        self.status("VmRSS:")
    }

    /// The process is there and not a zombie.
    fn alive(&self) -> bool {
        std::fs::read_to_string(format!("/proc/{}/stat", self.child.id()))
            .ok()
            .and_then(|t| t.rsplit(") ").next().map(|rest| !rest.starts_with('Z')))
            .unwrap_or(false)
    }

    /// Bytes the database's pages hold (the file as SQLite counts it, WAL included).
    fn db_bytes(&self) -> i64 {
        let c = rusqlite::Connection::open_with_flags(
            &self.db,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .expect("open");
        let pages: i64 = c
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .expect("pages");
        let free: i64 = c
            .query_row("PRAGMA freelist_count", [], |r| r.get(0))
            .expect("free");
        let size: i64 = c
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .expect("size");
        (pages - free) * size
    }
}

struct Signed {
    client: reqwest::Client,
    who: SignInResponse,
}

async fn sign_in(s: &Server, username: &str) -> Signed {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client");
    let res = client
        .post(format!("{}/api/v1/auth/sign-in", s.base))
        .json(&serde_json::json!({ "username": username, "password": "demo1234" }))
        .send()
        .await
        .expect("sign-in");
    assert!(res.status().is_success(), "sign-in {}", res.status());
    let who = res.json().await.expect("who");
    Signed { client, who }
}

/// Runs `f` and prints how far it raised the server's peak memory.
async fn peak<F, T>(s: &Server, what: &str, f: F) -> T
where
    F: std::future::Future<Output = T>,
{
    let before = s.reset_peak();
    let t = Instant::now();
    let out = f.await;
    let ms = t.elapsed().as_millis();
    let hwm = s.status("VmHWM:");
    let up = s.alive();
    println!(
        "  {what:<58} peak +{:>6.1} MB (RSS {:>6.1} → peak {:>6.1} MB), {ms} ms{}",
        hwm.saturating_sub(before) as f64 / 1024.0,
        before as f64 / 1024.0,
        hwm as f64 / 1024.0,
        if up { "" } else { "  SERVER DIED" }
    );
    out
}

fn xlsx_with(cells: &[(u32, u16, &str)]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, c, text) in cells {
        sheet.write_string(*r, *c, *text).expect("cell");
    }
    book.save_to_buffer().expect("xlsx")
}

/// A zip with one entry of `mib` MiB of `byte`, deflated to a few KB.
fn inflating(entry: &str, mib: usize, byte: u8) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file(entry, deflated).expect("entry");
    let chunk = vec![byte; 1024 * 1024];
    for _ in 0..mib {
        zip.write_all(&chunk).expect("write");
    }
    zip.finish().expect("zip").into_inner()
}

async fn upload(office: &Signed, s: &Server, bytes: Vec<u8>) -> (u16, serde_json::Value) {
    let res = office
        .client
        .post(format!("{}/api/v1/estate/imports?name=bench.xlsx", s.base))
        .header("content-type", "application/octet-stream")
        .body(bytes)
        .send()
        .await
        .expect("upload");
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or_default())
}

#[tokio::main]
async fn main() {
    let s = Server::start().await;
    let office = sign_in(&s, "chenfang").await;
    println!("hardening: a release server process, demo estate");

    println!("1. spreadsheets");
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "xlsx, cells at A1 and XFD1048576",
            xlsx_with(&[(0, 0, "楼栋"), (1_048_575, 16_383, "x")]),
        ),
        (
            "xlsx, cells at A1, B1 and Z1000000",
            xlsx_with(&[(0, 0, "楼栋"), (0, 1, "房号"), (999_999, 25, "3")]),
        ),
        (
            "xlsx, a sheet inflating to 512 MiB of spaces",
            inflating("xl/worksheets/sheet1.xml", 512, b' '),
        ),
        (
            "xlsx, a shared string of 200 MB",
            inflating("xl/sharedStrings.xml", 200, b'a'),
        ),
        ("CSV, a header of a million commas", {
            let mut wide = "楼栋,房号".to_owned();
            wide.push_str(&",".repeat(1_000_000));
            wide.push_str("\n3,1201\n");
            wide.into_bytes()
        }),
        (
            "CSV, one cell of 19 MB",
            format!("楼栋,房号,备注\n3,1201,{}\n", "a".repeat(19_000_000)).into_bytes(),
        ),
    ];
    for (what, bytes) in cases {
        let size = bytes.len();
        let (status, _) = peak(&s, &format!("{what} ({} KB)", size / 1024), async {
            upload(&office, &s, bytes).await
        })
        .await;
        println!("      answered {status}");
    }

    println!("2. phones in exponent form");
    for phone in ["1E+999999999999", "1E+18446744073709551615"] {
        let csv = format!("楼栋,单元,房号,客户姓名,联系电话\n3,1,1201,张三,{phone}\n").into_bytes();
        let (status, file) = upload(&office, &s, csv).await;
        let id = file["id"].as_str().unwrap_or_default().to_owned();
        let mapping = file["mapping"].clone();
        let res = peak(&s, &format!("preview of a phone {phone}"), async {
            office
                .client
                .post(format!("{}/api/v1/estate/imports/{id}/preview", s.base))
                .json(&serde_json::json!({ "mapping": mapping, "encoding": "auto" }))
                .send()
                .await
                .map(|r| r.status().as_u16())
        })
        .await;
        println!("      upload {status}, preview {res:?}");
    }

    println!("3. sign-in: 100 at once with made-up usernames");
    let attempts = peak(&s, "100 concurrent sign-ins", async {
        let client = reqwest::Client::new();
        let mut tasks = vec![];
        for i in 0..100 {
            let (client, base) = (client.clone(), s.base.clone());
            tasks.push(tokio::spawn(async move {
                let t = Instant::now();
                let status = client
                    .post(format!("{base}/api/v1/auth/sign-in"))
                    .json(&serde_json::json!({ "username": format!("nobody{i}"), "password": "guess" }))
                    .send()
                    .await
                    .map(|r| r.status().as_u16())
                    .unwrap_or(0);
                (t.elapsed(), status)
            }));
        }
        let mut out = vec![];
        for t in tasks {
            out.push(t.await.expect("task"));
        }
        out
    })
    .await;
    let mut ms: Vec<f64> = attempts
        .iter()
        .map(|(d, _)| d.as_secs_f64() * 1000.0)
        .collect();
    ms.sort_by(f64::total_cmp);
    let pct = |p: f64| ms[((ms.len() as f64 * p).ceil() as usize).clamp(1, ms.len()) - 1];
    let mut statuses: BTreeMap<u16, usize> = BTreeMap::new();
    for (_, st) in &attempts {
        *statuses.entry(*st).or_default() += 1;
    }
    println!(
        "      latency p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms; answers {statuses:?}",
        pct(0.5),
        pct(0.99),
        pct(1.0)
    );

    println!("4. briefing entries and pull pages");
    let butler = sign_in(&s, "wangjing").await;
    let templates: Vec<Template> = butler
        .client
        .get(format!("{}/api/v1/templates", s.base))
        .send()
        .await
        .expect("templates")
        .json()
        .await
        .expect("templates");
    let briefing = latest_versions(&templates)
        .into_iter()
        .find(|t| t.purpose == Purpose::Briefing)
        .expect("briefing")
        .version_id;
    let cluster = butler.who.user.clusters[0].id;
    let mut seq = 0i64;
    let mut next = |op: Op| {
        seq += 1;
        Mutation::new(seq, op)
    };
    let today = app::domain::time::estate_today(chrono::Utc::now());
    let push = |mutations: Vec<Mutation>| {
        let body = serde_json::to_vec(&PushRequest {
            protocol: PROTOCOL_VERSION,
            device_id: butler.who.device_id,
            mutations,
        })
        .expect("body");
        let len = body.len();
        let req = butler
            .client
            .post(format!("{}/api/v1/sync/push", s.base))
            .header("content-type", "application/json")
            .body(body);
        (len, req)
    };
    let entry_of = |run: RunId, i: usize, c: char| Op::AddEntry {
        run,
        entry: Uuid::now_v7(),
        item: "briefing.security".into(),
        values: BTreeMap::from([(
            "matter".to_owned(),
            format!("{i:04}{}", c.to_string().repeat(1996)),
        )]),
        follow_up: None,
    };
    // A briefing started and `n` matters of 2,000 `c`s added to it.
    let mut briefing_run = |n: usize, c: char| {
        let run = RunId::new_v7();
        let mut mutations = vec![next(Op::StartRun {
            id: run,
            template_version: briefing,
            cluster_id: cluster,
            date: today,
            unit: None,
        })];
        for i in 0..n {
            mutations.push(next(entry_of(run, i, c)));
        }
        mutations
    };
    // The push: one run, 499 entries of 2,000 characters in one push.
    let before = s.db_bytes();
    let (len, req) = push(briefing_run(499, '事'));
    let status = peak(
        &s,
        &format!("one push: a run and 499 entries ({} KB)", len / 1024),
        async { req.send().await.map(|r| r.status().as_u16()) },
    )
    .await;
    println!(
        "      answered {status:?}; the database grew {:.2} MB (entries past 100 a run refused)",
        (s.db_bytes() - before) as f64 / 1_048_576.0
    );
    // 500 entries accepted: five runs of 100, in Latin letters and in Chinese (3 bytes each).
    for (c, script) in [('a', "Latin letters"), ('事', "Chinese characters")] {
        let before = s.db_bytes();
        for r in 0..5 {
            let (len, req) = push(briefing_run(100, c));
            let status = peak(
                &s,
                &format!("push {}: a run and 100 entries ({} KB)", r + 1, len / 1024),
                async { req.send().await.map(|r| r.status().as_u16()) },
            )
            .await;
            if status.as_ref().map_or(true, |s| *s != 200) {
                println!("      answered {status:?}");
            }
        }
        println!(
            "      500 entries of 2,000 {script}: the database grew {:.2} MB",
            (s.db_bytes() - before) as f64 / 1_048_576.0
        );
    }
    let (largest, pages) = peak(&s, "pull everything from cursor 0", async {
        let (mut cursor, mut largest, mut pages) = (0i64, 0usize, 0usize);
        loop {
            let res = butler
                .client
                .get(format!(
                    "{}/api/v1/sync/pull?cursor={cursor}&protocol={PROTOCOL_VERSION}",
                    s.base
                ))
                .header("accept-encoding", "identity")
                .send()
                .await
                .expect("pull");
            let bytes = res.bytes().await.expect("body");
            largest = largest.max(bytes.len());
            pages += 1;
            let page: PullResponse = serde_json::from_slice(&bytes).expect("page");
            cursor = page.next_cursor;
            if !page.has_more {
                break (largest, pages);
            }
        }
    })
    .await;
    println!(
        "      {pages} pages; the largest {:.2} MB uncompressed",
        largest as f64 / 1_048_576.0
    );
    println!(
        "server up at the end: {}",
        if s.alive() { "yes" } else { "NO" }
    );
}
