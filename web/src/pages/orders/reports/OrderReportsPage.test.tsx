import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppRoutes } from '../../../AppRoutes';
import i18n from '../../../i18n';
import { makeUser, mockApi, session } from '../../../test/mockApi';
import { jsonResponse, renderWithProviders } from '../../../test/render';

beforeEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

const rows = [
  { period: '2026-11-01', key: '天猫', orders: 3, items: 5, sales_fen: 30000, refunds_fen: 0, average_order_fen: 10000 },
  { period: '2026-11-02', key: '京东', orders: 1, items: 1, sales_fen: 4550, refunds_fen: 1000, average_order_fen: 4550 },
];

describe('order reports', () => {
  it('asks for the chosen range, grouping and split and draws table and chart', async () => {
    const calls = mockApi({
      'GET /api/v1/auth/me': session(makeUser({ permissions: ['orders.view', 'orders.reports'] })),
      'GET /api/v1/order-reports/sales': () => jsonResponse({ items: rows }),
      'GET /api/v1/order-reports/summary': () =>
        jsonResponse({ current: { orders: 4, sales_fen: 34550, average_order_fen: 8638, refunds_fen: 1000 }, previous: { orders: 2, sales_fen: 10000, average_order_fen: 5000, refunds_fen: 0 } }),
    });
    renderWithProviders(<AppRoutes />, { route: '/orders/reports?from=2026-11-01&to=2026-11-30&group=week&by=channel' });
    const table = await screen.findByTestId('report-table');
    await waitFor(() => expect(table.textContent).toContain('天猫'));
    expect(table.textContent).toContain('¥300.00');
    expect(table.textContent).toContain('¥45.50');
    const sales = new URLSearchParams(calls.find((c) => c.path === '/api/v1/order-reports/sales')!.search);
    expect(Object.fromEntries(sales)).toEqual({ from: '2026-11-01', to: '2026-11-30', group: 'week', by: 'channel' });
    expect((await screen.findByTestId('report-summary')).textContent).toContain('¥345.50');
    await waitFor(() => expect(screen.getByTestId('report-chart').querySelector('svg')).toBeTruthy());

    fireEvent.click(screen.getByText('按月'));
    await waitFor(() => {
      const last = calls.filter((c) => c.path === '/api/v1/order-reports/sales').at(-1)!;
      expect(new URLSearchParams(last.search).get('group')).toBe('month');
    });
  });
});
