import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppRoutes } from '../../AppRoutes';
import i18n from '../../i18n';
import { apiError, makeUser, mockApi, session } from '../../test/mockApi';
import { jsonResponse, renderWithProviders } from '../../test/render';
import { makeCustomer } from './testData';

const CUSTOMER_PERMS = ['customers.view', 'customers.edit', 'customers.delete', 'customers.view_pii'];
const staff = (permissions: string[]) => makeUser({ permissions });

beforeEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

describe('customer pages', () => {
  it('shows the Customers menu with customers.view and lists customers with URL filters', async () => {
    const calls = mockApi({
      'GET /api/v1/auth/me': session(staff(['customers.view'])),
      'GET /api/v1/customer-categories': () => jsonResponse({ items: [], total: 0, next_after: null }),
      'GET /api/v1/customers': () => jsonResponse({ items: [makeCustomer()], total: 1, next_after: null }),
      'GET /api/v1/customers/12': () => jsonResponse(makeCustomer()),
    });
    renderWithProviders(<AppRoutes />, { route: '/customers?q=%E6%9D%8E&stage=potential' });
    expect(await screen.findByText('C20261122000012')).toBeTruthy();
    const menu = screen.getAllByRole('menu')[0]!;
    expect(menu.textContent).toContain('客户档案');
    expect(menu.textContent).toContain('客户分类');
    expect(menu.textContent).not.toContain('回收站');
    const list = calls.find((c) => c.path === '/api/v1/customers')!;
    const params = new URLSearchParams(list.search);
    expect(params.get('q')).toBe('李');
    expect(params.get('stage')).toBe('potential');
    expect(screen.getByText('138****1234')).toBeTruthy();
    expect(screen.queryByTestId('customer-create')).toBeNull();

    fireEvent.click(screen.getByText('李雷'));
    expect(await screen.findByTestId('customer-title')).toBeTruthy();
    expect(screen.queryByTestId('customer-reveal')).toBeNull();
  });

  it('shows the change history with translated field names', async () => {
    mockApi({
      'GET /api/v1/auth/me': session(staff(CUSTOMER_PERMS)),
      'GET /api/v1/customers/12': () => jsonResponse(makeCustomer()),
      'GET /api/v1/customers/12/history': () =>
        jsonResponse({ items: [{ at: 1_700_000_000_000, actor_id: 1, actor_name: '王芳', action: 'update', changes: { name: { from: '李雷', to: '李雷雷' } } }] }),
    });
    renderWithProviders(<AppRoutes />, { route: '/customers/12' });
    fireEvent.click(await screen.findByRole('tab', { name: '变更记录' }));
    const history = await screen.findByTestId('customer-history');
    await waitFor(() => expect(history.textContent).toContain('李雷雷'));
    expect(history.textContent).toContain('姓名：李雷 → 李雷雷');
    expect(history.textContent).toContain('修改');
  });

  it('adds tags to the selected customers in bulk', async () => {
    const calls = mockApi({
      'GET /api/v1/auth/me': session(staff(CUSTOMER_PERMS)),
      'GET /api/v1/customer-categories': () => jsonResponse({ items: [], total: 0, next_after: null }),
      'GET /api/v1/customers': () => jsonResponse({ items: [makeCustomer(), makeCustomer({ id: 13, number: 'C20261122000013', name: '韩梅梅' })], total: 2, next_after: null }),
      'POST /api/v1/customers/bulk-tags': () => jsonResponse({ updated: 2 }),
    });
    renderWithProviders(<AppRoutes />, { route: '/customers' });
    await screen.findByText('韩梅梅');
    const bulk = screen.getByTestId('customer-bulk-tags') as HTMLButtonElement;
    expect(bulk.disabled).toBe(true);
    fireEvent.click(screen.getAllByRole('checkbox')[0]!); // select all on the page
    await waitFor(() => expect(bulk.disabled).toBe(false));
    fireEvent.click(bulk);
    const dialog = await screen.findByRole('dialog');
    const input = within(dialog).getAllByRole('combobox')[0]!;
    fireEvent.change(input, { target: { value: '复购' } });
    fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(calls.some((c) => c.path === '/api/v1/customers/bulk-tags')).toBe(true));
    expect(calls.find((c) => c.path === '/api/v1/customers/bulk-tags')!.body).toEqual({ customer_ids: [12, 13], add: ['复购'], remove: [] });
  });

  it('shows a not-found page for a customer outside the data scope', async () => {
    mockApi({
      'GET /api/v1/auth/me': session(staff(CUSTOMER_PERMS)),
      'GET /api/v1/customers/99': () => apiError(404, 'customer.not_found', 'customer not found'),
    });
    renderWithProviders(<AppRoutes />, { route: '/customers/99' });
    expect(await screen.findByTestId('customer-not-found')).toBeTruthy();
    expect(screen.getByText('客户不存在或无权查看')).toBeTruthy();
  });

  it('reveals personal data only on request and says the view was audited', async () => {
    const calls = mockApi({
      'GET /api/v1/auth/me': session(staff(CUSTOMER_PERMS)),
      'GET /api/v1/customers/12': ({ url }) =>
        jsonResponse(url.searchParams.get('reveal') === 'true' ? makeCustomer({ phone: '13800001234', masked: false }) : makeCustomer()),
    });
    renderWithProviders(<AppRoutes />, { route: '/customers/12' });
    expect((await screen.findByTestId('customer-phone-value')).textContent).toBe('138****1234');
    fireEvent.click(screen.getByTestId('customer-reveal'));
    await waitFor(() => expect(screen.getByTestId('customer-phone-value').textContent).toBe('13800001234'));
    expect(screen.getByText('此次查看已记录审计日志')).toBeTruthy();
    expect(calls.filter((c) => c.path === '/api/v1/customers/12' && c.search.includes('reveal=true'))).toHaveLength(1);
  });

  it('erases from the recycle bin only after the customer number is typed', async () => {
    const deleted = { ...makeCustomer(), deleted_at: 1_700_000_000_000, deleted_by: 'admin' };
    const calls = mockApi({
      'GET /api/v1/auth/me': session(staff(CUSTOMER_PERMS)),
      'GET /api/v1/customers/recycle-bin': () => jsonResponse({ items: [deleted], total: 1, next_after: null }),
      'DELETE /api/v1/customers/12/erase': () => new Response(null, { status: 204 }),
    });
    renderWithProviders(<AppRoutes />, { route: '/customers/recycle-bin' });
    fireEvent.click(await screen.findByTestId('erase-12'));
    const dialog = await screen.findByRole('dialog');
    const ok = within(dialog).getByRole('button', { name: /彻底删除/ });
    expect((ok as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(within(dialog).getByTestId('erase-number'), { target: { value: 'C20261122000012' } });
    await waitFor(() => expect((ok as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(ok);
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE')).toBe(true));
    expect(calls.find((c) => c.method === 'DELETE')!.body).toEqual({ confirm: 'C20261122000012' });
  });

  it("shows the server's in-use message when a category with customers is deleted", async () => {
    mockApi({
      'GET /api/v1/auth/me': session(staff(CUSTOMER_PERMS)),
      'GET /api/v1/customer-categories': () =>
        jsonResponse({ items: [{ id: 1, name: '批发客户', description: '', customer_count: 5, created_at: 0, updated_at: 0 }], total: 1, next_after: null }),
      'DELETE /api/v1/customer-categories/1': () => apiError(409, 'category.in_use', 'category has 5 customers'),
    });
    renderWithProviders(<AppRoutes />, { route: '/customers/categories' });
    await screen.findByText('批发客户');
    fireEvent.click(screen.getByRole('button', { name: /删\s*除/ }));
    fireEvent.click(await screen.findByRole('button', { name: /确\s*定/ }));
    expect(await screen.findByText('该分类下还有 5 位客户，请先移出客户再删除')).toBeTruthy();
  });
});
