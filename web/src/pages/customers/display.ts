import type { Address, Stage } from '../../api/customers';

/** A value for display: empty / null becomes "—". */
export function orDash(value: string | null | undefined): string {
  return value === null || value === undefined || value.trim() === '' ? '—' : value;
}

export const STAGE_COLORS: Record<Stage, string> = { potential: 'default', transacted: 'processing', member: 'gold' };

/** Province, city, district and detail joined without separators (Chinese address order). */
export function formatAddress(a: Partial<Address> | null | undefined, withDetail = true): string {
  if (!a) return '—';
  const parts = [a.province, a.city, a.district, withDetail ? a.detail : undefined].filter((p): p is string => !!p && p.trim() !== '');
  // A municipality repeats itself (北京市 北京市): show it once.
  const unique = parts.filter((p, i) => i === 0 || p !== parts[i - 1]);
  return unique.length ? unique.join(' ') : '—';
}
