#!/usr/bin/env bash
# Benchmarks (they measure and print; they assert nothing):
#  - server: sync apply throughput against bare inserts, HTTP push/pull of 10,000, 1,000 devices;
#    the import; hardening (peak memory of a real server process under hostile inputs)
#  - browser: first visit's bytes on the wire, time to interactive of /m on a slow phone, tap-to-persisted, first sync of 10,000 and 50,000
# Figures go to stdout and end2end/.cache/*.json. Needs the release build (`scripts/run.sh`
# or `scripts/test.sh` makes it).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUTLER_WITH_BROWSER=1 source scripts/setup.sh
[ -x target/release/server ] || cargo leptos build --release --precompress --split
# A thousand simultaneous connections need more than the default 1,024 open files.
ulimit -n 8192 || true
cargo bench -p server --bench sync -- "$@"
cargo bench -p server --bench import
cargo bench -p server --bench hardening
(cd end2end && npx playwright test -c bench.config.ts)
