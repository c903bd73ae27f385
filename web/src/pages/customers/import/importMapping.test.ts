import { describe, expect, it } from 'vitest';
import { columnSamples, initialMapping, isFinished, mappingOk, mappingProblems } from './importMapping';

describe('import mapping', () => {
  it('starts from the suggestion, dropping unknown fields and a field suggested twice', () => {
    const m = initialMapping({
      columns: ['客户编号', '姓名', '手机', '电话', '微信'],
      suggested_mapping: { 客户编号: 'number', 姓名: 'name', 手机: 'phone', 电话: 'phone', 微信: 'wechat' },
    });
    expect(m).toEqual({ 客户编号: 'number', 姓名: 'name', 手机: 'phone', 电话: null, 微信: null });
  });

  it('maps every column to null without a suggestion', () => {
    expect(initialMapping({ columns: ['a', 'b'] })).toEqual({ a: null, b: null });
  });

  it('finds what the server would refuse: name missing, a field twice', () => {
    const bad = mappingProblems({ a: 'phone', b: 'phone', c: null }, 'phone');
    expect(bad).toEqual({ duplicates: ['phone'], nameMissing: true, matchFieldMissing: false, numberMissing: false });
    expect(mappingOk(bad)).toBe(false);
    const ok = mappingProblems({ a: 'name', b: 'email' }, 'phone');
    expect(ok).toEqual({ duplicates: [], nameMissing: false, matchFieldMissing: true, numberMissing: false });
    expect(mappingOk(ok)).toBe(true);
    expect(mappingProblems({ a: 'name' }, 'none').matchFieldMissing).toBe(false);
    // Matching by number without a number column is refused by the server: not startable.
    expect(mappingOk(mappingProblems({ a: 'name' }, 'number'))).toBe(false);
    expect(mappingOk(mappingProblems({ a: 'name', b: 'number' }, 'number'))).toBe(true);
  });

  it('takes the first non-empty samples of each column from the preview', () => {
    const s = columnSamples(['姓名', '手机'], [['李雷', ''], ['', '13800138000'], ['韩梅梅', ' 13900139000 '], ['张三', 'x'], ['王五']], 2);
    expect(s).toEqual({ 姓名: ['李雷', '韩梅梅'], 手机: ['13800138000', '13900139000'] });
  });

  it('knows the final states', () => {
    expect(isFinished('succeeded')).toBe(true);
    expect(isFinished('failed')).toBe(true);
    expect(isFinished('running')).toBe(false);
    expect(isFinished('uploaded')).toBe(false);
  });
});
