// SPDX-License-Identifier: Apache-2.0
// The DuckDB side of bench/analytics_vs_duckdb (issue 7). Loads orders.csv into an in-memory
// DuckDB (threads=2) BEFORE timing, then per query: one untimed run whose result is written as
// CSV (sorted) for the cross-check, and --runs timed runs of CREATE OR REPLACE TEMP TABLE AS.
// Prints "LOAD <ms> rows=<n>" and "TIME <query> <best ms>" lines for run.sh.
// Usage: node duckdb_bench.mjs <orders.csv> <query dir with *.duckdb.sql, placeholders filled> <out dir> [runs]
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const [csv, queryDir, outDir, runsArg] = process.argv.slice(2);
if (!csv || !queryDir || !outDir) {
  console.error('usage: node duckdb_bench.mjs <orders.csv> <query dir> <out dir> [runs]');
  process.exit(2);
}
const runs = Number(runsArg ?? 5);
const sqlString = (s) => `'${s.replaceAll("'", "''")}'`;

const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
await db.run('SET threads = 2');

const loadStart = performance.now();
await db.run(`CREATE TABLE orders (id BIGINT, customer_id BIGINT, placed_at_ms BIGINT, status VARCHAR,
  total_fen BIGINT, refunded_fen BIGINT)`);
await db.run(`COPY orders FROM ${sqlString(csv)} (FORMAT csv, HEADER false)`);
const rows = await db.runAndReadAll('SELECT count(*) FROM orders');
console.log(`LOAD ${(performance.now() - loadStart).toFixed(1)} rows=${rows.getRows()[0][0]}`);

for (const name of ['rfm', 'cohorts', 'consumption']) {
  const query = readFileSync(`${queryDir}/${name}.duckdb.sql`, 'utf8');
  const create = `CREATE OR REPLACE TEMP TABLE result AS ${query}`;
  await db.run(create);
  await db.run(`COPY (SELECT * FROM result ORDER BY ALL) TO ${sqlString(`${outDir}/${name}.csv`)} (FORMAT csv, HEADER false)`);
  let best = Infinity;
  for (let r = 0; r < runs; ++r) {
    await db.run('DROP TABLE IF EXISTS result');
    const start = performance.now();
    await db.run(create);
    best = Math.min(best, performance.now() - start);
  }
  console.log(`TIME ${name} ${best.toFixed(3)}`);
}
