import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppRoutes } from '../../AppRoutes';
import i18n from '../../i18n';
import { apiError, makeUser, mockApi, session } from '../../test/mockApi';
import { jsonResponse, renderWithProviders } from '../../test/render';
import { makeOrder, ORDER_PERMS } from './testData';

beforeEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

const product = {
  id: 7, sku: 'TEA-001', name: '龙井 250g', category_id: 2, price_fen: 12800, cost_fen: 6050, barcode: '', status: 'active',
  on_hand: 10, reserved: 2, available: 8, version: 3, created_at: 0, updated_at: 0,
};

describe('manual order', () => {
  // Many antd interactions: slower than the other page tests on a loaded CI machine.
  it('creates an order for a new customer with the list price filled in and shows a field error on its field', async () => {
    let reply = apiError(400, 'order.invalid_phone', 'customer.phone must be a mobile number.', { field: 'customer.phone' });
    const calls = mockApi({
      'GET /api/v1/auth/me': session(makeUser({ permissions: ORDER_PERMS })),
      'GET /api/v1/orders': () => jsonResponse({ items: [], total: 0, next_after: null }),
      'GET /api/v1/customers': () => jsonResponse({ items: [], total: 0, next_after: null }),
      'GET /api/v1/products': () => jsonResponse({ items: [product], total: 1, next_after: null }),
      'POST /api/v1/orders': () => reply,
      'GET /api/v1/orders/42': () => jsonResponse(makeOrder({ status: 'pending_audit' })),
      'GET /api/v1/after-sales': () => jsonResponse({ items: [], total: 0, next_after: null }),
    });
    renderWithProviders(<AppRoutes />, { route: '/orders' });
    fireEvent.click(await screen.findByTestId('order-create'));
    const drawer = (await screen.findByTestId('order-save')).closest('.ant-drawer') as HTMLElement;
    fireEvent.click(within(drawer).getByText('新客户'));
    fireEvent.change(await within(drawer).findByTestId('order-customer-name'), { target: { value: '韩梅梅' } });
    fireEvent.change(within(drawer).getByTestId('order-customer-phone'), { target: { value: '1390013' } });

    const picker = within(drawer).getByTestId('order-line-sku-0');
    fireEvent.mouseDown(picker.querySelector('.ant-select-selector') ?? picker);
    await waitFor(() => expect(document.querySelector('.ant-select-dropdown')?.textContent).toContain('龙井 250g'));
    fireEvent.click(document.querySelector('.ant-select-dropdown .ant-select-item-option') as HTMLElement);
    await waitFor(() => expect((within(drawer).getByTestId('order-line-price-0') as HTMLInputElement).value).toBe('128.00'));
    fireEvent.change(within(drawer).getByTestId('order-line-qty-0'), { target: { value: '2' } });

    fireEvent.click(within(drawer).getByTestId('order-save'));
    await waitFor(() => expect(drawer.textContent).toContain('手机号格式不正确'));
    expect(within(drawer).queryByTestId('form-error')).toBeNull();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      platform: 'manual', payment_method: 'online', customer: { name: '韩梅梅', phone: '1390013' }, items: [{ sku: 'TEA-001', quantity: 2, unit_price_fen: 12800 }],
    });

    reply = jsonResponse(makeOrder({ status: 'pending_audit' }), 201);
    fireEvent.change(within(drawer).getByTestId('order-customer-phone'), { target: { value: '13900139000' } });
    fireEvent.click(within(drawer).getByTestId('order-save'));
    expect(await screen.findByTestId('order-title')).toBeTruthy();
  }, 60_000);
});
