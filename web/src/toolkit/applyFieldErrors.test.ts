import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import i18n from '../i18n';
import { applyFieldErrors } from './applyFieldErrors';
import { paramsToRange, rangeToParams } from './dateRange';

const t = i18n.t.bind(i18n);

function fakeForm(fields: string[]) {
  return {
    getFieldsValue: () => Object.fromEntries(fields.map((f) => [f, undefined])),
    setFields: vi.fn(),
  };
}

beforeEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

describe('applyFieldErrors', () => {
  it('puts a field error on the named form field, translated', () => {
    const form = fakeForm(['username', 'password']);
    const err = new ApiError({ status: 409, code: 'user.username_taken', message: 'username taken', field: 'username' });
    expect(applyFieldErrors(form, err, t)).toBeNull();
    expect(form.setFields).toHaveBeenCalledWith([{ name: 'username', errors: ['用户名已被使用'] }]);
  });

  it('maps API field names through fieldMap', () => {
    const form = fakeForm(['pwd']);
    const err = new ApiError({ status: 400, code: 'auth.weak_password', message: 'too short', field: 'password' });
    expect(applyFieldErrors(form, err, t, { password: 'pwd' })).toBeNull();
    expect(form.setFields).toHaveBeenCalledWith([{ name: 'pwd', errors: ['密码不符合安全策略：too short'] }]);
  });

  it('falls back to a top message when the field is not in the form or absent', () => {
    const form = fakeForm(['username']);
    const noField = new ApiError({ status: 403, code: 'auth.forbidden', message: 'forbidden' });
    expect(applyFieldErrors(form, noField, t)).toBe('没有执行此操作的权限');
    const other = new ApiError({ status: 400, code: 'x.unknown_code', message: 'Server says no', field: 'nope' });
    expect(applyFieldErrors(form, other, t)).toBe('Server says no');
    expect(form.setFields).not.toHaveBeenCalled();
  });
});

describe('date range filter', () => {
  it('converts between picker values and from/to ISO dates', () => {
    const range = paramsToRange('2026-11-01', '2026-11-30');
    expect(range).not.toBeNull();
    expect(rangeToParams(range)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(rangeToParams(null)).toEqual({ from: undefined, to: undefined });
    expect(paramsToRange('2026-13-45', '2026-11-30')).toBeNull();
  });
});
