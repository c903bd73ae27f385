import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

const MISSING = '\u0000missing';

/** Whole minutes (at least 1) from a Retry-After in seconds. */
export function lockoutMinutes(retryAfterSeconds: number | undefined): number | undefined {
  if (retryAfterSeconds === undefined || !Number.isFinite(retryAfterSeconds)) return undefined;
  return Math.max(1, Math.ceil(retryAfterSeconds / 60));
}

/**
 * The user-facing text of an error: the i18n entry `errors.<code>` when there is one (with
 * `minutes` from Retry-After for lockouts), else the server's own (English, safe) message.
 */
export function errorText(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : t('errors.unknown');
  const key = `errors.${error.code}`;
  if (error.code === 'auth.locked' || error.code === 'auth.rate_limited') {
    const minutes = lockoutMinutes(error.retryAfter);
    return minutes === undefined ? t(`${key}_generic`) : t(key, { minutes });
  }
  if (error.code === 'network') return t('errors.network');
  const count = Number(/\d+/.exec(error.message)?.[0] ?? NaN);
  const text = t(key, { defaultValue: MISSING, detail: error.message, count: Number.isNaN(count) ? undefined : count });
  if (typeof text === 'string' && text !== MISSING && !text.includes('{{')) return text;
  return error.message || t('errors.unknown');
}
