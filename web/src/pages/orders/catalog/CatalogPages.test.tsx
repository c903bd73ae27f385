import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppRoutes } from '../../../AppRoutes';
import i18n from '../../../i18n';
import { apiError, makeUser, mockApi, session } from '../../../test/mockApi';
import { jsonResponse, renderWithProviders } from '../../../test/render';

beforeEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

const product = {
  id: 7, sku: 'TEA-001', name: '龙井 250g', category_id: 2, price_fen: 12800, cost_fen: 6050, barcode: '', status: 'active',
  on_hand: 10, reserved: 2, available: 8, version: 3, created_at: 0, updated_at: 0,
};
const empty = { items: [], total: 0, next_after: null };

describe('catalog pages', () => {
  it('creates a product with prices typed in yuan and shows a duplicate SKU on its field', async () => {
    let duplicate = true;
    const calls = mockApi({
      'GET /api/v1/auth/me': session(makeUser({ permissions: ['products.view', 'products.manage'] })),
      'GET /api/v1/product-categories': () => jsonResponse({ items: [{ id: 2, name: '茶叶', description: '', sort_order: 0, created_at: 0, updated_at: 0 }] }),
      'GET /api/v1/products': () => jsonResponse({ items: [product], total: 1, next_after: null }),
      'POST /api/v1/products': () =>
        duplicate ? apiError(409, 'product.duplicate_sku', 'sku exists', { field: 'sku' }) : jsonResponse({ ...product, id: 8, sku: 'CUP-1' }, 201),
    });
    renderWithProviders(<AppRoutes />, { route: '/products' });
    const table = await screen.findByTestId('products-table');
    await waitFor(() => expect(table.textContent).toContain('¥128.00'));
    expect(table.textContent).toContain('茶叶');

    fireEvent.click(screen.getByTestId('product-create'));
    fireEvent.change(await screen.findByTestId('product-sku'), { target: { value: 'CUP-1' } });
    fireEvent.change(screen.getByTestId('product-name'), { target: { value: '马克杯' } });
    fireEvent.change(screen.getByTestId('product-price'), { target: { value: '39.9' } });
    fireEvent.click(screen.getByTestId('product-save'));
    expect(await screen.findByText('SKU 已存在')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      sku: 'CUP-1', name: '马克杯', category_id: null, price_fen: 3990, cost_fen: 0, barcode: '', status: 'active',
    });
    duplicate = false;
    fireEvent.click(screen.getByTestId('product-save'));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(2));
  });

  it('filters the stock list by warehouse and low stock, and hides writes without stock.manage', async () => {
    const calls = mockApi({
      'GET /api/v1/auth/me': session(makeUser({ permissions: ['products.view'] })),
      'GET /api/v1/warehouses': () => jsonResponse({ items: [{ id: 1, code: 'HZ', name: '杭州仓', address: '', enabled: true, is_default: true }] }),
      'GET /api/v1/stock': () =>
        jsonResponse({ items: [{ product_id: 7, sku: 'TEA-001', product_name: '龙井 250g', warehouse_id: 1, on_hand: 5, reserved: 2, available: 3, low_stock_threshold: 10, updated_at: 0 }], total: 1, next_after: null }),
      'GET /api/v1/stock/movements': () => jsonResponse(empty),
    });
    renderWithProviders(<AppRoutes />, { route: '/stock?warehouse_id=1' });
    const table = await screen.findByTestId('stock-table');
    await waitFor(() => expect(table.textContent).toContain('杭州仓'));
    expect(screen.queryByTestId('stock-receive')).toBeNull();
    expect(screen.queryByTestId('stock-adjust')).toBeNull();
    fireEvent.click(screen.getByTestId('stock-filter-low'));
    await waitFor(() => {
      const last = new URLSearchParams(calls.filter((c) => c.path === '/api/v1/stock').at(-1)!.search);
      expect(last.get('low')).toBe('true');
      expect(last.get('warehouse_id')).toBe('1');
    });
  });
});
