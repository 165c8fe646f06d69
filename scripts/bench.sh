#!/usr/bin/env bash
# Benchmarks (they measure and print; they assert nothing): first visit's bytes on the wire,
# WASM size raw / gzip / brotli. Needs the release build (`scripts/run.sh` or `scripts/test.sh`).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUTLER_WITH_BROWSER=1 source scripts/setup.sh
[ -x target/release/server ] || cargo leptos build --release --precompress
(cd end2end && npx playwright test -c bench.config.ts)
