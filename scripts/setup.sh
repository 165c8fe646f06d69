#!/usr/bin/env bash
# Installs what building and testing Butler needs, skipping whatever is already there.
# Sourced by scripts/run.sh and scripts/test.sh; `BUTLER_WITH_BROWSER=1` adds Chromium.
# Versions: cargo-leptos 0.3.10 (0.3.11 needs rustc 1.96), wasm-bindgen-cli equal to the
# wasm-bindgen in Cargo.lock, wasm-opt from npm's binaryen (Debian's is too old and breaks
# hydration), Chromium from Debian (Playwright must never download a browser here).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CARGO_LEPTOS_VERSION="0.3.10"
export PATH="$HOME/.cargo/bin:$ROOT/end2end/node_modules/.bin:$PATH"

say() { printf '\033[1;36m[setup]\033[0m %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root to run: $*" >&2; return 1; fi
}

if ! command -v cargo >/dev/null; then
  echo "Rust is missing: install it with rustup (https://rustup.rs) first." >&2
  exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 12 minutes on 2 cores)"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
fi

WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' "$ROOT/Cargo.lock")"
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes)"
  # Without --locked: its lock file names a crate version the registry no longer has.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if [ ! -x "$ROOT/end2end/node_modules/.bin/wasm-opt" ] || [ "$ROOT/end2end/package-lock.json" -nt "$ROOT/end2end/node_modules/.package-lock.json" ]; then
  say "installing npm packages (binaryen's wasm-opt, Playwright)"
  (cd "$ROOT/end2end" && npm ci --no-audit --no-fund)
fi

if [ "${BUTLER_WITH_BROWSER:-0}" = 1 ] && ! { command -v chromium >/dev/null && command -v chromedriver >/dev/null; }; then
  say "installing Debian's chromium and chromium-driver"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# schemathesis (PyPI), for scripts/schemathesis.sh, in a virtual environment of its own.
# Python 3.11.0-3.11.7 and 3.12.0-3.12.1 share one recursion counter between threads in
# ast.parse (CPython gh-106905, fixed by PR 113035), and schemathesis's two workers then fail
# now and then with "AST constructor recursion depth mismatch": the venv is made with a Python
# that has the fix when this machine has one (pyenv's included), and schemathesis.sh runs one
# worker when it has none.
SCHEMATHESIS_VERSION="4.32.5"
export BUTLER_VENV="$ROOT/target/venv"
python_has_ast_fix() {
  "$1" -c 'import sys, venv; v = sys.version_info[:3]; sys.exit(0 if v >= (3, 12, 2) or (3, 11, 8) <= v < (3, 12) else 1)' 2>/dev/null
}
pick_python() {
  local candidate
  for candidate in python3.14 python3.13 python3.12 python3 \
    "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[3-9]*/bin/python3; do
    candidate="$(command -v "$candidate" 2>/dev/null)" || continue
    if python_has_ast_fix "$candidate"; then echo "$candidate"; return; fi
  done
  command -v python3
}
if [ "${BUTLER_WITH_API_TESTS:-0}" = 1 ]; then
  SCHEMATHESIS_PYTHON="$(pick_python)"
  if ! "$BUTLER_VENV/bin/st" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION" ||
    [ "$(cat "$BUTLER_VENV/.made-with" 2>/dev/null)" != "$SCHEMATHESIS_PYTHON" ]; then
    say "installing schemathesis $SCHEMATHESIS_VERSION (PyPI) into target/venv, with $SCHEMATHESIS_PYTHON"
    rm -rf "$BUTLER_VENV"
    "$SCHEMATHESIS_PYTHON" -m venv "$BUTLER_VENV"
    "$BUTLER_VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
    echo "$SCHEMATHESIS_PYTHON" >"$BUTLER_VENV/.made-with"
  fi
fi
