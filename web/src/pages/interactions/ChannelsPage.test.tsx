import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppRoutes } from '../../AppRoutes';
import i18n from '../../i18n';
import { makeUser, mockApi, session } from '../../test/mockApi';
import { jsonResponse, renderWithProviders } from '../../test/render';

beforeEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

describe('channel management', () => {
  it('disables a channel with interactions.manage', async () => {
    const calls = mockApi({
      'GET /api/v1/auth/me': session(makeUser({ permissions: ['interactions.view', 'interactions.manage'] })),
      'GET /api/v1/interaction-channels': () => jsonResponse({ items: [{ id: 1, name: '电话', kind: 'phone', enabled: true }] }),
      'PATCH /api/v1/interaction-channels/1': () => jsonResponse({ id: 1, name: '电话', kind: 'phone', enabled: false }),
    });
    renderWithProviders(<AppRoutes />, { route: '/interactions/channels' });
    fireEvent.click(await screen.findByTestId('channel-toggle-1'));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({ enabled: false });
    expect(await screen.findByText('已停用“电话”')).toBeTruthy();
  });

  it('refuses the page without interactions.manage', async () => {
    mockApi({ 'GET /api/v1/auth/me': session(makeUser({ permissions: ['interactions.view'] })) });
    renderWithProviders(<AppRoutes />, { route: '/interactions/channels' });
    expect(await screen.findByTestId('forbidden')).toBeTruthy();
    expect(screen.queryByTestId('channels-table')).toBeNull();
  });
});
