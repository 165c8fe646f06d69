#!/usr/bin/env bash
# Everything CI checks, in order: rustfmt, clippy (server and wasm32, warnings denied), all
# cargo tests, the release build of the browser, schemathesis against a live demo server (the
# server `cargo test` built), and the Playwright tests in Debian's Chromium.
# Installs whatever is missing first. `.ci/run` calls exactly this.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUTLER_WITH_BROWSER=1 BUTLER_WITH_API_TESTS=1 source scripts/setup.sh

step() { printf '\n\033[1;35m== %s\033[0m\n' "$*"; }
started=$(date +%s)

step "rustfmt"
cargo fmt --all -- --check

step "clippy: server (ssr)"
cargo clippy --workspace --exclude frontend --all-targets --locked -- -D warnings

step "clippy: browser (wasm32, hydrate)"
cargo clippy -p frontend -p app --features app/hydrate --target wasm32-unknown-unknown --locked -- -D warnings

step "cargo test"
cargo test --workspace --exclude frontend --locked

step "release build of the browser (cargo leptos, front only)"
# The server the checks below run is the one `cargo test` has just built (debug, with overflow
# checks and debug assertions on): building it again in release took about 10 of CI's minutes.
# `scripts/run.sh` and the benchmarks build and run the release server.
cargo leptos build --release --precompress --split --frontend-only
[[ -x target/debug/server ]] || cargo build -p server --locked
cp target/release/hash.txt target/debug/hash.txt
export BUTLER_SERVER_BIN="$ROOT/target/debug/server"

step "API against its OpenAPI description (schemathesis, office and butler)"
scripts/schemathesis.sh

step "end-to-end (Playwright, Chromium)"
(cd end2end && npx playwright test)

echo
echo "all checks passed in $(( $(date +%s) - started )) s"
