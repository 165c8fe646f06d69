//! The fuzz targets' inputs under stable `cargo test`: every seed (`server/fuzz/seeds/`) and
//! every input the fuzzer found a fault with (`server/tests/fuzz-regressions/`, kept after
//! the fault was fixed), through the same functions the targets call (`server::fuzzing`).
//! The seeds must also still be what they claim: valid pushes and readable files.

use std::path::{Path, PathBuf};

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = vec![];
    for dir in [
        root.join("fuzz/seeds").join(target),
        root.join("tests/fuzz-regressions").join(target),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_file() && path.file_name().is_some_and(|n| n != ".gitkeep") {
                let bytes = std::fs::read(&path).expect("readable input");
                found.push((path, bytes));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn spreadsheet_inputs() {
    let all = inputs("spreadsheet");
    assert!(all.len() >= 3, "the seeds are there");
    for (path, bytes) in &all {
        eprintln!("{}", path.display());
        server::fuzzing::spreadsheet(bytes);
    }
    for (path, bytes) in all.iter().filter(|(p, _)| p.starts_with(seeds())) {
        assert!(
            server::estate::read::read(bytes, Default::default()).is_ok(),
            "seed {} reads",
            path.display()
        );
    }
}

#[test]
fn code_inputs() {
    let all = inputs("codes");
    assert!(all.len() >= 5, "the seeds are there");
    for (path, bytes) in &all {
        eprintln!("{}", path.display());
        server::fuzzing::codes(bytes);
    }
}

#[test]
fn push_inputs() {
    let all = inputs("push");
    assert!(all.len() >= 5, "the seeds are there");
    let dir = tempfile::tempdir().expect("temp dir");
    let push = server::fuzzing::Push::new(&dir.path().join("butler.db"));
    for (path, bytes) in &all {
        let verdicts = push.run(bytes);
        eprintln!("{}: {verdicts:?}", path.display());
        // A seed the rules no longer take (the protocol moved on, a placeholder gone) would
        // fuzz little but the refusals: each must be read, and some of it applied.
        if path.starts_with(seeds()) {
            let applied = verdicts
                .iter()
                .filter(|v| matches!(v, app::sync::Verdict::Applied))
                .count();
            assert!(
                applied > 0,
                "seed {} is partly applied: {verdicts:?}",
                path.display()
            );
        }
    }
}

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds")
}
