import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppRoutes } from '../AppRoutes';
import i18n from '../i18n';
import { LANGUAGE_STORAGE_KEY } from '../i18n/language';
import { anonymous, makeUser, mockApi, session } from '../test/mockApi';
import { jsonResponse, renderWithProviders } from '../test/render';

const salesperson = makeUser({
  id: 7,
  username: 'sales1',
  display_name: '<img src=x onerror=alert(1)>',
  roles: [{ id: 2, name: 'salesperson', label: '业务员' }],
  permissions: [],
  data_scope: 'own',
});

beforeEach(async () => {
  window.localStorage.clear();
  await i18n.changeLanguage('zh-CN');
});

afterEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

describe('app layout', () => {
  it('shows the system menu entries the admin may use, in order', async () => {
    mockApi({ 'GET /api/v1/auth/me': session(makeUser()) });
    renderWithProviders(<AppRoutes />, { route: '/dashboard' });
    const menu = (await screen.findAllByRole('menu'))[0]!;
    expect(menu.textContent).toContain('仪表盘');
    expect(menu.textContent).toContain('系统管理');
    for (const hidden of ['客户', '订单', '会员']) expect(menu.textContent).not.toContain(hidden);
    const text = menu.textContent ?? '';
    const order = ['员工', '角色', '系统设置', '登录日志', '审计日志', '接口令牌'].map((l) => text.indexOf(l));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(screen.getByTestId('user-display-name').textContent).toBe('管理员');
  });

  it('hides the system menu from a salesperson, refuses its URLs and shows names as text', async () => {
    mockApi({ 'GET /api/v1/auth/me': session(salesperson) });
    renderWithProviders(<AppRoutes />, { route: '/system/users' });
    expect(await screen.findByTestId('forbidden')).toBeTruthy();
    expect(screen.getAllByRole('menu')[0]!.textContent).not.toContain('系统管理');
    expect(screen.getByTestId('user-display-name').textContent).toBe('<img src=x onerror=alert(1)>');
    expect(document.querySelector('img[src="x"]')).toBeNull();
  });

  it('sends anonymous visitors to the login page with the next path', async () => {
    mockApi({ 'GET /api/v1/auth/me': anonymous, 'GET /api/v1/auth/captcha': () => jsonResponse({ id: 'c', image: 'data:,' }) });
    renderWithProviders(<AppRoutes />, { route: '/system/roles?x=1' });
    expect(await screen.findByRole('heading', { name: '账号登录' })).toBeTruthy();
  });

  it('switches language, persists it and sets document lang', async () => {
    mockApi({ 'GET /api/v1/auth/me': session(makeUser()) });
    renderWithProviders(<AppRoutes />, { route: '/dashboard' });
    expect(await screen.findByRole('heading', { name: '仪表盘' })).toBeTruthy();
    fireEvent.click(screen.getByTestId('language-switch'));
    fireEvent.click(await screen.findByText('English'));
    expect(await screen.findByRole('heading', { name: 'Dashboard' })).toBeTruthy();
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    await waitFor(() => expect(screen.getByTestId('language-switch').textContent).toContain('English'));
  });

  it('logs out after confirmation', async () => {
    const calls = mockApi({
      'GET /api/v1/auth/me': session(makeUser()),
      'POST /api/v1/auth/logout': () => new Response(null, { status: 204 }),
      'GET /api/v1/auth/captcha': () => jsonResponse({ id: 'c', image: 'data:,' }),
    });
    renderWithProviders(<AppRoutes />, { route: '/dashboard' });
    fireEvent.click(await screen.findByTestId('user-menu'));
    fireEvent.click(await screen.findByText('退出登录'));
    expect((await screen.findAllByText('确认退出登录？')).length).toBeGreaterThan(0);
    const okButtons = screen.getAllByRole('button', { name: /退出登录/ });
    fireEvent.click(okButtons[okButtons.length - 1]!);
    expect(await screen.findByRole('heading', { name: '账号登录' })).toBeTruthy();
    const logout = calls.find((c) => c.path === '/api/v1/auth/logout');
    expect(logout?.headers.get('X-CSRF-Token')).toBe('csrf-abc');
  });

  it('shows the 404 page for unknown console routes', async () => {
    mockApi({ 'GET /api/v1/auth/me': session(makeUser()) });
    renderWithProviders(<AppRoutes />, { route: '/no/such/page' });
    expect(await screen.findByText('页面不存在')).toBeTruthy();
  });
});
