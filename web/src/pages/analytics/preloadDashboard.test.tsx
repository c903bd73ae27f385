import { QueryClient } from '@tanstack/react-query';
import { screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ConsumptionReply } from '../../api/analytics';
import { AppRoutes } from '../../AppRoutes';
import i18n from '../../i18n';
import { makeUser, mockApi, session } from '../../test/mockApi';
import { jsonResponse, renderWithProviders } from '../../test/render';
import { preloadDashboard } from './preloadDashboard';
import { kpisReply } from './testData';

const emptyConsumption = { group: 'day', from: '2026-01-01', to: '2026-01-30', items: [], categories: [], channels: [] } as unknown as ConsumptionReply;
const client = () => new QueryClient({ defaultOptions: { queries: { retry: false, refetchInterval: false } } });

beforeEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

function api() {
  return mockApi({
    'GET /api/v1/auth/me': session(makeUser({ permissions: ['analytics.view'] })),
    'GET /api/v1/analytics/kpis': () => jsonResponse(kpisReply),
    'GET /api/v1/analytics/consumption': () => jsonResponse(emptyConsumption),
  });
}

describe('preloadDashboard', () => {
  it('经营看板 finds its KPI and trend requests already made, with its URL filters', async () => {
    const calls = api();
    const queries = client();
    expect(preloadDashboard(queries, { pathname: '/analytics', search: '?channel=tmall' })).toEqual(['kpis', 'consumption']);
    renderWithProviders(<AppRoutes />, { route: '/analytics?channel=tmall', client: queries });
    await screen.findByTestId('kpi-cards');
    await waitFor(() => expect(screen.getAllByText('消费趋势').length).toBeGreaterThan(0));
    const kpis = calls.filter((c) => c.path === '/api/v1/analytics/kpis');
    const consumption = calls.filter((c) => c.path === '/api/v1/analytics/consumption');
    expect(kpis).toHaveLength(1);
    expect(consumption).toHaveLength(1);
    expect(new URLSearchParams(kpis[0]!.search).get('channel')).toBe('tmall');
    expect(new URLSearchParams(consumption[0]!.search).get('group')).toBe('day');
    // Made before the session check answered: the first request of all.
    expect(calls[0]!.path).toBe('/api/v1/analytics/kpis');
  });

  it('the home dashboard finds its KPI request already made', async () => {
    const calls = api();
    const queries = client();
    expect(preloadDashboard(queries, { pathname: '/dashboard/', search: '' })).toEqual(['kpis']);
    renderWithProviders(<AppRoutes />, { route: '/dashboard', client: queries });
    await screen.findByTestId('kpi-cards');
    expect(calls.filter((c) => c.path === '/api/v1/analytics/kpis')).toHaveLength(1);
  });

  it('asks for nothing on other pages', () => {
    const calls = api();
    expect(preloadDashboard(client(), { pathname: '/customers', search: '' })).toEqual([]);
    expect(calls).toHaveLength(0);
  });
});
