#!/usr/bin/env bash
# schemathesis against a live demo server, from the server's own OpenAPI description
# (`/api/v1/openapi.json`): signed in as the demo office user and as a butler, every operation
# is sent generated requests (valid and invalid), and the run fails on any server error (5XX)
# or any answer whose status, content type or body the description does not allow.
#
#   scripts/schemathesis.sh                 # the release build (scripts/test.sh builds it first)
#   BUTLER_SERVER_BIN=target/debug/server scripts/schemathesis.sh
#   BUTLER_ST_EXAMPLES=200 scripts/schemathesis.sh   # more cases an operation (default 40)
#
# Needs schemathesis (scripts/setup.sh installs it). The server runs on a fresh temporary
# database; nothing of ./data is touched.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BIN="${BUTLER_SERVER_BIN:-$ROOT/target/release/server}"
PORT="${BUTLER_ST_PORT:-3091}"
EXAMPLES="${BUTLER_ST_EXAMPLES:-40}"
BASE="http://127.0.0.1:$PORT"
ST="${BUTLER_VENV:-$ROOT/target/venv}/bin/st"
[[ -x "$ST" ]] || ST="$(command -v st || true)"
if [[ -z "$ST" ]]; then
  echo "[schemathesis] not installed: run scripts/setup.sh" >&2
  exit 1
fi

# Two workers are threads of one Python: only where its ast.parse is thread-safe (see setup.sh).
WORKERS=1
PY="$(dirname "$ST")/python"
if [[ -x "$PY" ]] && "$PY" -c 'import sys; v = sys.version_info[:3]; sys.exit(0 if v >= (3, 12, 2) or (3, 11, 8) <= v < (3, 12) else 1)'; then
  WORKERS=2
fi

work="$(mktemp -d)"
"$BIN" --demo --db "$work/butler.db" --listen "127.0.0.1:$PORT" --log warn \
  --site-root "$ROOT/target/site" >"$work/server.log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

for _ in $(seq 1 100); do
  curl -fsS "$BASE/health" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fsS "$BASE/health" >/dev/null

sign_in() {
  curl -fsS -o /dev/null -D - -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"demo1234\"}" "$BASE/api/v1/auth/sign-in" |
    tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(butler_session=[^;]*\).*/\1/p' | head -n1
}

status=0
started=$(date +%s)
for user in chenfang wangjing; do
  cookie="$(sign_in "$user")"
  if [[ -z "$cookie" ]]; then
    echo "[schemathesis] could not sign in as $user" >&2
    exit 1
  fi
  echo "[schemathesis] as $user ($WORKERS worker(s), $("$PY" --version 2>&1))"
  # Left out: signing out and changing one's own password end the session the run uses.
  "$ST" run "$BASE/api/v1/openapi.json" \
    --header "Cookie: $cookie" \
    --header "Sec-Fetch-Site: same-origin" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    --exclude-path /api/v1/auth/sign-out \
    --exclude-path /api/v1/auth/password \
    --max-examples "$EXAMPLES" \
    --max-redirects 0 \
    --seed 20261203 \
    --workers "$WORKERS" \
    --request-timeout 20 \
    --suppress-health-check all \
    --warnings off || status=$?
  if grep -q "panicked" "$work/server.log"; then
    echo "[schemathesis] the server logged a panic:" >&2
    grep -A3 "panicked" "$work/server.log" >&2
    status=1
  fi
done
kill -0 "$server" 2>/dev/null || { echo "[schemathesis] the server died" >&2; status=1; }
echo "[schemathesis] finished in $(( $(date +%s) - started )) s, status $status"
exit "$status"
