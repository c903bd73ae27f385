#!/usr/bin/env bash
# Compare `shopcrm serve` GET /healthz with nginx serving a static file of about the same size.
# Budget (DESIGN.md): API reads within 2x of a static file served by nginx on the same machine.
#
# Usage: bench/http/healthz_vs_nginx.sh [path/to/shopcrm]
#   SHOPCRM_BIN        server binary (default: build/release/src/app/shopcrm, relative to the repo)
#   BENCH_SECONDS      wrk duration per target (default 10)
#   BENCH_THREADS      wrk threads (default 2)       BENCH_CONNECTIONS  wrk connections (default 64)
#   SHOPCRM_SERVE_ARGS extra arguments appended to `shopcrm serve`
#   NGINX_BIN          default /usr/sbin/nginx        BENCH_SKIP_SHOPCRM=1  run only the nginx half
#
# Everything listens on 127.0.0.1 only; nginx runs with worker_processes 1 (one process, like one
# shopcrm instance). Both servers are stopped and the temp dir removed on exit.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
bin="${1:-${SHOPCRM_BIN:-$repo/build/release/src/app/shopcrm}}"
seconds="${BENCH_SECONDS:-10}"
threads="${BENCH_THREADS:-2}"
conns="${BENCH_CONNECTIONS:-64}"
nginx_bin="${NGINX_BIN:-/usr/sbin/nginx}"
skip_shopcrm="${BENCH_SKIP_SHOPCRM:-0}"
startup_timeout=20

die() { echo "healthz_vs_nginx: $*" >&2; exit 1; }
[[ "$seconds" =~ ^[0-9]+$ && "$seconds" -ge 1 && "$seconds" -le 600 ]] || die "BENCH_SECONDS must be 1..600"
command -v wrk >/dev/null || die "wrk not found (apt-get install wrk)"
command -v curl >/dev/null || die "curl not found"
[[ -x "$nginx_bin" ]] || die "nginx not found at $nginx_bin (apt-get install nginx-light)"
if [[ "$skip_shopcrm" != 1 ]]; then
  [[ -x "$bin" ]] || die "shopcrm binary not found or not executable: $bin (pass it as argument or SHOPCRM_BIN)"
  bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/shopcrm-bench.XXXXXX")"
shopcrm_pid=""
nginx_pid=""
cleanup() {
  local rc=$?
  for pid in "$shopcrm_pid" "$nginx_pid"; do
    if [[ -n "$pid" ]]; then kill -TERM "$pid" 2>/dev/null || true; fi
  done
  for pid in "$shopcrm_pid" "$nginx_pid"; do
    [[ -z "$pid" ]] && continue
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [[ $rc -ne 0 ]]; then
    for log in "$tmp"/shopcrm.stderr "$tmp"/nginx-error.log; do
      [[ -s "$log" ]] && { echo "--- tail of $log" >&2; tail -n 20 "$log" >&2; }
    done
  fi
  rm -rf "$tmp"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

wait_http() { # url -> waits until it answers 200
  local url=$1 deadline=$((SECONDS + startup_timeout))
  while ((SECONDS < deadline)); do
    curl -fsS --max-time 2 -o /dev/null "$url" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

run_wrk() { # url -> prints requests/sec
  local url=$1 out
  out="$(timeout $((seconds + 30)) wrk -t"$threads" -c"$conns" -d"${seconds}s" --latency "$url")" || die "wrk failed for $url"
  echo "$out" >&2
  awk '/^Requests\/sec:/ {print $2}' <<<"$out"
}

# ---- shopcrm ---------------------------------------------------------------------------------
shopcrm_rps=""
if [[ "$skip_shopcrm" != 1 ]]; then
  # shellcheck disable=SC2086 # SHOPCRM_SERVE_ARGS is intentionally word-split
  # Like nginx below (access_log off), shopcrm runs without its per-request access log line.
  (cd "$tmp" && SHOPCRM_HTTP_ACCESS_LOG="${SHOPCRM_HTTP_ACCESS_LOG:-false}" exec "$bin" serve --db "sqlite:$tmp/bench.db" --listen 127.0.0.1:0 ${SHOPCRM_SERVE_ARGS:-}) \
    >"$tmp/shopcrm.stdout" 2>"$tmp/shopcrm.stderr" &
  shopcrm_pid=$!
  address=""
  deadline=$((SECONDS + startup_timeout))
  while ((SECONDS < deadline)); do
    kill -0 "$shopcrm_pid" 2>/dev/null || die "shopcrm exited during startup"
    line="$(grep -m1 '"server.listening"' "$tmp/shopcrm.stderr" || true)"
    if [[ -n "$line" ]]; then
      address="$(sed -n 's/.*"address"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' <<<"$line")"
      break
    fi
    sleep 0.1
  done
  [[ -n "$address" ]] || die "no server.listening line with an address on shopcrm's stderr within ${startup_timeout}s"
  address="${address#http://}"
  shopcrm_port="${address##*:}"
  [[ "${address%:*}" == "127.0.0.1" && "$shopcrm_port" =~ ^[0-9]+$ ]] || die "unexpected listen address: $address"
  shopcrm_url="http://127.0.0.1:$shopcrm_port/healthz"
  wait_http "$shopcrm_url" || die "shopcrm $shopcrm_url did not answer 200"
  echo "== shopcrm $shopcrm_url ($(curl -fsS "$shopcrm_url"))" >&2
fi

# ---- nginx -----------------------------------------------------------------------------------
mkdir -p "$tmp/www" "$tmp/nginx-temp"
printf '{"status":"ok"}' >"$tmp/www/healthz.json"  # same bytes as shopcrm's /healthz body
# When run as root, nginx workers drop to an unprivileged user: let it read the document root.
chmod 755 "$tmp" "$tmp/www"
chmod 644 "$tmp/www/healthz.json"
nginx_url=""
for _ in $(seq 20); do
  port=$((20000 + RANDOM % 40000))
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue   # port in use
  cat >"$tmp/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nodelay on;
  keepalive_requests 1000000;
  server_tokens off;
  client_body_temp_path $tmp/nginx-temp/body;
  proxy_temp_path $tmp/nginx-temp/proxy;
  fastcgi_temp_path $tmp/nginx-temp/fastcgi;
  uwsgi_temp_path $tmp/nginx-temp/uwsgi;
  scgi_temp_path $tmp/nginx-temp/scgi;
  server {
    listen 127.0.0.1:$port;
    root $tmp/www;
    location = /healthz { default_type application/json; try_files /healthz.json =404; }
  }
}
CONF
  "$nginx_bin" -e "$tmp/nginx-error.log" -c "$tmp/nginx.conf" -p "$tmp" >"$tmp/nginx.stdout" 2>&1 &
  nginx_pid=$!
  deadline=$((SECONDS + startup_timeout))
  while ((SECONDS < deadline)) && kill -0 "$nginx_pid" 2>/dev/null; do
    code="$(curl -sS --max-time 2 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz" 2>/dev/null || true)"
    if [[ "$code" == 200 ]]; then nginx_url="http://127.0.0.1:$port/healthz"; break 2; fi
    [[ "$code" =~ ^[1-9] ]] && die "nginx answered $code instead of 200"
    sleep 0.1
  done
  kill -0 "$nginx_pid" 2>/dev/null && die "nginx did not answer within ${startup_timeout}s"
  wait "$nginx_pid" 2>/dev/null || true   # exited (port taken?): try another port
  nginx_pid=""
done
[[ -n "$nginx_url" ]] || die "could not start nginx"
echo "== nginx $nginx_url ($(curl -fsS "$nginx_url"), worker_processes 1)" >&2

# ---- measure ---------------------------------------------------------------------------------
echo "== wrk -t$threads -c$conns -d${seconds}s" >&2
[[ -n "${shopcrm_url:-}" ]] && shopcrm_rps="$(run_wrk "$shopcrm_url")"
nginx_rps="$(run_wrk "$nginx_url")"

echo
echo "nginx static file (1 worker): ${nginx_rps} req/s"
if [[ -n "$shopcrm_rps" ]]; then
  echo "shopcrm GET /healthz:         ${shopcrm_rps} req/s"
  awk -v s="$shopcrm_rps" -v n="$nginx_rps" 'BEGIN {
    if (n <= 0) { print "ratio shopcrm/nginx: n/a"; exit }
    r = s / n
    printf "ratio shopcrm/nginx: %.2f (budget: >= 0.50, i.e. within 2x of nginx)\n", r
  }'
fi
