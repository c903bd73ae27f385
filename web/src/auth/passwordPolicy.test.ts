import { describe, expect, it } from 'vitest';
import type { PasswordPolicy } from '../api/types';
import { checkPassword, passwordAcceptable, passwordClasses } from './passwordPolicy';

const policy: PasswordPolicy = { min_length: 10, classes: 3, class_names: ['lower', 'upper', 'digit', 'symbol'], forbid_username: true, forbid_common: true };
const state = (pw: string, user = '') => Object.fromEntries(checkPassword(pw, policy, user).map((c) => [c.key, c.ok]));

describe('password policy checklist', () => {
  it('counts character classes', () => {
    expect(passwordClasses('abcDEF123!', policy.class_names)).toEqual(['lower', 'upper', 'digit', 'symbol']);
    expect(passwordClasses('abc', policy.class_names)).toEqual(['lower']);
    expect(passwordClasses('密码密码', policy.class_names)).toEqual(['symbol']);
  });

  it('reports each rule live', () => {
    expect(state('')).toEqual({ length: false, classes: false, username: true, common: null });
    expect(state('abcdefghij')).toEqual({ length: true, classes: false, username: true, common: null });
    expect(state('Abcdefghi1')).toEqual({ length: true, classes: true, username: true, common: null });
    expect(state('Xzhangsan-2026', 'ZhangSan')).toMatchObject({ username: false });
  });

  it('accepts only passwords passing every checkable rule', () => {
    expect(passwordAcceptable('Admin-Pass-2026!', policy, 'admin')).toBe(false);
    expect(passwordAcceptable('Str0ng-Passw0rd', policy, 'admin')).toBe(true);
    expect(passwordAcceptable('short1A', policy)).toBe(false);
  });

  it('omits rules the policy does not have', () => {
    const keys = checkPassword('x', { ...policy, forbid_username: false, forbid_common: false }).map((c) => c.key);
    expect(keys).toEqual(['length', 'classes']);
  });
});
