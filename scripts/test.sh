#!/usr/bin/env bash
# Everything CI checks, in order: rustfmt, clippy (server and wasm32, warnings denied), all
# cargo tests, the release build, schemathesis against a live demo server, and the Playwright
# tests in Debian's Chromium.
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

step "release build (cargo leptos)"
cargo leptos build --release --precompress --split

step "API against its OpenAPI description (schemathesis, office and butler)"
scripts/schemathesis.sh

step "end-to-end (Playwright, Chromium)"
(cd end2end && npx playwright test)

echo
echo "all checks passed in $(( $(date +%s) - started )) s"
