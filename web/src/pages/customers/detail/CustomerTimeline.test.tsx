import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppRoutes } from '../../../AppRoutes';
import i18n from '../../../i18n';
import { makeUser, mockApi, session } from '../../../test/mockApi';
import { jsonResponse, renderWithProviders } from '../../../test/render';
import { makeCustomer } from '../testData';

beforeEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

const item = (at: number, kind: string, title: string, detail = '') => ({ at, kind, title, detail, actor_name: '王芳', ref_id: at });

describe('customer timeline', () => {
  it('renders entries by kind and loads older ones with next_before', async () => {
    const calls = mockApi({
      'GET /api/v1/auth/me': session(makeUser({ permissions: ['customers.view', 'interactions.view'] })),
      'GET /api/v1/customers/12': () => jsonResponse(makeCustomer()),
      'GET /api/v1/customers/12/timeline': ({ url }) =>
        url.searchParams.get('before') === '1700000000000'
          ? jsonResponse({ items: [item(1_690_000_000_000, 'merge', '合并了 C20261122000013')], next_before: null })
          : jsonResponse({
              items: [item(1_700_000_100_000, 'interaction', '电话回访', '客户对新品感兴趣'), item(1_700_000_000_000, 'change', '修改了 手机号', 'phone,address.city')],
              next_before: 1_700_000_000_000,
            }),
    });
    renderWithProviders(<AppRoutes />, { route: '/customers/12' });
    fireEvent.click(await screen.findByRole('tab', { name: '时间线' }));
    const timeline = await screen.findByTestId('customer-timeline');
    await waitFor(() => expect(timeline.textContent).toContain('沟通 · 电话回访'));
    expect(timeline.textContent).toContain('客户对新品感兴趣');
    expect(timeline.textContent).toContain('变更 · 修改了 手机号');
    expect(timeline.textContent).toContain('手机号、城市');
    expect(timeline.textContent).toContain('操作人：王芳');
    expect(screen.getAllByTestId('timeline-item-interaction')).toHaveLength(1);
    // Communications tab only with interactions.view (granted here).
    expect(screen.getByRole('tab', { name: '沟通记录' })).toBeTruthy();

    fireEvent.click(screen.getByTestId('timeline-more'));
    await waitFor(() => expect(timeline.textContent).toContain('合并 · 合并了 C20261122000013'));
    expect(timeline.textContent).toContain('没有更早的记录了');
    const pages = calls.filter((c) => c.path === '/api/v1/customers/12/timeline');
    expect(new URLSearchParams(pages[0]!.search).get('before')).toBeNull();
    expect(new URLSearchParams(pages[1]!.search).get('before')).toBe('1700000000000');
  });

  it('has no communications tab nor privacy menu without the permissions', async () => {
    mockApi({
      'GET /api/v1/auth/me': session(makeUser({ permissions: ['customers.view'] })),
      'GET /api/v1/customers/12': () => jsonResponse(makeCustomer()),
    });
    renderWithProviders(<AppRoutes />, { route: '/customers/12' });
    expect(await screen.findByRole('tab', { name: '时间线' })).toBeTruthy();
    expect(screen.queryByRole('tab', { name: '沟通记录' })).toBeNull();
    expect(screen.queryByTestId('customer-more')).toBeNull();
  });
});
