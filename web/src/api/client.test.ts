import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse } from '../test/render';
import { ApiError, CSRF_HEADER, api, setCsrfToken } from './client';

function mockFetch(impl: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>) {
  const fn = vi.fn(impl);
  vi.stubGlobal('fetch', fn);
  return fn;
}

function headersOf(init: RequestInit | undefined): Record<string, string> {
  return (init?.headers ?? {}) as Record<string, string>;
}

afterEach(() => setCsrfToken(null));

describe('api client', () => {
  it('sends and parses JSON with same-origin credentials', async () => {
    const fetchMock = mockFetch(async () => jsonResponse({ id: 7 }, 201));
    const reply = await api.post<{ id: number }>('/api/v1/things', { name: '张三' }, { query: { a: 1, b: undefined } });
    expect(reply).toEqual({ id: 7 });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/v1/things?a=1');
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('same-origin');
    expect(init?.body).toBe(JSON.stringify({ name: '张三' }));
    expect(headersOf(init)['Content-Type']).toBe('application/json');
  });

  it('sends the CSRF token only once it is set', async () => {
    const fetchMock = mockFetch(async () => jsonResponse({}));
    await api.get('/api/v1/a');
    expect(headersOf(fetchMock.mock.calls[0]![1])[CSRF_HEADER]).toBeUndefined();
    setCsrfToken('tok-123');
    await api.delete('/api/v1/a/1');
    expect(headersOf(fetchMock.mock.calls[1]![1])[CSRF_HEADER]).toBe('tok-123');
    setCsrfToken(null);
    await api.get('/api/v1/a');
    expect(headersOf(fetchMock.mock.calls[2]![1])[CSRF_HEADER]).toBeUndefined();
  });

  it('parses the server error shape into ApiError', async () => {
    mockFetch(async () =>
      jsonResponse(
        { error: { code: 'customer.phone_taken', message: '手机号已被使用', field: 'phone', request_id: 'req-1' } },
        409,
      ),
    );
    const err = await api.post('/api/v1/customers', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 409, code: 'customer.phone_taken', message: '手机号已被使用', field: 'phone', requestId: 'req-1' });
  });

  it('handles non-JSON error bodies and takes the request id from the header', async () => {
    mockFetch(async () => new Response('boom', { status: 503, statusText: 'Service Unavailable', headers: { 'X-Request-Id': 'r9' } }));
    const err = await api.get('/readyz').catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 503, code: 'http.503', message: 'Service Unavailable', requestId: 'r9' });
    expect((err as ApiError).field).toBeUndefined();
  });

  it('turns network failures into ApiError code "network"', async () => {
    mockFetch(async () => {
      throw new TypeError('Failed to fetch');
    });
    const err = await api.get('/healthz').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 0, code: 'network' });
  });

  it('returns undefined for 204 No Content', async () => {
    mockFetch(async () => new Response(null, { status: 204 }));
    await expect(api.delete('/api/v1/a/1')).resolves.toBeUndefined();
  });
});
