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
  id: 5, filename: 'bad.csv', format: 'csv', status: 'uploaded', dry_run: false, match_by: 'phone', mapping: null,
  columns: ['姓名', '手机', '微信'], row_count: 2, processed: 0, created: 0, updated: 0, error_count: 0, errors: [],
  created_at: 0, created_by: 1, started_at: null, finished_at: null,
};

describe('import wizard', () => {
  it('uploads the raw file, maps columns from the suggestion and shows the row errors', async () => {
    const calls = mockApi({
      'GET /api/v1/auth/me': session(makeUser({ permissions: ['customers.view', 'customers.edit'] })),
      'GET /api/v1/customer-imports': () => jsonResponse({ items: [], total: 0, next_after: null }),
      'POST /api/v1/customer-imports': () =>
        jsonResponse({ ...base, preview: [['李雷', '13800138000', 'lilei'], ['韩梅梅', '12345', '']], suggested_mapping: { 姓名: 'name', 手机: 'phone' } }, 201),
      'POST /api/v1/customer-imports/5/start': () => jsonResponse({ ...base, status: 'queued' }, 202),
      'GET /api/v1/customer-imports/5': () =>
        jsonResponse({
          ...base, status: 'failed', processed: 2, error_count: 1,
          errors: [{ row: 3, column: '手机', field: 'phone', code: 'customer.invalid_phone', message: 'phone is invalid' }],
        }),
    });
    renderWithProviders(<AppRoutes />, { route: '/customers/import' });
    const input = (await screen.findByTestId('import-upload')).querySelector('input[type=file]') ?? document.querySelector('input[type=file]')!;
    const file = new File(['姓名,手机,微信\n李雷,13800138000,lilei\n韩梅梅,12345,\n'], 'bad.csv', { type: 'text/csv' });
    fireEvent.change(input, { target: { files: [file] } });

    const table = await screen.findByTestId('mapping-table');
    expect(within(table).getByText('13800138000 / 12345')).toBeTruthy();
    const upload = calls.find((c) => c.method === 'POST' && c.path === '/api/v1/customer-imports')!;
    expect(new URLSearchParams(upload.search).get('filename')).toBe('bad.csv');
    expect(upload.headers.get('Content-Type')).toBe('application/octet-stream');

    fireEvent.click(screen.getByTestId('import-start'));
    const failed = await screen.findByTestId('import-failed');
    await waitFor(() => expect(within(failed).getByTestId('import-errors').textContent).toContain('手机号格式不正确'));
    const start = calls.find((c) => c.path === '/api/v1/customer-imports/5/start')!;
    expect(start.body).toEqual({ mapping: { 姓名: 'name', 手机: 'phone', 微信: null }, match_by: 'phone', dry_run: false });
    expect(within(failed).getByTestId('import-errors-download')).toBeTruthy();
  });
});
