//! A push body, decoded and decided against the demo estate (rolled back each time).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

struct Harness {
    push: server::fuzzing::Push,
    _dir: tempfile::TempDir,
}

static HARNESS: OnceLock<Harness> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let h = HARNESS.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let push = server::fuzzing::Push::new(&dir.path().join("butler.db"));
        Harness { push, _dir: dir }
    });
    h.push.run(data);
});
