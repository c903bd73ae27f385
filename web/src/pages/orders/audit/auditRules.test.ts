import { describe, expect, it } from 'vitest';
import { toRuleBody, toRuleValues } from './auditRules';

describe('audit rule parameters', () => {
  it('shows the amount threshold in yuan and saves it in fen', () => {
    const v = toRuleValues({ rule: 'amount_threshold', enabled: true, params: { max_total_fen: 5_000_000 } });
    expect(v.max_total_yuan).toBe(50000);
    expect(toRuleBody({ ...v, max_total_yuan: 1234.5 })).toEqual({ rule: 'amount_threshold', enabled: true, params: { max_total_fen: 123450 } });
  });

  it('keeps the credit level and unknown parameters', () => {
    const v = toRuleValues({ rule: 'credit_level', enabled: false, params: { min_level: 2 } });
    expect(toRuleBody({ ...v, min_level: 4, enabled: true })).toEqual({ rule: 'credit_level', enabled: true, params: { min_level: 4 } });
    expect(toRuleBody(toRuleValues({ rule: 'blacklisted', enabled: true, params: {} }))).toEqual({ rule: 'blacklisted', enabled: true, params: {} });
  });
});
