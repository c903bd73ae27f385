#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Analytics engine vs SQLite / PostgreSQL / DuckDB (issue 7), all in one run; see README.md.
#   bench/analytics_vs_duckdb/run.sh            # 1M orders / 100k customers (ORDERS=, CUSTOMERS=)
# Environment: ORDERS, CUSTOMERS, SEED (7), YEARS (3), RUNS (5), BUILD (build/bench),
# WORK (/tmp/analytics-vs-duckdb-$ORDERS; the generated data is kept there and reused).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
ORDERS=${ORDERS:-1000000}
CUSTOMERS=${CUSTOMERS:-100000}
SEED=${SEED:-7}
YEARS=${YEARS:-3}
RUNS=${RUNS:-5}
BUILD=${BUILD:-$repo/build/bench}
WORK=${WORK:-/tmp/analytics-vs-duckdb-$ORDERS}
SHOPCRM=$BUILD/src/app/shopcrm
ENGINE=$BUILD/bench/analytics_vs_duckdb/analytics_vs_duckdb_engine
PY=/usr/bin/python3

for tool in "$SHOPCRM" "$ENGINE"; do
  [[ -x $tool ]] || { echo "missing $tool: build targets shopcrm and analytics_vs_duckdb_engine in $BUILD" >&2; exit 1; }
done
[[ -d $here/node_modules/@duckdb/node-api ]] || (cd "$here" && npm ci --no-audit --no-fund >/dev/null)
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)

# 1. Data: the demo store in SQLite (deterministic for a seed and a day), its orders as CSV.
if [[ ! -f $WORK/demo.db ]]; then
  echo "generating $CUSTOMERS customers / $ORDERS orders (seed $SEED) into $WORK/demo.db"
  (cd "$WORK" && "$SHOPCRM" demo --customers "$CUSTOMERS" --orders "$ORDERS" --years "$YEARS" --seed "$SEED" \
    --db "sqlite:$WORK/demo.db" >"$WORK/demo.log" 2>&1) || { tail -5 "$WORK/demo.log" >&2; exit 1; }
fi
if [[ ! -f $WORK/orders.csv ]]; then
  sqlite3 -csv "$WORK/demo.db" \
    "SELECT id, customer_id, placed_at_ms, status, total_fen, refunded_fen FROM orders ORDER BY id" >"$WORK/orders.csv.tmp"
  mv "$WORK/orders.csv.tmp" "$WORK/orders.csv"
fi

# 2. The range: from = the first day of the month of the first order, to = the day of the last
# (UTC+8 days); the placeholders of queries/*.sql are filled from it.
read -r min_ms max_ms < <(sqlite3 -separator ' ' "$WORK/demo.db" "SELECT min(placed_at_ms), max(placed_at_ms) FROM orders")
read -r FROM_DAY TO_DAY FROM_MS TO_END_MS FROM_MONTH < <("$PY" - "$min_ms" "$max_ms" <<'EOF'
import datetime, sys
day = lambda ms: (ms + 28800000) // 86400000
first, last = day(int(sys.argv[1])), day(int(sys.argv[2]))
d = datetime.date(1970, 1, 1) + datetime.timedelta(days=first)
from_day = (d.replace(day=1) - datetime.date(1970, 1, 1)).days
print(from_day, last, from_day * 86400000 - 28800000, (last + 1) * 86400000 - 28800000, d.year * 12 + d.month - 1)
EOF
)
mkdir -p "$WORK/queries" "$WORK/out"/{engine,sqlite,postgres,duckdb}
for f in "$here"/queries/*.sql; do
  sed -e "s/@FROM_MS@/$FROM_MS/g" -e "s/@TO_END_MS@/$TO_END_MS/g" -e "s/@TO_DAY@/$TO_DAY/g" \
      -e "s/@FROM_MONTH@/$FROM_MONTH/g" "$f" >"$WORK/queries/$(basename "$f")"
done
echo "range: days $FROM_DAY..$TO_DAY, $(wc -l <"$WORK/orders.csv") orders; best of $RUNS runs each"

# Writes a script that times every query $RUNS times (marker line "T <query>" before each timed
# statement) after one untimed run whose sorted result goes to out/<system>/<query>.csv.
timing_script() {  # system, timer-on, timer-off, out-statement-format
  local system=$1 on=$2 off=$3 out=$4 q
  for q in rfm cohorts consumption; do
    echo "DROP TABLE IF EXISTS result;"
    echo "CREATE TEMP TABLE result AS $(cat "$WORK/queries/$q.$system.sql");"
    printf "$out\n" "$WORK/out/$system/$q.csv"
    echo "$on"
    for _ in $(seq "$RUNS"); do
      echo "DROP TABLE IF EXISTS result;"
      echo "$([[ $system == sqlite ]] && echo .print || echo '\echo') T $q"
      echo "CREATE TEMP TABLE result AS $(cat "$WORK/queries/$q.$system.sql");"
    done
    echo "$off"
  done
}

# 3. SQLite: the orders in a table of their own (same rows as the others), no index.
if [[ ! -f $WORK/bench.sqlite ]]; then
  sqlite3 "$WORK/bench.sqlite.tmp" <<EOF
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, placed_at_ms INTEGER, status TEXT,
  total_fen INTEGER, refunded_fen INTEGER);
.import --csv $WORK/orders.csv orders
ANALYZE;
EOF
  mv "$WORK/bench.sqlite.tmp" "$WORK/bench.sqlite"
fi
{
  echo "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -1000000; PRAGMA mmap_size = 2000000000;"
  echo "SELECT count(*) FROM orders;"
  timing_script sqlite ".timer on" ".timer off" ".headers off\n.mode csv\n.once %s\nSELECT * FROM result ORDER BY 1, 2;\n.mode list"
} >"$WORK/sqlite.sql"
echo "SQLite $(sqlite3 --version | cut -d' ' -f1) ..."
sqlite3 "$WORK/bench.sqlite" <"$WORK/sqlite.sql" >"$WORK/sqlite.log"

# 4. PostgreSQL: a throwaway cluster, COPY, VACUUM ANALYZE, then the same queries.
pgdir=$(mktemp -d /tmp/pg-analytics-vs-duckdb-XXXX)
trap '"$repo/scripts/start-test-postgres" stop "$pgdir"' EXIT
PG_URL=$("$repo/scripts/start-test-postgres" start "$pgdir")
psql -X -q -v ON_ERROR_STOP=1 "$PG_URL" <<EOF
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, placed_at_ms bigint, status text,
  total_fen bigint, refunded_fen bigint);
\copy orders FROM '$WORK/orders.csv' CSV
VACUUM ANALYZE orders;
EOF
{
  echo "SET client_min_messages = warning; SET work_mem = '512MB'; SET max_parallel_workers_per_gather = 2;"
  timing_script postgres '\timing on' '\timing off' "\\\\copy (SELECT * FROM result ORDER BY 1, 2) TO '%s' CSV"
} >"$WORK/postgres.sql"
echo "$(psql -X -At "$PG_URL" -c 'SHOW server_version' | sed 's/^/PostgreSQL /;s/ (.*//') ..."
psql -X -q -v ON_ERROR_STOP=1 "$PG_URL" -f "$WORK/postgres.sql" >"$WORK/postgres.log"

# 5. DuckDB (npm @duckdb/node-api, threads=2, loaded before timing).
echo "DuckDB $(node -e "console.log(require('$here/node_modules/@duckdb/node-api/package.json').version)") ..."
node "$here/duckdb_bench.mjs" "$WORK/orders.csv" "$WORK/queries" "$WORK/out/duckdb" "$RUNS" >"$WORK/duckdb.log"

# 6. The engine: column store loaded from demo.db by the module's StoreLoader.
echo "engine ..."
"$ENGINE" --db "sqlite:$WORK/demo.db" --from-day "$FROM_DAY" --to-day "$TO_DAY" --runs "$RUNS" \
  --out "$WORK/out/engine" >"$WORK/engine.log" 2>"$WORK/engine.err" || { tail -5 "$WORK/engine.err" >&2; exit 1; }

# 7. Same figures everywhere, then the table.
"$PY" "$here/summarise.py" "$WORK"
