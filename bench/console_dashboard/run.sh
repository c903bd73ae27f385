#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Load time of the analytics dashboard in chromium with the default demo store (issue 7); see
# README.md.
#   bench/console_dashboard/run.sh               # 50k customers / 200k orders, 20 runs
# Environment: CUSTOMERS (50000), ORDERS (200000), SEED (1), RUNS (20), PAGE (/analytics),
# BUILD (build/release), WEB_ROOT (web/dist), WORK (/tmp/console-dashboard-$CUSTOMERS; the demo
# database is kept and reused — delete it after a day change to regenerate "the last 30 days").
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
CUSTOMERS=${CUSTOMERS:-50000}
ORDERS=${ORDERS:-200000}
SEED=${SEED:-1}
RUNS=${RUNS:-20}
PAGE=${PAGE:-/analytics}
BUILD=${BUILD:-$repo/build/release}
WORK=${WORK:-/tmp/console-dashboard-$CUSTOMERS}
SHOPCRM=$BUILD/src/app/shopcrm
WEB_ROOT=${WEB_ROOT:-$repo/web/dist}

[[ -x $SHOPCRM ]] || { echo "missing $SHOPCRM: build the shopcrm target in $BUILD" >&2; exit 1; }
[[ -f $WEB_ROOT/index.html ]] || { echo "missing $WEB_ROOT: (cd web && npm ci && npm run build)" >&2; exit 1; }
[[ -d $repo/tests/e2e/node_modules/playwright-core ]] || (cd "$repo/tests/e2e" && npm ci --no-audit --no-fund >/dev/null)
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
export SHOPCRM_ADMIN_PASSWORD="Bench-Owner-2026!" SHOPCRM_TEST_CAPTCHA=2468

if [[ ! -f $WORK/demo.db ]]; then
  echo "generating $CUSTOMERS customers / $ORDERS orders (seed $SEED) into $WORK/demo.db"
  (cd "$WORK" && "$SHOPCRM" demo --customers "$CUSTOMERS" --orders "$ORDERS" --seed "$SEED" \
    --db "sqlite:$WORK/demo.db" >"$WORK/demo.log" 2>&1) || { tail -5 "$WORK/demo.log" >&2; exit 1; }
fi

log=$WORK/server.log
server_pid=""
cleanup() {
  if [[ -n $server_pid ]]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT
(cd "$WORK" && exec "$SHOPCRM" serve --db "sqlite:$WORK/demo.db" --listen 127.0.0.1:0 \
  --web-root "$WEB_ROOT" --test-captcha "$SHOPCRM_TEST_CAPTCHA" 2>"$log" >/dev/null) &
server_pid=$!

address=""
for _ in $(seq 1 600); do
  address=$(grep -o '"address":"[^"]*"' "$log" 2>/dev/null | head -1 | cut -d'"' -f4 || true)
  [[ -n $address ]] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.1
done
[[ -n $address ]] || { echo "the server did not start" >&2; exit 1; }
# The column store loads in the background; the dashboard answers 503 until it has.
for _ in $(seq 1 1200); do
  grep -q '"analytics.load_finished"' "$log" && break
  sleep 0.1
done
grep -o '"msg":"analytics.load_finished".*' "$log" | head -1 || { echo "the analytics store did not load" >&2; exit 1; }

echo "dashboard $PAGE, $RUNS runs, $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
SHOPCRM_BASE_URL="http://$address" SHOPCRM_SERVER_PID=$server_pid node "$here/measure.mjs" "$RUNS" "$PAGE"
