import { vi } from 'vitest';
import type { User } from '../api/types';
import { jsonResponse } from './render';

export type Handler = (req: { method: string; url: URL; body: unknown; headers: Headers }) => Response | Promise<Response>;

/** Stubs fetch with handlers keyed "METHOD /path"; unknown routes answer 404. Returns the call log. */
export function mockApi(routes: Record<string, Handler>) {
  const calls: { method: string; path: string; search: string; body: unknown; headers: Headers }[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const headers = new Headers(init?.headers);
    calls.push({ method, path: url.pathname, search: url.search, body, headers });
    const handler = routes[`${method} ${url.pathname}`];
    if (handler) return handler({ method, url, body, headers });
    if (url.pathname === '/healthz') return jsonResponse({ status: 'ok' });
    if (url.pathname === '/readyz') return jsonResponse({ status: 'ready', database: 'sqlite' });
    if (url.pathname === '/api/v1/version') return jsonResponse({ name: 'shopcrm', version: '0.1.0' });
    return jsonResponse({ error: { code: 'not_found', message: 'not found' } }, 404);
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

export const apiError = (status: number, code: string, message = code, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  jsonResponse({ error: { code, message, request_id: 'req-1', ...extra } }, status, headers);

export const ALL_PERMISSIONS = [
  'users.view', 'users.manage', 'roles.view', 'roles.manage', 'tokens.manage',
  'logs.view', 'audit.view', 'settings.view', 'settings.manage',
];

export function makeUser(over: Partial<User> = {}): User {
  return {
    id: 1,
    username: 'admin',
    display_name: '管理员',
    phone: null,
    email: null,
    department: null,
    status: 'active',
    roles: [{ id: 1, name: 'admin', label: '管理员' }],
    permissions: ALL_PERMISSIONS,
    data_scope: 'all',
    totp_enabled: false,
    created_at: 0,
    updated_at: 0,
    last_login_at: null,
    ...over,
  };
}

export const session = (user: User) => () => jsonResponse({ user, csrf_token: 'csrf-abc' });
export const anonymous = () => apiError(401, 'auth.required', 'login required');
