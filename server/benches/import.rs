//! Import benchmark (issue 7): 20,000 units with a household each, from a generated .xlsx,
//! read and applied in one transaction against the demo estate; then the same file again (every
//! row compared, nothing written). Target: ≤ 5 s for the first import. It measures and prints;
//! it asserts nothing. Run: `scripts/bench.sh` (or `cargo bench -p server --bench import`).

#![allow(clippy::print_stdout)]

use app::domain::time::estate_today;
use app::estate::api::{Encoding, Field, ImportRequest};
use server::config::Config;
use server::estate::{import, read};
use std::time::Instant;

fn xlsx(rows: usize) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let headers = [
        "组团",
        "楼栋",
        "单元",
        "房号",
        "建筑面积",
        "客户姓名",
        "身份",
        "联系电话",
        "通讯地址",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("header");
    }
    for i in 0..rows {
        let row = i as u32 + 1;
        let building = 201 + i / 500;
        let entrance = 1 + (i / 250) % 2;
        let room = format!("{}{:02}", 1 + (i / 10) % 25, 1 + i % 10);
        sheet.write_string(row, 0, "北区组团").expect("cell");
        sheet.write_number(row, 1, building as f64).expect("cell");
        sheet.write_number(row, 2, entrance as f64).expect("cell");
        sheet.write_string(row, 3, &room).expect("cell");
        sheet.write_number(row, 4, 90.5).expect("cell");
        sheet
            .write_string(row, 5, format!("住户{i}"))
            .expect("cell");
        sheet.write_string(row, 6, "业主").expect("cell");
        sheet
            .write_number(row, 7, (13_900_000_000u64 + i as u64) as f64)
            .expect("cell");
        sheet
            .write_string(row, 8, format!("北区{building}栋{entrance}单元{room}"))
            .expect("cell");
    }
    book.save_to_buffer().expect("xlsx")
}

fn main() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        let dir = tempfile::tempdir().expect("dir");
        let mut config = Config::for_tests(dir.path().join("bench.db"));
        config.log = "error".into();
        let state = server::build_state(config).await.expect("state");
        let rows = 20_000;
        let bytes = xlsx(rows);
        println!("import: {rows} units with households, .xlsx of {} KB", bytes.len() / 1024);
        let user = state
            .db
            .read(|c| Ok(server::db::staff::find_for_sign_in(c, "chenfang")?.expect("user").id))
            .await
            .expect("user");
        for round in ["first import", "same file again"] {
            let bytes = bytes.clone();
            let started = Instant::now();
            let report = state
                .db
                .write_or_roll_back(move |tx| {
                    let t0 = Instant::now();
                    let table = read::read(&bytes, Encoding::Auto).expect("read");
                    let read_ms = t0.elapsed().as_millis();
                    let req = ImportRequest {
                        encoding: Encoding::Auto,
                        mapping: table.headers.iter().map(|h| Field::guess(h)).collect(),
                        remove_missing: false,
                    };
                    let target = import::Target {
                        import: uuid::Uuid::now_v7(),
                        file_name: "bench.xlsx".into(),
                        user,
                        today: estate_today(chrono::Utc::now()),
                    };
                    let report = import::run(tx, &table, &req, &target)?;
                    Ok(((report, read_ms), true))
                })
                .await
                .expect("import");
            let (report, read_ms) = report;
            println!(
                "  {round}: {:.2} s in all (reading the file {:.2} s); new units {}, unchanged {}, new households {}, problems {}",
                started.elapsed().as_secs_f64(),
                read_ms as f64 / 1000.0,
                report.counts.units_new,
                report.counts.units_unchanged,
                report.counts.households_new,
                report.problems.len()
            );
        }
    });
}
