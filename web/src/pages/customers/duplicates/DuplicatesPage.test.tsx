import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppRoutes } from '../../../AppRoutes';
import i18n from '../../../i18n';
import { apiError, makeUser, mockApi, session } from '../../../test/mockApi';
import { jsonResponse, renderWithProviders } from '../../../test/render';
import { makeCustomer } from '../testData';

beforeEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

const older = makeCustomer({ id: 12, number: 'C20261122000012', created_at: 1 });
const newer = makeCustomer({ id: 13, number: 'C20261122000013', created_at: 2 });
const pair = { id: 4, reason: 'same_name_birthday', status: 'open', found_at: 0, customers: [newer, older] };
const merge = { id: 9, survivor_id: 12, merged_id: 13, survivor_number: older.number, merged_number: newer.number, merged_at: 0, merged_by: 1, undone_at: null, moved: { interactions: 2 } };

describe('duplicates', () => {
  it('merges a pair keeping the older record by default', async () => {
    const calls = mockApi({
      'GET /api/v1/auth/me': session(makeUser({ permissions: ['customers.view', 'customers.edit'] })),
      'GET /api/v1/customer-duplicates': () => jsonResponse({ items: [pair], total: 1, next_after: null }),
      'POST /api/v1/customer-merges': () => jsonResponse(merge, 201),
    });
    renderWithProviders(<AppRoutes />, { route: '/customers/duplicates' });
    const table = await screen.findByTestId('duplicates-table');
    await waitFor(() => expect(table.textContent).toContain('姓名和生日相同'));
    expect(new URLSearchParams(calls.find((c) => c.path === '/api/v1/customer-duplicates')!.search).get('status')).toBe('open');
    fireEvent.click(screen.getByTestId('duplicate-merge-4'));
    fireEvent.click(await screen.findByRole('button', { name: /确\s*定/ }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === '/api/v1/customer-merges')).toBe(true));
    expect(calls.find((c) => c.path === '/api/v1/customer-merges')!.body).toEqual({ survivor_id: 12, merged_id: 13 });
  });

  it('explains a refused undo when the survivor was edited after the merge', async () => {
    mockApi({
      'GET /api/v1/auth/me': session(makeUser({ permissions: ['customers.view', 'customers.edit'] })),
      'GET /api/v1/customer-duplicates': () => jsonResponse({ items: [], total: 0, next_after: null }),
      'GET /api/v1/customer-merges': () => jsonResponse({ items: [merge], total: 1, next_after: null }),
      'POST /api/v1/customer-merges/9/undo': () => apiError(409, 'merge.survivor_changed', 'survivor changed'),
    });
    renderWithProviders(<AppRoutes />, { route: '/customers/duplicates' });
    fireEvent.click(await screen.findByRole('tab', { name: '合并记录' }));
    const table = await screen.findByTestId('merges-table');
    await waitFor(() => expect(table.textContent).toContain('沟通记录 2'));
    fireEvent.click(within(table).getByTestId('merge-undo-9'));
    fireEvent.click(await screen.findByRole('button', { name: /确\s*定/ }));
    const refused = await screen.findByTestId('undo-refused');
    expect(refused.textContent).toContain('合并后保留的客户又被修改过');
  });
});
