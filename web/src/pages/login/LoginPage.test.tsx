import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppRoutes } from '../../AppRoutes';
import { getCsrfToken, setCsrfToken } from '../../api/client';
import { REMEMBERED_USERNAME_KEY } from '../../auth/rememberUsername';
import i18n from '../../i18n';
import { anonymous, apiError, makeUser, mockApi, type Handler } from '../../test/mockApi';
import { jsonResponse, renderWithProviders } from '../../test/render';

let captchaCount = 0;
const captcha: Handler = () => {
  captchaCount += 1;
  return jsonResponse({ id: `c${captchaCount}`, image: 'data:image/png;base64,AAAA' });
};

beforeEach(async () => {
  window.localStorage.clear();
  setCsrfToken(null);
  captchaCount = 0;
  await i18n.changeLanguage('zh-CN');
});

function fill(username: string, password: string, answer = '2468') {
  fireEvent.change(screen.getByPlaceholderText('用户名'), { target: { value: username } });
  fireEvent.change(screen.getByPlaceholderText('密码'), { target: { value: password } });
  fireEvent.change(screen.getByPlaceholderText('验证码'), { target: { value: answer } });
}

async function ready() {
  await screen.findByTestId('captcha-image');
}

describe('login page', () => {
  it('shows the error, reloads the single-use captcha after a failure, then logs in', async () => {
    let attempts = 0;
    const calls = mockApi({
      'GET /api/v1/auth/me': anonymous,
      'GET /api/v1/auth/captcha': captcha,
      'POST /api/v1/auth/login': () => {
        attempts += 1;
        return attempts === 1
          ? apiError(401, 'auth.invalid_credentials', 'invalid credentials')
          : jsonResponse({ user: makeUser(), csrf_token: 'tok-1' });
      },
    });
    renderWithProviders(<AppRoutes />, { route: '/login?next=%2Fsystem%2Froles' });
    await ready();
    fill('admin', 'wrong');
    fireEvent.click(screen.getByTestId('login-submit'));
    expect((await screen.findByTestId('login-error')).textContent).toContain('用户名或密码错误');
    await waitFor(() => expect(captchaCount).toBe(2));
    expect((screen.getByPlaceholderText('验证码') as HTMLInputElement).value).toBe('');
    const first = calls.find((c) => c.path === '/api/v1/auth/login');
    expect(first?.body).toMatchObject({ username: 'admin', captcha_id: 'c1', captcha: '2468' });

    fill('admin', 'right');
    fireEvent.click(screen.getByTestId('login-submit'));
    await waitFor(() => expect(calls.filter((c) => c.path === '/api/v1/auth/login')[1]?.body).toMatchObject({ captcha_id: 'c2' }));
    expect(await screen.findByRole('heading', { name: '角色' }, { timeout: 5000 })).toBeTruthy();
    expect(getCsrfToken()).toBe('tok-1');
    expect(window.localStorage.getItem(REMEMBERED_USERNAME_KEY)).toBeNull();
  });

  it('remembers the username when asked (never the password) and pre-fills it', async () => {
    mockApi({
      'GET /api/v1/auth/me': anonymous,
      'GET /api/v1/auth/captcha': captcha,
      'POST /api/v1/auth/login': () => jsonResponse({ user: makeUser(), csrf_token: 't' }),
    });
    const view = renderWithProviders(<AppRoutes />, { route: '/login' });
    await ready();
    fill('zhangsan', 'Secret-Pass-1');
    fireEvent.click(screen.getByTestId('remember-username'));
    fireEvent.click(screen.getByTestId('login-submit'));
    await screen.findByRole('heading', { name: '仪表盘' });
    expect(window.localStorage.getItem(REMEMBERED_USERNAME_KEY)).toBe('zhangsan');
    expect(JSON.stringify({ ...window.localStorage })).not.toContain('Secret-Pass-1');
    view.unmount();

    mockApi({ 'GET /api/v1/auth/me': anonymous, 'GET /api/v1/auth/captcha': captcha });
    renderWithProviders(<AppRoutes />, { route: '/login' });
    await ready();
    expect((screen.getByPlaceholderText('用户名') as HTMLInputElement).value).toBe('zhangsan');
    expect((screen.getByRole('checkbox') as HTMLInputElement).checked).toBe(true);
  });

  it('shows the lockout minutes from Retry-After and the TOTP field when required', async () => {
    let n = 0;
    mockApi({
      'GET /api/v1/auth/me': anonymous,
      'GET /api/v1/auth/captcha': captcha,
      'POST /api/v1/auth/login': () =>
        ++n === 1
          ? apiError(401, 'auth.totp_required', 'totp required', { field: 'totp' })
          : apiError(429, 'auth.locked', 'locked', {}, { 'Retry-After': '840' }),
    });
    renderWithProviders(<AppRoutes />, { route: '/login' });
    await ready();
    fill('admin', 'x');
    fireEvent.click(screen.getByTestId('login-submit'));
    expect(await screen.findByPlaceholderText('动态验证码（6 位）')).toBeTruthy();
    fireEvent.change(screen.getByPlaceholderText('动态验证码（6 位）'), { target: { value: '123456' } });
    await waitFor(() => expect(captchaCount).toBe(2));
    fireEvent.change(screen.getByPlaceholderText('验证码'), { target: { value: '2468' } });
    fireEvent.click(screen.getByTestId('login-submit'));
    expect((await screen.findByTestId('login-error')).textContent).toContain('请 14 分钟后再试');
  });

  it('puts captcha errors on the captcha field', async () => {
    mockApi({
      'GET /api/v1/auth/me': anonymous,
      'GET /api/v1/auth/captcha': captcha,
      'POST /api/v1/auth/login': () => apiError(400, 'auth.captcha_invalid', 'bad captcha', { field: 'captcha' }),
    });
    renderWithProviders(<AppRoutes />, { route: '/login' });
    await ready();
    fill('admin', 'x', '0000');
    fireEvent.click(screen.getByTestId('login-submit'));
    expect(await screen.findByText('验证码错误或已过期')).toBeTruthy();
    expect(screen.queryByTestId('login-error')).toBeNull();
  });
});
