import type { QueryClient } from '@tanstack/react-query';
import { analyticsApi, analyticsKeys } from '../../api/analytics';
import type { QueryValue } from '../../api/client';
import { lastDays, readAnalyticsFilters } from './useAnalyticsFilters';

type Query = Record<string, QueryValue>;

/**
 * Starts a dashboard's requests while the console is still starting — before the session check
 * and the first render of the shell, which take most of a cold load — so the server computes
 * while the browser renders (bench/console_dashboard: the requests otherwise start only after
 * the whole page rendered once). The home dashboard's KPI query, 经营看板's KPI and daily
 * consumption queries and the chart code; the pages use the same query keys and find the answers
 * in flight or done. Other paths: nothing. A 401/403 answer is cached like any failed query and
 * the page asks again when it mounts.
 */
export function preloadDashboard(client: QueryClient, location: { pathname: string; search: string }, today?: Parameters<typeof lastDays>[1]): string[] {
  const path = location.pathname.replace(/\/+$/, '');
  const prefetched: string[] = [];
  const prefetch = <T>(name: string, query: Query, fetcher: (q: Query, signal: AbortSignal) => Promise<T>) => {
    prefetched.push(name);
    void client.prefetchQuery({ queryKey: analyticsKeys.report(name, query), queryFn: ({ signal }) => fetcher(query, signal), retry: false });
  };
  if (path === '/dashboard') {
    prefetch('kpis', lastDays(30, today), analyticsApi.kpis);
  } else if (path === '/analytics') {
    const filters = readAnalyticsFilters(new URLSearchParams(location.search), lastDays(30, today));
    prefetch('kpis', { ...filters }, analyticsApi.kpis);
    prefetch('consumption', { ...filters, group: 'day' }, analyticsApi.consumption);
    void import('../../charts/EChart');
  }
  return prefetched;
}
