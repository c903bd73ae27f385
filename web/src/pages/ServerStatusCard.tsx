import { ReloadOutlined } from '@ant-design/icons';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { Button, Card, Descriptions, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { fetchHealth, fetchReady, fetchVersion, systemKeys } from '../api/system';

const statusQueryOptions = { retry: false, refetchInterval: 30_000 } as const;

function StatusTag({ query, okWhen }: { query: UseQueryResult<unknown>; okWhen: (data: unknown) => boolean }) {
  const { t } = useTranslation();
  if (query.isPending) return <Tag color="processing">{t('status.checking')}</Tag>;
  const ok = query.isSuccess && okWhen(query.data);
  const reason = query.error instanceof ApiError ? `${query.error.status} ${query.error.code}` : query.error?.message;
  const tag = <Tag color={ok ? 'success' : 'error'}>{ok ? t('status.ok') : t('status.error')}</Tag>;
  return !ok && reason ? <Tooltip title={reason}>{tag}</Tooltip> : tag;
}

function hasStatus(expected: string) {
  return (data: unknown) =>
    typeof data === 'object' && data !== null && (data as { status?: unknown }).status === expected;
}

export function ServerStatusCard() {
  const { t } = useTranslation();
  const health = useQuery({ queryKey: systemKeys.health, queryFn: ({ signal }) => fetchHealth(signal), ...statusQueryOptions });
  const ready = useQuery({ queryKey: systemKeys.ready, queryFn: ({ signal }) => fetchReady(signal), ...statusQueryOptions });
  const version = useQuery({ queryKey: systemKeys.version, queryFn: ({ signal }) => fetchVersion(signal), ...statusQueryOptions });
  const fetching = health.isFetching || ready.isFetching || version.isFetching;

  const refresh = () => {
    void health.refetch();
    void ready.refetch();
    void version.refetch();
  };

  return (
    <Card
      title={t('status.title')}
      data-testid="server-status"
      extra={
        <Button icon={<ReloadOutlined />} loading={fetching} onClick={refresh}>
          {t('status.refresh')}
        </Button>
      }
    >
      <Descriptions column={{ xs: 1, sm: 2, lg: 4 }} size="small">
        <Descriptions.Item label={t('status.liveness')}>
          <span data-testid="status-liveness">
            <StatusTag query={health} okWhen={hasStatus('ok')} />
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('status.readiness')}>
          <span data-testid="status-readiness">
            <StatusTag query={ready} okWhen={hasStatus('ready')} />
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('status.database')}>
          <span data-testid="status-database">{ready.data?.database ?? t('status.unknown')}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('status.version')}>
          <span data-testid="status-version">
            {version.data ? `${version.data.name} ${version.data.version}` : version.isPending ? '…' : t('status.unknown')}
          </span>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
