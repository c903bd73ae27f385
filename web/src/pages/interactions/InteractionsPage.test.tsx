import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppRoutes } from '../../AppRoutes';
import i18n from '../../i18n';
import { makeUser, mockApi, session } from '../../test/mockApi';
import { jsonResponse, renderWithProviders } from '../../test/render';

beforeEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

const channels = {
  items: [
    { id: 1, name: '电话', kind: 'phone', enabled: true },
    { id: 2, name: '书面', kind: 'written', enabled: false },
  ],
};
const row = {
  id: 3, customer_id: 12, customer_name: '李雷', customer_number: 'C20261122000012', at: 1_700_000_000_000, channel_id: 1, channel_name: '电话',
  subject: '回访', content: '聊了新品', outcome: '', staff_id: 1, staff_name: '管理员', follow_up_on: '2026-12-01', created_at: 0, updated_at: 0,
};

describe('communications', () => {
  it('lists with URL filters and hides actions without interactions.edit', async () => {
    const calls = mockApi({
      'GET /api/v1/auth/me': session(makeUser({ permissions: ['interactions.view'] })),
      'GET /api/v1/interaction-channels': () => jsonResponse(channels),
      'GET /api/v1/interactions': () => jsonResponse({ items: [row], total: 1, next_after: null }),
    });
    renderWithProviders(<AppRoutes />, { route: '/interactions?q=%E6%9D%8E&channel_id=1' });
    const table = await screen.findByTestId('interactions-table');
    await waitFor(() => expect(table.textContent).toContain('回访'));
    expect(table.textContent).toContain('2026-12-01');
    const list = calls.find((c) => c.path === '/api/v1/interactions')!;
    expect(new URLSearchParams(list.search).get('q')).toBe('李');
    expect(new URLSearchParams(list.search).get('channel_id')).toBe('1');
    expect(screen.queryByTestId('interaction-create')).toBeNull();
    expect(screen.queryByTestId('interaction-edit')).toBeNull();
    expect(screen.queryByTestId('channels-open')).toBeNull();
  });

  it('edits a record offering only enabled channels and shows a field error', async () => {
    const calls = mockApi({
      'GET /api/v1/auth/me': session(makeUser({ permissions: ['interactions.view', 'interactions.edit'] })),
      'GET /api/v1/interaction-channels': () => jsonResponse(channels),
      'GET /api/v1/interactions': () => jsonResponse({ items: [row], total: 1, next_after: null }),
      'GET /api/v1/customers': () => jsonResponse({ items: [], total: 0, next_after: null }),
      'PATCH /api/v1/interactions/3': () => jsonResponse({ error: { code: 'validation.length', message: 'subject too long', field: 'subject' } }, 400),
    });
    renderWithProviders(<AppRoutes />, { route: '/interactions' });
    fireEvent.click(await screen.findByTestId('interaction-edit'));
    const subject = await screen.findByTestId('interaction-subject');
    fireEvent.change(subject, { target: { value: '回访（改）' } });
    const drawer = subject.closest('.ant-drawer') as HTMLElement;
    fireEvent.mouseDown(within(drawer).getByTestId('interaction-channel').querySelector('.ant-select-selector') ?? within(drawer).getByTestId('interaction-channel'));
    await waitFor(() => expect(document.querySelector('.ant-select-dropdown')).toBeTruthy());
    expect(document.querySelector('.ant-select-dropdown')!.textContent).not.toContain('书面');
    fireEvent.click(within(drawer).getByTestId('interaction-save'));
    await waitFor(() => expect(drawer.textContent).toContain('内容超出长度限制'));
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.body).toMatchObject({ customer_id: 12, channel_id: 1, subject: '回访（改）', follow_up_on: '2026-12-01', at: 1_700_000_000_000 });
  });
});
