import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { AnalyticsFilters } from '../../api/analytics';

const DAY = 'YYYY-MM-DD';
export const FILTER_KEYS = ['from', 'to', 'channel', 'category', 'region'] as const;

/** The `days` days ending today (inclusive), as from/to. */
export function lastDays(days: number, today = dayjs()): { from: string; to: string } {
  return { from: today.subtract(days - 1, 'day').format(DAY), to: today.format(DAY) };
}

/** URL filters of an analytics page (from/to default to the last `defaultDays` days). */
export function readAnalyticsFilters(params: URLSearchParams, fallback: { from: string; to: string }): AnalyticsFilters {
  const out: AnalyticsFilters = { from: params.get('from') || fallback.from, to: params.get('to') || fallback.to };
  for (const key of ['channel', 'category', 'region'] as const) {
    const v = params.get(key);
    if (v) out[key] = v;
  }
  return out;
}

/** Comma list ↔ select values. */
export const splitList = (v: string | undefined): string[] => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);
export const joinList = (values: readonly string[]): string | undefined => (values.length ? values.join(',') : undefined);

export function useAnalyticsFilters(defaultDays: number) {
  const [params, setParams] = useSearchParams();
  const fallback = useMemo(() => lastDays(defaultDays), [defaultDays]);
  const filters = useMemo(() => readAnalyticsFilters(params, fallback), [params, fallback]);
  const set = (patch: Record<string, string | undefined>) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      for (const [k, v] of Object.entries(patch)) if (v) next.set(k, v); else next.delete(k);
      return next;
    });
  return { filters, set, params };
}
