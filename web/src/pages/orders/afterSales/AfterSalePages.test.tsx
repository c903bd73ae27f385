import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppRoutes } from '../../../AppRoutes';
import i18n from '../../../i18n';
import { makeUser, mockApi, session } from '../../../test/mockApi';
import { jsonResponse, renderWithProviders } from '../../../test/render';
import { makeAfterSale, makeOrder, ORDER_PERMS } from '../testData';

beforeEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

describe('after-sales pages', () => {
  it('refunds at most the refundable remainder of the order', async () => {
    const calls = mockApi({
      'GET /api/v1/auth/me': session(makeUser({ permissions: [...ORDER_PERMS, 'orders.after_sales'] })),
      'GET /api/v1/after-sales/9': () => jsonResponse(makeAfterSale()),
      'POST /api/v1/after-sales/9/refund': () => jsonResponse(makeAfterSale({ status: 'refunded', refund_fen: 7500 })),
    });
    renderWithProviders(<AppRoutes />, { route: '/after-sales/9' });
    expect((await screen.findByTestId('after-sale-title')).textContent).toBe('R20261122000009');
    const actions = screen.getByTestId('after-sale-actions');
    expect(within(actions).getAllByRole('button').map((b) => b.getAttribute('data-testid'))).toEqual(['after-sale-action-refund']);

    fireEvent.click(screen.getByTestId('after-sale-action-refund'));
    expect((await screen.findByTestId('refund-remaining')).textContent).toContain('¥75.00');
    const amount = screen.getByTestId('refund-amount') as HTMLInputElement;
    // Asked ¥90.00 but only ¥75.00 is left: the modal proposes the remainder.
    await waitFor(() => expect(amount.value).toBe('75.00'));
    fireEvent.change(amount, { target: { value: '80' } });
    fireEvent.click(screen.getByTestId('after-sale-action-submit'));
    expect(await screen.findByText('超出可退余额 ¥75.00')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.change(amount, { target: { value: '75' } });
    fireEvent.click(screen.getByTestId('after-sale-action-submit'));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ amount_fen: 7500, note: '' }));
  });

  it('creates a return from an order with the chosen lines', async () => {
    const calls = mockApi({
      'GET /api/v1/auth/me': session(makeUser({ permissions: [...ORDER_PERMS, 'orders.after_sales'] })),
      'GET /api/v1/orders/42': () => jsonResponse(makeOrder({ status: 'delivered' })),
      'GET /api/v1/after-sales': () => jsonResponse({ items: [], total: 0, next_after: null }),
      'POST /api/v1/after-sales': () => jsonResponse(makeAfterSale({ status: 'requested' }), 201),
      'GET /api/v1/after-sales/9': () => jsonResponse(makeAfterSale({ status: 'requested' })),
    });
    renderWithProviders(<AppRoutes />, { route: '/orders/42' });
    fireEvent.click(await screen.findByRole('tab', { name: '售后' }));
    fireEvent.click(await screen.findByTestId('after-sale-create'));
    fireEvent.change(await screen.findByTestId('after-sale-reason'), { target: { value: '包装破损' } });
    fireEvent.click(screen.getByTestId('after-sale-submit'));
    expect(await screen.findByTestId('after-sale-error')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.change(screen.getByTestId('after-sale-qty-501'), { target: { value: '1' } });
    fireEvent.change(screen.getByTestId('after-sale-requested'), { target: { value: '617.25' } });
    fireEvent.click(screen.getByTestId('after-sale-submit'));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
        order_id: 42, kind: 'return', reason: '包装破损', note: '', items: [{ order_item_id: 501, quantity: 1 }], requested_fen: 61725,
      }),
    );
    expect(await screen.findByTestId('after-sale-title')).toBeTruthy();
  });
});
