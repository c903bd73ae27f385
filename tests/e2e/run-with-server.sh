#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Starts a real `shopcrm serve` on a free port with a fresh SQLite database and the built console,
# runs the browser tests against it with node's test runner, and stops the server.
#   tests/e2e/run-with-server.sh <path to shopcrm binary> [test files in tests/e2e]
# Without test files: every ./*.test.mjs except ./analytics_*.test.mjs, which need a demo store
# (ctest e2e.analytics runs those with SHOPCRM_E2E_DEMO).
# With SHOPCRM_E2E_DEMO set (options of `shopcrm demo`, e.g. "--customers 3000 --orders 20000")
# the database is first filled with a demo store (the analytics tests need one).
set -euo pipefail
bin="$1"
shift
tests=("$@")
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

# A fixed captcha answer (the server refuses this flag off loopback), a known admin password and
# the development message sender's file, so the tests can log in and read recovery codes.
export SHOPCRM_TEST_CAPTCHA="2468"
export SHOPCRM_ADMIN_PASSWORD="Shop-Owner-2026!"
export SHOPCRM_OUTBOX_FILE="$work/outbox.log"
if [ -n "${SHOPCRM_E2E_DEMO:-}" ]; then
  # shellcheck disable=SC2086 # the options are words
  ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}" "$bin" demo --db "sqlite:$work/shopcrm.db" $SHOPCRM_E2E_DEMO \
    >"$work/demo.log" 2>&1 || { cat "$work/demo.log" >&2; exit 1; }
fi
ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}" SHOPCRM_MESSAGING_OUTBOX_FILE="$SHOPCRM_OUTBOX_FILE" \
  "$bin" serve --db "sqlite:$work/shopcrm.db" --listen 127.0.0.1:0 --web-root "$root/web/dist" \
  --test-captcha "$SHOPCRM_TEST_CAPTCHA" 2>"$log" >"$work/server.out" &
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
if [ ${#tests[@]} -eq 0 ]; then
  for f in ./*.test.mjs; do
    case "$f" in ./analytics_*) ;; *) tests+=("$f") ;; esac
  done
fi
node --test --test-concurrency=1 "${tests[@]}"
