import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, setCsrfToken } from './client';
import { dispositionFilename, downloadFile, uploadRaw } from './files';

afterEach(() => setCsrfToken(null));

describe('file transfers', () => {
  it('reads the file name of a Content-Disposition header', () => {
    expect(dispositionFilename('attachment; filename="customers-20261122-101500.csv"')).toBe('customers-20261122-101500.csv');
    expect(dispositionFilename("attachment; filename=\"x.zip\"; filename*=UTF-8''%E9%9A%90%E7%A7%81.zip")).toBe('隐私.zip');
    expect(dispositionFilename('attachment')).toBeUndefined();
    expect(dispositionFilename(null)).toBeUndefined();
  });

  it('uploads the raw bytes with the CSRF header and the file name in the query', async () => {
    setCsrfToken('tok');
    const fetchMock = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => new Response(JSON.stringify({ id: 3 }), { status: 201, headers: { 'Content-Type': 'application/json' } }));
    vi.stubGlobal('fetch', fetchMock);
    const file = new File(['姓名\n李雷\n'], '客户.csv', { type: 'text/csv' });
    expect(await uploadRaw('/api/v1/customer-imports', file, { filename: file.name })).toEqual({ id: 3 });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(String(url)).toBe('/api/v1/customer-imports?filename=%E5%AE%A2%E6%88%B7.csv');
    expect(init?.method).toBe('POST');
    expect(init?.body).toBe(file);
    expect(new Headers(init?.headers).get('X-CSRF-Token')).toBe('tok');
    expect(init?.credentials).toBe('same-origin');
  });

  it('saves a download through a hidden link and reports API errors', async () => {
    setCsrfToken('tok');
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:x'), revokeObjectURL: vi.fn() }));
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(new Response('a,b', { status: 200, headers: { 'Content-Disposition': 'attachment; filename="e.csv"' } }))
      .mockResolvedValueOnce(new Response(JSON.stringify({ error: { code: 'export.not_ready', message: 'not ready' } }), { status: 409 }));
    vi.stubGlobal('fetch', fetchMock);
    expect(await downloadFile('/f', 'fallback.csv')).toBe('e.csv');
    expect(click).toHaveBeenCalledTimes(1);
    expect(new Headers((fetchMock.mock.calls[0] as [string, RequestInit])[1].headers).get('X-CSRF-Token')).toBe('tok');
    const err = await downloadFile('/f', 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('export.not_ready');
  });
});
