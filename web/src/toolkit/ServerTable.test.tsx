import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppRoutes } from '../AppRoutes';
import i18n from '../i18n';
import { makeUser, mockApi, session } from '../test/mockApi';
import { jsonResponse } from '../test/render';
import { renderWithProviders } from '../test/render';

const people = Array.from({ length: 45 }, (_, i) => makeUser({ id: 45 - i, username: `u${45 - i}`, display_name: `员工${45 - i}` }));

beforeEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

describe('ServerTable on the users page', () => {
  it('reads filters from the URL, pages forward and back with the cursor stack, and shows errors with retry', async () => {
    let fail = false;
    const calls = mockApi({
      'GET /api/v1/auth/me': session(makeUser()),
      'GET /api/v1/roles': () => jsonResponse({ items: [] }),
      'GET /api/v1/users': ({ url }) => {
        if (fail) return jsonResponse({ error: { code: 'internal', message: 'boom', request_id: 'rid-42' } }, 500);
        const after = Number(url.searchParams.get('after') ?? 1e9);
        const limit = Number(url.searchParams.get('limit'));
        const rest = people.filter((u) => u.id < after);
        const items = rest.slice(0, limit);
        return jsonResponse({ items, total: people.length, next_after: rest.length > limit ? items.at(-1)!.id : null });
      },
    });
    renderWithProviders(<AppRoutes />, { route: '/system/users?q=%E5%91%98&status=active' });
    expect(await screen.findByText('员工45')).toBeTruthy();
    const first = calls.find((c) => c.path === '/api/v1/users')!;
    expect(new URLSearchParams(first.search).get('q')).toBe('员');
    expect(new URLSearchParams(first.search).get('status')).toBe('active');
    expect(screen.getByText('共 45 条')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: /下一页/ }));
    expect(await screen.findByText('员工25')).toBeTruthy();
    expect(screen.getByText('第 2 页')).toBeTruthy();
    const second = calls.filter((c) => c.path === '/api/v1/users').at(-1)!;
    expect(new URLSearchParams(second.search).get('after')).toBe('26');

    fireEvent.click(screen.getByRole('button', { name: /上一页/ }));
    expect(await screen.findByText('员工45')).toBeTruthy();
    expect(screen.getByText('第 1 页')).toBeTruthy();

    fail = true;
    await waitFor(() => expect((screen.getByRole('button', { name: /下一页/ }) as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByRole('button', { name: /下一页/ }));
    expect((await screen.findByTestId('error-state')).textContent).toContain('rid-42');
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: /重\s*试/ }));
    await waitFor(() => expect(screen.getByText('员工25')).toBeTruthy());
  });
});
