#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
// Checks the dependency rules of STYLE.md §2 by matching every `#include` in src/ against the
// layer table below. Exits 1 and names each offending line; prints "N passed, 0 failed" otherwise.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const src = join(root, 'src');

// Which project folders a file in each layer may include.
function allowed(file, target) {
  const layer = file.split('/')[0];
  const top = target.split('/')[0];
  if (layer === 'app') return true;
  // The demo-store generator is a command-line tool beside app/: it writes through the modules'
  // repositories so that every derived table (search grams, counters, numbers) stays right.
  if (layer === 'demo') return true;
  if (layer === 'core') return top === 'core';
  if (layer === 'storage') return top === 'core' || top === 'storage';
  if (layer === 'http') return top === 'core' || top === 'http';
  if (layer === 'modules') {
    if (['core', 'storage', 'http'].includes(top)) return true;
    if (target === 'modules/module.h') return true;
    // Tests may wire several modules together (a test binary is not part of the product).
    if (/(_test|_test_fixture)\.(cc|h)$|^modules\/testing\//.test(file)) return true;
    const own = file.split('/')[1];
    const [, other, name] = target.split('/');
    if (other === own) return true;
    // The spreadsheet library (CSV/XLSX) lives in customers/tabular but serves every module.
    if (target.startsWith('modules/customers/tabular/')) return true;
    // Shared rules another module must apply the same way: phone/email normalisation and masking
    // (customers/customer_json.h) and the message a module hands to the messaging service.
    if (['modules/customers/customer_json.h', 'modules/messaging/message.h'].includes(target)) {
      return true;
    }
    // Another module: its public service, events, participants (customers/customer_participants.h)
    // or types (audit/audit_types.h) header.
    return /_(service|events|participants|types)\.h$/.test(name ?? '');
  }
  return false;
}

// Third-party headers confined to one place.
const confined = [
  { header: /^sqlite3\.h$/, where: /^storage\/sqlite\// },
  { header: /^libpq-fe\.h$/, where: /^storage\/postgres\// },
  { header: /^boost\//, where: /^http\/(?!(request|response|router|server)\.h$)/ },
];

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(h|cc)$/.test(name)) yield path;
  }
}

let passed = 0;
const failures = [];
for (const path of files(src)) {
  const file = relative(src, path);
  readFileSync(path, 'utf8').split('\n').forEach((line, index) => {
    const quoted = line.match(/^\s*#\s*include\s+"([^"]+)"/);
    const angled = line.match(/^\s*#\s*include\s+<([^>]+)>/);
    if (quoted && quoted[1].includes('/')) {
      if (allowed(file, quoted[1])) passed++;
      else failures.push(`${file}:${index + 1}: may not include "${quoted[1]}"`);
    }
    if (angled) {
      const rule = confined.find((r) => r.header.test(angled[1]));
      if (!rule) return;
      if (rule.where.test(file)) passed++;
      else failures.push(`${file}:${index + 1}: <${angled[1]}> belongs only in ${rule.where.source}`);
    }
  });
}
for (const failure of failures) console.error(failure);
console.log(`${passed} passed, ${failures.length} failed`);
process.exit(failures.length === 0 ? 0 : 1);
