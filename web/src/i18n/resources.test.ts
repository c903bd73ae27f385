import { describe, expect, it } from 'vitest';
import en from './en.json';
import zhCN from './zh-CN.json';

function flatKeys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => flatKeys(v, prefix ? `${prefix}.${k}` : k));
}

describe('i18n resources', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect(flatKeys(en).sort()).toEqual(flatKeys(zhCN).sort());
  });

  it('has no empty strings', () => {
    for (const res of [en, zhCN]) {
      const walk = (v: unknown): void => {
        if (typeof v === 'string') expect(v.trim()).not.toBe('');
        else if (typeof v === 'object' && v !== null) Object.values(v).forEach(walk);
      };
      walk(res);
    }
  });
});
