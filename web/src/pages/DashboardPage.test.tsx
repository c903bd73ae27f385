import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppRoutes } from '../AppRoutes';
import i18n from '../i18n';
import { apiError, makeUser, mockApi, session } from '../test/mockApi';
import { jsonResponse, renderWithProviders } from '../test/render';
import { kpisReply } from './analytics/testData';

beforeEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

describe('dashboard', () => {
  it('shows the server status as OK with the version', async () => {
    const calls = mockApi({ 'GET /api/v1/auth/me': session(makeUser()) });
    renderWithProviders(<AppRoutes />, { route: '/dashboard' });
    expect(await screen.findByText('shopcrm 0.1.0')).toBeTruthy();
    expect(await within(screen.getByTestId('status-liveness')).findByText('正常')).toBeTruthy();
    expect(await within(screen.getByTestId('status-readiness')).findByText('正常')).toBeTruthy();
    expect(screen.getByTestId('status-database').textContent).toBe('sqlite');
    expect(screen.getByText('服务器状态')).toBeTruthy();
    // Without analytics.view there are no KPI cards and no analytics request.
    expect(screen.queryByTestId('dashboard-kpis')).toBeNull();
    expect(calls.some((c) => c.path.startsWith('/api/v1/analytics'))).toBe(false);
  });

  it('shows an error tag when the database is not ready', async () => {
    mockApi({
      'GET /api/v1/auth/me': session(makeUser()),
      'GET /readyz': () => jsonResponse({ status: 'not_ready', database: 'sqlite' }, 503),
    });
    renderWithProviders(<AppRoutes />, { route: '/dashboard' });
    expect(await within(await screen.findByTestId('status-readiness')).findByText('异常')).toBeTruthy();
    expect(await within(screen.getByTestId('status-liveness')).findByText('正常')).toBeTruthy();
  });

  it('shows KPI cards with deltas for analytics.view, asking for the last 30 days', async () => {
    const calls = mockApi({
      'GET /api/v1/auth/me': session(makeUser({ permissions: ['analytics.view'] })),
      'GET /api/v1/analytics/kpis': () => jsonResponse(kpisReply),
    });
    renderWithProviders(<AppRoutes />, { route: '/dashboard' });
    const sales = await screen.findByTestId('kpi-sales_fen');
    expect(sales.textContent).toContain('¥1,200.00');
    expect(screen.getByTestId('kpi-delta-sales_fen').textContent).toBe('▲ 20.0%');
    expect(screen.getByTestId('kpi-delta-churn_rate').textContent).toBe('▲ 5.0pp');
    expect(screen.getByTestId('kpi-delta-orders').textContent).toBe('▼ 10.0%');
    expect(screen.getByTestId('server-status')).toBeTruthy();
    const q = new URLSearchParams(calls.find((c) => c.path === '/api/v1/analytics/kpis')!.search);
    const from = new Date(q.get('from')!);
    const to = new Date(q.get('to')!);
    expect((to.getTime() - from.getTime()) / 86_400_000).toBe(29);
  });

  it('says 数据加载中 while the analytics store loads and retries', async () => {
    let loaded = false;
    const calls = mockApi({
      'GET /api/v1/auth/me': session(makeUser({ permissions: ['analytics.view'] })),
      'GET /api/v1/analytics/kpis': () =>
        loaded ? jsonResponse(kpisReply) : apiError(503, 'analytics.loading', 'loading', {}, { 'Retry-After': '5' }),
    });
    renderWithProviders(<AppRoutes />, { route: '/dashboard' });
    expect(await screen.findByText('数据加载中')).toBeTruthy();
    loaded = true;
    screen.getByRole('button', { name: /重\s*试/ }).click();
    expect((await screen.findByTestId('kpi-sales_fen')).textContent).toContain('¥1,200.00');
    await waitFor(() => expect(calls.filter((c) => c.path === '/api/v1/analytics/kpis').length).toBe(2));
  });
});
