import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError, api } from '../api/client';
import i18n from '../i18n';
import { apiError, mockApi } from '../test/mockApi';
import { errorText, lockoutMinutes } from './errors';
import { readRememberedUsername, REMEMBERED_USERNAME_KEY, rememberUsername } from './rememberUsername';

const t = i18n.t.bind(i18n);

beforeEach(async () => {
  window.localStorage.clear();
  await i18n.changeLanguage('zh-CN');
});

describe('login error mapping', () => {
  it('maps codes to Chinese and English texts', async () => {
    const e = (code: string) => new ApiError({ status: 401, code, message: 'm' });
    expect(errorText(t, e('auth.invalid_credentials'))).toBe('用户名或密码错误');
    expect(errorText(t, e('auth.captcha_invalid'))).toBe('验证码错误或已过期');
    expect(errorText(t, e('auth.account_disabled'))).toBe('账号已停用，请联系管理员');
    await i18n.changeLanguage('en');
    expect(errorText(t, e('auth.invalid_credentials'))).toBe('Wrong username or password');
  });

  it('computes lockout minutes from Retry-After', async () => {
    expect(lockoutMinutes(900)).toBe(15);
    expect(lockoutMinutes(61)).toBe(2);
    expect(lockoutMinutes(5)).toBe(1);
    expect(lockoutMinutes(undefined)).toBeUndefined();
    mockApi({ 'POST /api/v1/auth/login': () => apiError(429, 'auth.locked', 'locked', {}, { 'Retry-After': '600' }) });
    const err = await api.post('/api/v1/auth/login', {}).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).retryAfter).toBe(600);
    expect(errorText(t, err)).toBe('登录失败次数过多，账户已锁定，请 10 分钟后再试');
    expect(errorText(t, new ApiError({ status: 429, code: 'auth.locked', message: 'x' }))).toBe('登录失败次数过多，账户已锁定，请稍后再试');
  });

  it('falls back to the server message for unknown codes and reads counts from messages', () => {
    expect(errorText(t, new ApiError({ status: 400, code: 'foo.bar', message: 'Foo is bad' }))).toBe('Foo is bad');
    expect(errorText(t, new ApiError({ status: 409, code: 'role.in_use', message: 'role is used by 3 users' }))).toBe(
      '该角色仍被 3 名员工使用，请先为他们更换角色',
    );
  });
});

describe('remember username', () => {
  it('stores the username only when asked and clears it otherwise', () => {
    rememberUsername(true, ' zhangsan ');
    expect(window.localStorage.getItem(REMEMBERED_USERNAME_KEY)).toBe('zhangsan');
    expect(readRememberedUsername()).toBe('zhangsan');
    rememberUsername(false, 'zhangsan');
    expect(window.localStorage.getItem(REMEMBERED_USERNAME_KEY)).toBeNull();
    expect(readRememberedUsername()).toBe('');
  });
});
