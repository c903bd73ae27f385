import { useQuery } from '@tanstack/react-query';
import { Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { customerKeys, customersApi, type HistoryEntry } from '../../api/customers';
import { ErrorState, formatTime } from '../../toolkit';
import { CustomerChanges } from './CustomerChanges';

/** 变更记录 tab: who changed what and when (personal fields come redacted from the server). */
export function CustomerHistory({ id }: { id: number }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: customerKeys.history(id),
    queryFn: ({ signal }) => customersApi.history(id, signal),
    select: (r) => r.items.map((e, i) => ({ ...e, key: `${e.at}-${i}` })),
  });
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const columns: TableColumnsType<HistoryEntry & { key: string }> = [
    { title: t('customers.historyAt'), dataIndex: 'at', width: 170, render: (v: number) => formatTime(v) },
    { title: t('customers.historyActor'), dataIndex: 'actor_name', width: 120, render: (v: string) => v || '—' },
    { title: t('customers.historyAction'), dataIndex: 'action', width: 140, render: (v: string) => t(`customers.actions.${v}`, { defaultValue: v }) },
    { title: t('customers.historyChanges'), dataIndex: 'changes', render: (_v, e) => <CustomerChanges changes={e.changes} /> },
  ];
  return <Table size="small" loading={query.isFetching} dataSource={query.data ?? []} columns={columns} pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid="customer-history" />;
}
