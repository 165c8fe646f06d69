#!/usr/bin/env bash
# Fuzzes the server's input handling with cargo-fuzz (libFuzzer, AddressSanitizer) for a
# bounded time a target (not part of CI):
#   push         a push body, decoded and decided against the demo estate (rolled back)
#   spreadsheet  an uploaded file, as the import reads it (.xlsx, CSV, anything else)
#   codes        a cell's text through the phone normalisers and the unit-code readers
#
#   scripts/fuzz.sh                 # every target, 5 minutes each
#   scripts/fuzz.sh codes 60        # one target, 60 seconds
#
# Needs nightly (installed here with rustup if missing) and cargo-fuzz. The corpus grows in
# server/fuzz/corpus/<target> (not committed), from the seeds in server/fuzz/seeds/<target>.
# A crash is written to server/fuzz/artifacts/<target>/: fix the fault, then copy the input
# into server/tests/fuzz-regressions/<target>/, where stable `cargo test` replays it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
TARGETS=(push spreadsheet codes)
if [[ $# -ge 1 ]]; then TARGETS=("$1"); fi
SECONDS_EACH="${2:-300}"

if ! rustup toolchain list | grep -q '^nightly'; then
  rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

# cargo-fuzz sets RUSTFLAGS, which replaces .cargo/config.toml's; Leptos' view types need
# erase_components to compile within the recursion limit (as in every other build here).
export RUSTFLAGS="${RUSTFLAGS:-} --cfg erase_components"

status=0
for target in "${TARGETS[@]}"; do
  corpus="server/fuzz/corpus/$target"
  mkdir -p "$corpus" "server/fuzz/artifacts/$target"
  started="$(mktemp)"
  echo "[fuzz] $target for ${SECONDS_EACH} s"
  # -rss_limit_mb: a single input must not need more than the server's per-request budget.
  cargo +nightly fuzz run --fuzz-dir server/fuzz "$target" "$corpus" "server/fuzz/seeds/$target" -- \
    -max_total_time="$SECONDS_EACH" -rss_limit_mb=1024 -max_len=262144 -timeout=10 \
    -print_final_stats=1 2>&1 | tee "server/fuzz/$target.log" | grep -E '^(#[0-9]+ +(DONE|INITED)|==|SUMMARY|stat::number_of_executed_units|artifact_prefix|Test unit written)' || true
  found="$(find "server/fuzz/artifacts/$target" -type f -newer "$started")"
  rm -f "$started"
  if [[ -n "$found" ]]; then
    echo "[fuzz] $target found faults:" $found >&2
    status=1
  fi
done
exit "$status"
