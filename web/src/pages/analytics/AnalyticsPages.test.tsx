import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppRoutes } from '../../AppRoutes';
import i18n from '../../i18n';
import { makeUser, mockApi, session } from '../../test/mockApi';
import { jsonResponse, renderWithProviders } from '../../test/render';
import { churnReply, cohortsReply, rfmReply, segmentPage, valueReply } from './testData';

beforeEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

describe('customer value page', () => {
  it('drills from a segment to its paged customers and links each to the customer page', async () => {
    const calls = mockApi({
      'GET /api/v1/auth/me': session(makeUser({ permissions: ['analytics.view', 'customers.view'] })),
      'GET /api/v1/analytics/rfm': () => jsonResponse(rfmReply),
      'GET /api/v1/analytics/value': () => jsonResponse(valueReply),
      'GET /api/v1/analytics/rfm/segments/champions/customers': ({ url }) =>
        jsonResponse(url.searchParams.get('after') === '7' ? segmentPage([9], null) : segmentPage([5, 7], '7')),
    });
    renderWithProviders(<AppRoutes />, { route: '/analytics/value?from=2026-01-01&to=2026-03-30&channel=tmall' });
    const table = await screen.findByTestId('segment-table');
    await waitFor(() => expect(table.textContent).toContain('重要价值客户'));
    expect(table.textContent).toContain('66.7%');
    expect((await screen.findByTestId('pareto-share')).textContent).toContain('60.0%');
    // No analytics.export: no export buttons.
    expect(screen.queryByTestId('export-rfm')).toBeNull();
    const rfm = new URLSearchParams(calls.find((c) => c.path === '/api/v1/analytics/rfm')!.search);
    expect(Object.fromEntries(rfm)).toEqual({ from: '2026-01-01', to: '2026-03-30', channel: 'tmall' });

    fireEvent.click(within(table).getByText('重要价值客户'));
    const list = await screen.findByTestId('segment-customers');
    const link = await within(list).findByText('客户5');
    expect(link.closest('a')!.getAttribute('href')).toBe('/customers/5');
    expect(within(list).getByTestId('segment-total').textContent).toContain('共 3 位客户');
    fireEvent.click(within(list).getByRole('button', { name: /下一页/ }));
    expect(await within(list).findByText('客户9')).toBeTruthy();
    const pages = calls.filter((c) => c.path.endsWith('/champions/customers')).map((c) => new URLSearchParams(c.search));
    expect(pages.at(-1)!.get('after')).toBe('7');
    expect(pages.at(-1)!.get('channel')).toBe('tmall');
    expect(pages.at(-1)!.get('limit')).toBe('20');
  });
});

describe('churn page', () => {
  it('shows churn by group, the cohort heat map and export buttons for analytics.export', async () => {
    const calls = mockApi({
      'GET /api/v1/auth/me': session(makeUser({ permissions: ['analytics.view', 'analytics.export'] })),
      'GET /api/v1/analytics/churn': () => jsonResponse(churnReply),
      'GET /api/v1/analytics/cohorts': () => jsonResponse(cohortsReply),
    });
    renderWithProviders(<AppRoutes />, { route: '/analytics/churn?from=2026-01-01&to=2026-03-30' });
    expect((await screen.findByTestId('churn-overall')).textContent).toContain('流失阈值 180 天');
    const groups = await screen.findByTestId('churn-groups');
    expect(groups.textContent).toContain('tmall');
    expect(groups.textContent).toContain('50.0%');
    expect(screen.getByTestId('export-churn')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('cohort-heatmap').querySelector('svg')).toBeTruthy());
    expect(screen.getByTestId('export-cohorts')).toBeTruthy();
    const churn = new URLSearchParams(calls.find((c) => c.path === '/api/v1/analytics/churn')!.search);
    expect(churn.get('by')).toBe('channel');
    expect(churn.get('group')).toBe('month');
  });

  it('refuses the page without analytics.view', async () => {
    const calls = mockApi({ 'GET /api/v1/auth/me': session(makeUser({ permissions: ['orders.view'] })) });
    renderWithProviders(<AppRoutes />, { route: '/analytics/churn' });
    await waitFor(() => expect(calls.some((c) => c.path === '/api/v1/auth/me')).toBe(true));
    await waitFor(() => expect(document.body.textContent).toContain('无权访问'));
    expect(calls.some((c) => c.path.startsWith('/api/v1/analytics'))).toBe(false);
  });
});
