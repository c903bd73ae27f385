import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppRoutes } from '../../AppRoutes';
import i18n from '../../i18n';
import { makeUser, mockApi, session } from '../../test/mockApi';
import { jsonResponse, renderWithProviders } from '../../test/render';
import { makeCustomer } from '../customers/testData';

beforeEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

describe('customer 360 orders tab', () => {
  it('shows the purchase history with totals, only with orders.view', async () => {
    mockApi({
      'GET /api/v1/auth/me': session(makeUser({ permissions: ['customers.view', 'orders.view'] })),
      'GET /api/v1/customers/12': () => jsonResponse(makeCustomer()),
      'GET /api/v1/customers/12/orders': () =>
        jsonResponse({
          customer_id: 12,
          items: [{ id: 42, number: 'D20261122000042', platform: 'tmall', channel: '天猫旗舰店', status: 'completed', total_fen: 123450, paid_fen: 123450, refunded_fen: 2000, items: 2, placed_at: 1_763_800_000_000 }],
          total: 1,
          next_after: null,
          summary: { orders: 1, sales_fen: 123450, refunds_fen: 2000, first_order_at: 1_763_800_000_000, last_order_at: 1_763_800_000_000 },
        }),
    });
    renderWithProviders(<AppRoutes />, { route: '/customers/12' });
    fireEvent.click(await screen.findByRole('tab', { name: '订单' }));
    const tab = await screen.findByTestId('customer-orders');
    await waitFor(() => expect(tab.textContent).toContain('D20261122000042'));
    expect(screen.getByTestId('customer-orders-sales').textContent).toContain('¥1,234.50');
    expect(tab.textContent).toContain('¥20.00');
    expect(tab.textContent).toContain('已完成');
  });

  it('has no orders tab without orders.view', async () => {
    mockApi({
      'GET /api/v1/auth/me': session(makeUser({ permissions: ['customers.view'] })),
      'GET /api/v1/customers/12': () => jsonResponse(makeCustomer()),
    });
    renderWithProviders(<AppRoutes />, { route: '/customers/12' });
    await screen.findByTestId('customer-title');
    expect(screen.queryByRole('tab', { name: '订单' })).toBeNull();
  });

  it('renders order and after-sales entries of the timeline as links', async () => {
    mockApi({
      'GET /api/v1/auth/me': session(makeUser({ permissions: ['customers.view', 'orders.view'] })),
      'GET /api/v1/customers/12': () => jsonResponse(makeCustomer()),
      'GET /api/v1/customers/12/timeline': () =>
        jsonResponse({
          items: [
            { at: 1_763_900_000_000, kind: 'after_sale', title: '售后 R20261122000009 已退款 ¥75.00', detail: '', actor_name: '', ref_id: 9 },
            { at: 1_763_800_000_000, kind: 'order', title: '订单 D20261122000042 已发货 ¥1,234.50', detail: '', actor_name: '', ref_id: 42 },
          ],
          next_before: null,
        }),
    });
    renderWithProviders(<AppRoutes />, { route: '/customers/12' });
    fireEvent.click(await screen.findByRole('tab', { name: '时间线' }));
    const order = await screen.findByTestId('timeline-item-order');
    expect(order.textContent).toContain('订单 · 订单 D20261122000042');
    expect(order.querySelector('a')?.getAttribute('href')).toBe('/orders/42');
    expect(screen.getByTestId('timeline-item-after_sale').querySelector('a')?.getAttribute('href')).toBe('/after-sales/9');
  });
});
