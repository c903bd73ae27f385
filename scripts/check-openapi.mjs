#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
// Every route the server registers (`shopcrm routes`) must be documented in docs/api/openapi.yaml
// with the same method and path, and every documented path must exist. Prints "N passed, M failed".
//   node scripts/check-openapi.mjs <path to shopcrm>
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const bin = process.argv[2];
const routes = execFileSync(bin, ['routes'], { encoding: 'utf8', env: { ...process.env, SHOPCRM_LOG_LEVEL: 'error' } })
  .trim().split('\n').filter(Boolean)
  .map((line) => line.trim().split(/\s+/))
  .filter(([method]) => method !== 'HEAD')
  .map(([method, pattern]) => `${method.toLowerCase()} ${pattern}`);

// A small reader for the openapi file's shape: "  /path:" then "    get:" lines.
const documented = new Set();
let path = null;
for (const line of readFileSync(`${root}/docs/api/openapi.yaml`, 'utf8').split('\n')) {
  const p = line.match(/^  (\/\S*):\s*$/);
  if (p) { path = p[1]; continue; }
  if (/^\S/.test(line)) path = null;
  const m = line.match(/^    (get|post|put|patch|delete):/);
  if (path && m) documented.add(`${m[1]} ${path}`);
}

const failures = [];
for (const route of routes) if (!documented.has(route)) failures.push(`not documented: ${route}`);
for (const doc of documented) if (!routes.includes(doc)) failures.push(`documented but not served: ${doc}`);
for (const failure of failures) console.error(failure);
console.log(`${routes.length + documented.size - failures.length} passed, ${failures.length} failed`);
process.exit(failures.length === 0 ? 0 : 1);
