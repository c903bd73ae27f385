import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppRoutes } from '../../AppRoutes';
import i18n from '../../i18n';
import { apiError, makeUser, mockApi, session } from '../../test/mockApi';
import { jsonResponse, renderWithProviders } from '../../test/render';
import { makeCustomer } from '../customers/testData';
import { makeOrder, ORDER_PERMS } from './testData';

beforeEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

const staff = (permissions: string[]) => makeUser({ permissions });

describe('orders pages', () => {
  it('lists orders with status tabs and URL filters, amounts in yuan', async () => {
    const calls = mockApi({
      'GET /api/v1/auth/me': session(staff(ORDER_PERMS)),
      'GET /api/v1/orders': () => jsonResponse({ items: [makeOrder()], total: 1, next_after: null }),
    });
    renderWithProviders(<AppRoutes />, { route: '/orders?status=paid&q=D2026' });
    const table = await screen.findByTestId('orders-table');
    await waitFor(() => expect(table.textContent).toContain('D20261122000042'));
    expect(table.textContent).toContain('¥1,234.50');
    expect(within(table).getByTestId('order-status').textContent).toBe('已付款');
    const first = new URLSearchParams(calls.find((c) => c.path === '/api/v1/orders')!.search);
    expect(first.get('status')).toBe('paid');
    expect(first.get('q')).toBe('D2026');
    const menu = screen.getAllByRole('menu')[0]!;
    expect(menu.textContent).toContain('订单列表');
    expect(menu.textContent).toContain('商品');
    expect(menu.textContent).not.toContain('审核队列');

    fireEvent.click(screen.getByRole('tab', { name: '待审核' }));
    await waitFor(() => {
      const last = calls.filter((c) => c.path === '/api/v1/orders').at(-1)!;
      expect(new URLSearchParams(last.search).get('status')).toBe('pending_audit');
    });
  });

  it('shows only the actions valid for the status and ships with carrier and tracking number', async () => {
    let fail = true;
    const calls = mockApi({
      'GET /api/v1/auth/me': session(staff(ORDER_PERMS)),
      'GET /api/v1/orders/42': () => jsonResponse(makeOrder({ status: 'packed', customer_name: undefined, customer_number: undefined })),
      'GET /api/v1/customers/12': () => jsonResponse(makeCustomer()),
      'GET /api/v1/after-sales': () => jsonResponse({ items: [], total: 0, next_after: null }),
      'POST /api/v1/orders/42/ship': () =>
        fail ? apiError(409, 'order.illegal_transition', 'packed -> shipped: tracking number already used') : jsonResponse(makeOrder({ status: 'shipped' })),
    });
    renderWithProviders(<AppRoutes />, { route: '/orders/42' });
    expect((await screen.findByTestId('order-title')).textContent).toBe('D20261122000042');
    expect(screen.getByTestId('order-receiver-phone').textContent).toBe('138****1234');
    expect(screen.getByTestId('order-customer-link').getAttribute('href')).toBe('/customers/12');
    await waitFor(() => expect(screen.getByTestId('order-customer-link').textContent).toBe('李雷（C20261122000012）'));
    expect(screen.queryByTestId('order-reveal')).toBeNull();
    const actions = screen.getByTestId('order-actions');
    expect(within(actions).getAllByRole('button').map((b) => b.getAttribute('data-testid'))).toEqual(['order-action-ship', 'order-action-cancel']);

    fireEvent.click(screen.getByTestId('order-action-ship'));
    const tracking = await screen.findByTestId('order-ship-tracking');
    const carrier = screen.getByTestId('order-ship-carrier').querySelector('input') ?? screen.getByTestId('order-ship-carrier');
    fireEvent.change(carrier, { target: { value: '顺丰速运' } });
    fireEvent.change(tracking, { target: { value: 'SF1234567890' } });
    fireEvent.click(screen.getByTestId('order-action-submit'));
    const error = await screen.findByTestId('order-action-error');
    expect(error.textContent).toContain('当前状态不能执行此操作');
    expect(error.textContent).toContain('tracking number already used');
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({ carrier: '顺丰速运', tracking_number: 'SF1234567890' });
    expect(post.headers.get('If-Match')).toBe('"3"');

    fail = false;
    fireEvent.click(screen.getByTestId('order-action-submit'));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(2));
    await waitFor(() => expect(calls.filter((c) => c.path === '/api/v1/orders/42' && c.method === 'GET').length).toBeGreaterThan(1));
  });

  it('lets an auditor approve or reject a held order and shows why it is held', async () => {
    const calls = mockApi({
      'GET /api/v1/auth/me': session(staff([...ORDER_PERMS, 'orders.audit', 'customers.view_pii'])),
      'GET /api/v1/orders/42': ({ url }) => {
        const held = makeOrder({ status: 'pending_audit', paid_fen: 0, audit_reasons: [{ rule: 'amount_threshold', message: 'total ¥1,234.50 above ¥1,000.00' }] });
        if (url.searchParams.get('reveal') === 'true') held.receiver = { ...held.receiver, phone: '13812341234' };
        return jsonResponse(held);
      },
      'GET /api/v1/after-sales': () => jsonResponse({ items: [], total: 0, next_after: null }),
      'POST /api/v1/orders/42/reject': () => jsonResponse(makeOrder({ status: 'closed' })),
    });
    renderWithProviders(<AppRoutes />, { route: '/orders/42' });
    const reasons = await screen.findByTestId('order-audit-reasons');
    expect(reasons.textContent).toContain('大额订单');
    const actions = screen.getByTestId('order-actions');
    expect(within(actions).getAllByRole('button').map((b) => b.getAttribute('data-testid'))).toEqual(['order-action-approve', 'order-action-reject']);
    fireEvent.click(screen.getByTestId('order-reveal'));
    await waitFor(() => expect(screen.getByTestId('order-receiver-phone').textContent).toBe('13812341234'));
    expect(screen.queryByTestId('order-reveal')).toBeNull();

    fireEvent.click(screen.getByTestId('order-action-reject'));
    fireEvent.click(await screen.findByTestId('order-action-submit'));
    expect(await screen.findByText('请填写原因')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    fireEvent.change(screen.getByTestId('order-action-note'), { target: { value: '地址可疑' } });
    fireEvent.click(screen.getByTestId('order-action-submit'));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ note: '地址可疑' }));
  });
});
