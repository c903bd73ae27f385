import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHURN_BYS, KPI_NAMES } from '../../api/analytics';
import en from '../../i18n/en.json';
import zh from '../../i18n/zh-CN.json';
import { CHURN_RATES } from './analyticsSeries';
import { DEFINITION_SECTIONS, DOC_SECTIONS, definitionSection } from './definitions';

const pagesDir = __dirname;
const docs = readFileSync(join(pagesDir, '..', '..', '..', '..', 'docs', 'analytics.md'), 'utf8');
const headings = docs.split('\n').filter((line) => line.startsWith('## ')).map((line) => line.slice(3));

/** Every term a Definition mark is given on the analytics pages and the home dashboard. */
function termsOnPages(): Set<string> {
  const terms = new Set<string>([...KPI_NAMES, ...CHURN_RATES, ...CHURN_BYS.map((b) => `by_${b}`), 'pop', 'yoy']);
  const files = readdirSync(pagesDir).filter((f) => f.endsWith('.tsx') && !f.endsWith('.test.tsx'));
  for (const file of files) {
    for (const m of readFileSync(join(pagesDir, file), 'utf8').matchAll(/<Definition term="([a-z_]+)"/g)) terms.add(m[1]!);
  }
  return terms;
}

describe('figure definitions', () => {
  it('every figure shown has a definition text in both languages and a section of docs/analytics.md', () => {
    const terms = termsOnPages();
    expect(terms.size).toBeGreaterThan(30);
    for (const term of terms) {
      expect(zh.analytics.defs, term).toHaveProperty(term);
      expect(en.analytics.defs, term).toHaveProperty(term);
      expect(DEFINITION_SECTIONS, term).toHaveProperty(term);
    }
    expect(Object.keys(zh.analytics.defs).sort()).toEqual(Object.keys(en.analytics.defs).sort());
    expect(Object.keys(DEFINITION_SECTIONS).sort()).toEqual(Object.keys(zh.analytics.defs).sort());
  });

  it('names sections that exist in docs/analytics.md', () => {
    for (const section of Object.values(DOC_SECTIONS)) {
      expect(headings.some((h) => h.startsWith(section)), section).toBe(true);
    }
    expect(definitionSection('sales_fen')).toBe('Which orders count, and their money');
    expect(definitionSection('sales_fen', 'kpis')).toBe('KPIs');
  });

  it('the KPI section defines every KPI card and the comparison with the previous period', () => {
    const kpis = docs.slice(docs.indexOf('## KPIs'), docs.indexOf('\n## ', docs.indexOf('## KPIs') + 1));
    for (const name of ['sales', 'orders', 'buyers', 'aov', 'new buyers', 'repeat rate', 'churn rate', 'refunds', 'previous', 'percentage points']) {
      expect(kpis, name).toContain(name);
    }
  });
});
