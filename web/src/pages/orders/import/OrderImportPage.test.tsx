import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppRoutes } from '../../../AppRoutes';
import i18n from '../../../i18n';
import { makeUser, mockApi, session } from '../../../test/mockApi';
import { jsonResponse, renderWithProviders } from '../../../test/render';

beforeEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

const base = {
  id: 9, filename: 'history.csv', format: 'csv', status: 'uploaded', phase: null, dry_run: false, mapping: {},
  columns: ['单号', '客户', '商品编码', '数量'], row_count: 2, processed: 0, orders: 0, created: 0, skipped: 0,
  error_count: 0, errors: [], failure: null, created_at: 0, created_by: 1, started_at: null, finished_at: null,
  preview: [['H-1', '张三', 'SKU-A', '2'], ['H-2', '李四', 'SKU-X', '1']],
  suggested_mapping: { 单号: null, 客户: 'customer_name', 商品编码: 'sku', 数量: 'quantity' },
};

function upload() {
  const input = document.querySelector('input[type=file]')!;
  const file = new File(['单号,客户,商品编码,数量\nH-1,张三,SKU-A,2\nH-2,李四,SKU-X,1\n'], 'history.csv', { type: 'text/csv' });
  fireEvent.change(input, { target: { files: [file] } });
}

describe('order import page', () => {
  it('asks for the unmapped required field, then shows progress and the row errors with the report', async () => {
    let polls = 0;
    const calls = mockApi({
      'GET /api/v1/auth/me': session(makeUser({ permissions: ['orders.view', 'orders.create'] })),
      'GET /api/v1/order-imports': () => jsonResponse({ items: [], next_after: null }),
      'POST /api/v1/order-imports': () => jsonResponse(base, 201),
      'POST /api/v1/order-imports/9/start': () => jsonResponse({ ...base, status: 'queued' }, 202),
      'GET /api/v1/order-imports/9': () =>
        jsonResponse(
          ++polls === 1
            ? { ...base, status: 'running', phase: 'checking', processed: 1 }
            : {
                ...base, status: 'failed', processed: 2, error_count: 1,
                errors: [{ row: 3, column: 'sku', code: 'order.unknown_sku', message: 'Unknown SKU SKU-X.' }],
              },
        ),
    });
    renderWithProviders(<AppRoutes />, { route: '/orders/import' });
    await screen.findByTestId('order-import-upload');
    upload();

    const table = await screen.findByTestId('order-mapping-table');
    expect(within(table).getByText('H-1 / H-2')).toBeTruthy();
    expect(screen.getByTestId('order-mapping-missing').textContent).toContain('外部订单号');
    expect((screen.getByTestId('order-import-start') as HTMLButtonElement).disabled).toBe(true);
    const uploaded = calls.find((c) => c.method === 'POST' && c.path === '/api/v1/order-imports')!;
    expect(new URLSearchParams(uploaded.search).get('filename')).toBe('history.csv');

    const select = screen.getByTestId('order-mapping-单号');
    fireEvent.mouseDown(select.querySelector('.ant-select-selector') ?? select);
    await waitFor(() => expect(document.querySelector('.ant-select-dropdown .ant-select-item-option')).toBeTruthy());
    const option = [...document.querySelectorAll('.ant-select-dropdown .ant-select-item-option')].find((o) => o.textContent === '外部订单号');
    fireEvent.click(option as HTMLElement);
    await waitFor(() => expect(screen.queryByTestId('order-mapping-missing')).toBeNull());
    fireEvent.click(screen.getByTestId('order-import-start'));

    expect((await screen.findByTestId('order-import-progress')).textContent).toContain('正在检查每一行');
    const failed = await screen.findByTestId('order-import-failed', undefined, { timeout: 4000 });
    expect(within(failed).getByTestId('order-import-errors').textContent).toContain('商品 SKU 不存在');
    expect(within(failed).getByTestId('order-import-errors').textContent).toContain('商品编码');
    expect(within(failed).getByTestId('order-import-errors-download')).toBeTruthy();
    const start = calls.find((c) => c.path === '/api/v1/order-imports/9/start')!;
    expect(start.body).toEqual({ mapping: { 单号: 'external_id', 客户: 'customer_name', 商品编码: 'sku', 数量: 'quantity' }, dry_run: false });
  }, 90_000);

  it('is reachable from the order list for users who may create orders', async () => {
    mockApi({
      'GET /api/v1/auth/me': session(makeUser({ permissions: ['orders.view', 'orders.create'] })),
      'GET /api/v1/orders': () => jsonResponse({ items: [], total: 0, next_after: null }),
      'GET /api/v1/order-imports': () => jsonResponse({ items: [], next_after: null }),
    });
    renderWithProviders(<AppRoutes />, { route: '/orders' });
    fireEvent.click(await screen.findByTestId('order-import'));
    expect(await screen.findByTestId('order-import-upload')).toBeTruthy();
  }, 60_000);
});
