#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Starts a real `shopcrm serve` on a free port with a fresh SQLite database and the built console,
# runs the browser tests against it with node's test runner, and stops the server.
#   tests/e2e/run-with-server.sh <path to shopcrm binary>
set -euo pipefail
bin="$1"
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d /tmp/shopcrm-e2e.XXXXXX)"
log="$work/server.log"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ ! -f "$root/web/dist/index.html" ]; then
  echo "e2e: web/dist is missing; run scripts/build-web first" >&2
  exit 1
fi

ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}" \
  "$bin" serve --db "sqlite:$work/shopcrm.db" --listen 127.0.0.1:0 --web-root "$root/web/dist" \
  2>"$log" >/dev/null &
server_pid=$!

address=""
for _ in $(seq 1 600); do
  address="$(grep -o '"address":"[^"]*"' "$log" 2>/dev/null | head -1 | cut -d'"' -f4 || true)"
  [ -n "$address" ] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then cat "$log" >&2; exit 1; fi
  sleep 0.1
done
if [ -z "$address" ]; then echo "e2e: server did not start" >&2; cat "$log" >&2; exit 1; fi

export SHOPCRM_BASE_URL="http://$address"
export SHOPCRM_SERVER_LOG="$log"
export SHOPCRM_ARTIFACTS="${SHOPCRM_ARTIFACTS:-$root/test-artifacts/e2e}"
cd "$root/tests/e2e"
node --test --test-concurrency=1 ./*.test.mjs
