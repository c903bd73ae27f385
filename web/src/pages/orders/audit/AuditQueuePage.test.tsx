import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppRoutes } from '../../../AppRoutes';
import i18n from '../../../i18n';
import { makeUser, mockApi, session } from '../../../test/mockApi';
import { jsonResponse, renderWithProviders } from '../../../test/render';
import { makeOrder, ORDER_PERMS } from '../testData';

beforeEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

const rules = {
  items: [
    { rule: 'amount_threshold', enabled: true, params: { max_total_fen: 5_000_000 } },
    { rule: 'blacklisted', enabled: true, params: {} },
  ],
};

describe('audit queue', () => {
  it('lists held orders with reasons, approves with a note and saves thresholds in fen', async () => {
    const held = makeOrder({ status: 'pending_audit', paid_fen: 0, audit_reasons: [{ rule: 'blacklisted', message: 'customer is blacklisted' }] });
    const calls = mockApi({
      'GET /api/v1/auth/me': session(makeUser({ permissions: [...ORDER_PERMS, 'orders.audit'] })),
      'GET /api/v1/orders/audit-queue': () => jsonResponse({ items: [held], total: 1, next_after: null }),
      'GET /api/v1/order-audit-rules': () => jsonResponse(rules),
      'PUT /api/v1/order-audit-rules': ({ body }) => jsonResponse({ items: (body as { rules: unknown[] }).rules }),
      'POST /api/v1/orders/42/approve': () => jsonResponse(makeOrder({ status: 'approved' })),
    });
    renderWithProviders(<AppRoutes />, { route: '/orders/audit' });
    const queue = await screen.findByTestId('audit-queue');
    await waitFor(() => expect(within(queue).getByTestId('audit-reasons').textContent).toContain('黑名单客户'));

    fireEvent.click(within(queue).getByTestId('audit-approve'));
    fireEvent.change(await screen.findByTestId('order-action-note'), { target: { value: '已电话核实' } });
    fireEvent.click(screen.getByTestId('order-action-submit'));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ note: '已电话核实' }));
    expect(calls.find((c) => c.method === 'POST')?.path).toBe('/api/v1/orders/42/approve');

    const max = (await screen.findByTestId('rule-max-total')).querySelector('input') ?? screen.getByTestId('rule-max-total');
    await waitFor(() => expect((max as HTMLInputElement).value).toBe('50000.00'));
    fireEvent.change(max, { target: { value: '8000' } });
    fireEvent.click(screen.getByTestId('rule-enabled-blacklisted'));
    fireEvent.click(screen.getByTestId('audit-rules-save'));
    await waitFor(() => expect(calls.find((c) => c.method === 'PUT')).toBeTruthy());
    const saved = calls.find((c) => c.method === 'PUT')!.body as { rules: { rule: string; enabled: boolean; params: Record<string, number> }[] };
    expect(saved.rules).toEqual([
      { rule: 'amount_threshold', enabled: true, params: { max_total_fen: 800_000 } },
      { rule: 'blacklisted', enabled: false, params: {} },
    ]);
  });
});
