import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppRoutes } from '../../../AppRoutes';
import i18n from '../../../i18n';
import { makeUser, mockApi, session } from '../../../test/mockApi';
import { jsonResponse, renderWithProviders } from '../../../test/render';
import { makeCustomer } from '../testData';

const empty = () => jsonResponse({ items: [], total: 0, next_after: null });
const job = (over: Record<string, unknown>) => ({
  id: 7, format: 'csv', status: 'queued', unmask: false, total: 2, processed: 0, filename: null, created_at: 0, finished_at: null, error: null, ...over,
});

beforeEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

describe('customer export', () => {
  it('exports with the list filters and the settings format, polls, then downloads the file', async () => {
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    URL.createObjectURL = vi.fn(() => 'blob:export');
    URL.revokeObjectURL = vi.fn();
    let polls = 0;
    const calls = mockApi({
      'GET /api/v1/auth/me': session(makeUser({ permissions: ['customers.view', 'customers.export', 'settings.view'] })),
      'GET /api/v1/customer-categories': empty,
      'GET /api/v1/customers': () => jsonResponse({ items: [makeCustomer()], total: 1, next_after: null }),
      'GET /api/v1/settings': () => jsonResponse({ values: { default_export_format: 'csv' }, defaults: {}, schema: {} }),
      'POST /api/v1/customer-exports': () => jsonResponse(job({}), 202),
      'GET /api/v1/customer-exports/7': () => {
        polls += 1;
        return jsonResponse(polls < 2 ? job({ status: 'running', processed: 1 }) : job({ status: 'succeeded', processed: 2, filename: 'customers-20261122-101500.csv' }));
      },
      'GET /api/v1/customer-exports/7/file': () =>
        new Response('\uFEFF客户编号\nC20261122000012\n', { headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="customers-20261122-101500.csv"' } }),
    });
    renderWithProviders(<AppRoutes />, { route: '/customers?q=%E6%9D%8E&stage=member' });
    fireEvent.click(await screen.findByTestId('customer-export'));
    const dialog = await screen.findByRole('dialog');
    // Without customers.view_pii there is no unmask choice.
    expect(within(dialog).queryByTestId('export-unmask')).toBeNull();
    await waitFor(() => expect((within(dialog).getByLabelText('CSV (.csv)') as HTMLInputElement).checked).toBe(true));
    fireEvent.click(within(dialog).getByTestId('export-start'));

    await within(dialog).findByTestId('export-progress');
    const download = await within(dialog).findByTestId('export-download', {}, { timeout: 5000 });
    const start = calls.find((c) => c.method === 'POST' && c.path === '/api/v1/customer-exports')!;
    expect(start.body).toEqual({ format: 'csv', filters: { q: '李', stage: 'member' }, unmask: false });
    expect(start.headers.get('X-CSRF-Token')).toBe('csrf-abc');

    fireEvent.click(download);
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    expect(calls.some((c) => c.path === '/api/v1/customer-exports/7/file')).toBe(true);
  });

  it('offers unmasking only with customers.view_pii and defaults to xlsx without the settings', async () => {
    const calls = mockApi({
      'GET /api/v1/auth/me': session(makeUser({ permissions: ['customers.view', 'customers.export', 'customers.view_pii'] })),
      'GET /api/v1/customer-categories': empty,
      'GET /api/v1/customers': empty,
      'POST /api/v1/customer-exports': () => jsonResponse({ error: { code: 'customer.pii_forbidden', message: 'no' } }, 403),
    });
    renderWithProviders(<AppRoutes />, { route: '/customers' });
    fireEvent.click(await screen.findByTestId('customer-export'));
    const dialog = await screen.findByRole('dialog');
    expect((within(dialog).getByLabelText('Excel (.xlsx)') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(dialog).getByTestId('export-unmask'));
    fireEvent.click(within(dialog).getByTestId('export-start'));
    expect((await within(dialog).findByTestId('export-error')).textContent).toContain('没有查看完整个人信息的权限');
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ format: 'xlsx', filters: {}, unmask: true });
    expect(calls.some((c) => c.path === '/api/v1/settings')).toBe(false);
  });

  it('hides the export button without customers.export', async () => {
    mockApi({
      'GET /api/v1/auth/me': session(makeUser({ permissions: ['customers.view'] })),
      'GET /api/v1/customer-categories': empty,
      'GET /api/v1/customers': () => jsonResponse({ items: [makeCustomer()], total: 1, next_after: null }),
    });
    renderWithProviders(<AppRoutes />, { route: '/customers' });
    await screen.findByText('C20261122000012');
    expect(screen.queryByTestId('customer-export')).toBeNull();
    expect(screen.queryByTestId('customer-import')).toBeNull();
  });
});
