import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { QueryValue } from '../api/client';
import type { Page } from '../api/types';
import { cursorReducer, initialCursorState, pageNumber } from './cursorStack';
import { filtersKey, readFilters, writeFilters, type Filters } from './urlFilters';

export interface ServerTableOptions<T> {
  queryKey: readonly unknown[];
  /** Calls the list endpoint with filters + `limit`/`after` (+ `sort` when set). */
  fetcher: (query: Record<string, QueryValue>, signal: AbortSignal) => Promise<Page<T>>;
  /** URL search params that are filters of this list. */
  filterKeys: readonly string[];
  pageSize?: number;
}

export interface ServerTable<T> {
  filters: Filters;
  setFilters: (patch: Record<string, string | number | null | undefined>) => void;
  resetFilters: () => void;
  /** `field` ascending, `-field` descending, undefined = server default. */
  sort: string | undefined;
  setSort: (sort: string | undefined) => void;
  items: T[];
  total: number | undefined;
  page: number;
  pageSize: number;
  hasNext: boolean;
  hasPrev: boolean;
  next: () => void;
  prev: () => void;
  loading: boolean;
  error: unknown;
  refetch: () => void;
}

export function useServerTable<T>({ queryKey, fetcher, filterKeys, pageSize = 20 }: ServerTableOptions<T>): ServerTable<T> {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params, filterKeys), [params, filterKeys]);
  const sort = params.get('sort') ?? undefined;
  const [cursor, dispatch] = useReducer(cursorReducer, initialCursorState);

  // New filters or sort order start again from the first page.
  const key = `${filtersKey(filters)}|${sort ?? ''}`;
  const lastKey = useRef(key);
  useEffect(() => {
    if (lastKey.current !== key) {
      lastKey.current = key;
      dispatch({ type: 'reset' });
    }
  }, [key]);
  const after = lastKey.current === key ? cursor.current : null;

  const query = useQuery({
    queryKey: [...queryKey, filters, sort ?? null, after, pageSize],
    queryFn: ({ signal }) => fetcher({ ...filters, sort, limit: pageSize, after: after ?? undefined }, signal),
    placeholderData: keepPreviousData,
  });

  const setFilters = useCallback(
    (patch: Record<string, string | number | null | undefined>) => setParams((p) => writeFilters(p, patch)),
    [setParams],
  );
  const resetFilters = useCallback(
    () => setParams((p) => writeFilters(p, Object.fromEntries([...filterKeys, 'sort'].map((k) => [k, null])))),
    [setParams, filterKeys],
  );
  const setSort = useCallback((s: string | undefined) => setParams((p) => writeFilters(p, { sort: s })), [setParams]);

  const nextAfter = query.data?.next_after ?? null;
  return {
    filters,
    setFilters,
    resetFilters,
    sort,
    setSort,
    items: query.data?.items ?? [],
    total: query.data?.total,
    page: pageNumber(cursor),
    pageSize,
    hasNext: nextAfter !== null && !query.isPlaceholderData,
    hasPrev: cursor.stack.length > 0,
    next: () => {
      if (nextAfter !== null) dispatch({ type: 'next', after: nextAfter });
    },
    prev: () => dispatch({ type: 'prev' }),
    loading: query.isFetching,
    error: query.error,
    refetch: () => void query.refetch(),
  };
}
