import { describe, expect, it } from 'vitest';
import en from '../../../i18n/en.json';
import zhCN from '../../../i18n/zh-CN.json';
import { SETTINGS_GROUPS, changedSettings, groupSettings } from './settingsGroups';

// i18next reads a dotted key such as `orders.receipt_reminder_days` as a nested path.
function lookup(resource: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), resource);
}

describe('settings groups', () => {
  it('every grouped key has a label in both languages', () => {
    for (const key of SETTINGS_GROUPS.flatMap((g) => g.keys)) {
      for (const resource of [en, zhCN]) expect(typeof lookup(resource, `settings.keys.${key}`), key).toBe('string');
    }
  });

  it('puts unknown keys in "other" and drops keys the server does not have', () => {
    const groups = groupSettings(['churn_threshold_days', 'orders.receipt_reminder_days', 'brand_new']);
    expect(groups).toEqual([
      { key: 'business', keys: ['churn_threshold_days', 'orders.receipt_reminder_days'] },
      { key: 'other', keys: ['brand_new'] },
    ]);
  });

  it('sends only changed values', () => {
    expect(changedSettings({ a: 1, b: [1] }, { a: 1, b: [2], c: undefined })).toEqual({ b: [2] });
  });
});
