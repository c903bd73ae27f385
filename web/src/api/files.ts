/**
 * File transfers that do not fit the JSON client: uploads whose body is the file's raw bytes
 * (the import endpoint reads the body as-is, not multipart) and downloads of attachments.
 * Both send the session cookie and the CSRF header exactly as `request` does.
 */
import { ApiError, CSRF_HEADER, getCsrfToken, parseRetryAfter, toApiError, type QueryValue } from './client';

function withQuery(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') params.append(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function send(path: string, init: RequestInit): Promise<Response> {
  const headers = new Headers(init.headers);
  const csrf = getCsrfToken();
  if (csrf) headers.set(CSRF_HEADER, csrf);
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  } catch (cause) {
    throw new ApiError({ status: 0, code: 'network', message: cause instanceof Error ? cause.message : 'Network request failed' });
  }
  if (!response.ok) {
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not the JSON error shape (e.g. a proxy's 413 page): toApiError falls back to the status
    }
    throw toApiError(response.status, response.statusText, body, response.headers.get('X-Request-Id'), parseRetryAfter(response.headers.get('Retry-After')));
  }
  return response;
}

/** POSTs `file`'s bytes as the request body and returns the JSON reply. */
export async function uploadRaw<T>(path: string, file: Blob, query?: Record<string, QueryValue>): Promise<T> {
  const response = await send(withQuery(path, query), {
    method: 'POST',
    body: file,
    headers: { Accept: 'application/json', 'Content-Type': 'application/octet-stream' },
  });
  return (await response.json()) as T;
}

/** `filename` (or RFC 5987 `filename*`) of a Content-Disposition header. */
export function dispositionFilename(header: string | null): string | undefined {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain?.[1]?.trim() || undefined;
}

/**
 * Downloads an attachment and hands it to the browser's save flow through a hidden
 * `<a download>`; a plain link could not carry the CSRF header nor show the API's error.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<string> {
  const response = await send(path, { method: 'GET' });
  const blob = await response.blob();
  const name = dispositionFilename(response.headers.get('Content-Disposition')) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start reading the blob only after the click handler returned.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}
