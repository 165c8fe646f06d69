#!/usr/bin/env bash
# Builds Butler in release mode and serves it on http://127.0.0.1:3000 in demo mode, with its
# SQLite file under ./data/. Installs whatever is missing first. Extra arguments go to the
# server (see `target/release/server --help`), e.g. `--listen 0.0.0.0:3000`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/setup.sh

echo "[run] building (release)…"
cargo leptos build --release --precompress --split

mkdir -p data
cat <<'TXT'

  物业管家 Butler — demo estate 翠湖花园
  Open   http://127.0.0.1:3000
  Demo accounts (password for all: demo1234)
    wangjing   王静   butler (客服管家), 东区组团      phone
    liming     李明   butler (客服管家), 西区组团      phone
    chenfang   陈芳   office (物业服务中心)            desktop
    admin      系统管理员  admin (管理员)              desktop
    zhaoqiang  赵强   engineering (工程) repairer     phone
    sunwei     孙伟   engineering (工程) repairer     phone
    zhouyong   周勇   security (安防) guard           phone
    wuli       吴丽   cleaning (保洁)                 phone

TXT
export LEPTOS_SITE_ROOT="$ROOT/target/site"
exec "$ROOT/target/release/server" --demo --db "$ROOT/data/butler.db" "$@"
