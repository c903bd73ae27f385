import { LoadingOutlined } from '@ant-design/icons';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { Button, Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type QueryValue } from '../../api/client';
import { analyticsKeys } from '../../api/analytics';
import { ErrorState } from '../../toolkit';

/** 503 analytics.loading: the in-memory store is still being built after a start. */
export function isStoreLoading(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 503 && error.code === 'analytics.loading';
}

/** Seconds until the next poll while the store loads (Retry-After, 2–30 s, default 5). */
export function pollDelayMs(error: unknown): number | false {
  if (!isStoreLoading(error)) return false;
  return Math.min(30, Math.max(2, error.retryAfter ?? 5)) * 1000;
}

/** An analytics query that polls while the store loads and does not retry other errors blindly. */
export function useAnalyticsQuery<T>(name: string, query: Record<string, QueryValue>, fetcher: (q: Record<string, QueryValue>, signal: AbortSignal) => Promise<T>, enabled = true) {
  return useQuery({
    queryKey: analyticsKeys.report(name, query),
    queryFn: ({ signal }) => fetcher(query, signal),
    enabled,
    staleTime: 30_000,
    retry: (count, error) => !isStoreLoading(error) && !(error instanceof ApiError && error.status < 500) && count < 2,
    refetchInterval: (q) => pollDelayMs(q.state.error),
  });
}

/** Skeleton while pending, "数据加载中" while the store loads, the error with a retry, else the content. */
export function AnalyticsState<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  const { t } = useTranslation();
  if (query.data !== undefined && !query.error) return <>{children(query.data)}</>;
  if (query.error && isStoreLoading(query.error)) {
    return (
      <Result
        icon={<LoadingOutlined />}
        title={t('analytics.loading.title')}
        subTitle={<span data-testid="analytics-loading">{t('analytics.loading.text')}</span>}
        extra={<Button onClick={() => void query.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <Skeleton active />;
}
