import { Input, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { adminApi, adminKeys } from '../../../api/admin';
import type { AuditEntry } from '../../../api/types';
import { useSession } from '../../../auth/SessionContext';
import { DateRangeFilter, FilterBar, formatTime, PageHeader, ServerTable, useServerTable } from '../../../toolkit';
import { AuditChanges } from './AuditChanges';
import { UserPicker } from './UserPicker';

const FILTERS = ['actor_id', 'action', 'target_type', 'from', 'to'] as const;

export function AuditLogPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const table = useServerTable<AuditEntry>({
    queryKey: adminKeys.auditLog,
    fetcher: (query, signal) => adminApi.auditLog(query, signal),
    filterKeys: FILTERS,
  });

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('logs.at'), dataIndex: 'at', width: 180, render: (v: number) => formatTime(v) },
    { title: t('logs.actor'), dataIndex: 'actor_name', width: 160, ellipsis: true, render: (v: string) => v || '—' },
    { title: t('logs.action'), dataIndex: 'action', width: 200, render: (v: string) => <code>{v}</code> },
    {
      title: t('logs.target'),
      key: 'target',
      width: 200,
      ellipsis: true,
      render: (_v, r) => (r.target_type ? `${r.target_type}${r.target_id ? ` #${r.target_id}` : ''}` : '—'),
    },
    { title: t('logs.ip'), dataIndex: 'ip', width: 140 },
    {
      title: t('common.requestId'),
      dataIndex: 'request_id',
      ellipsis: true,
      render: (v: string) => <Typography.Text type="secondary" copyable={!!v}>{v || '—'}</Typography.Text>,
    },
  ];

  return (
    <>
      <PageHeader title={t('nav.auditLog')} subtitle={t('logs.auditSubtitle')} />
      <FilterBar onReset={table.resetFilters}>
        {can('users.view') ? (
          <UserPicker value={table.filters.actor_id} onChange={(id) => table.setFilters({ actor_id: id })} />
        ) : (
          <Input.Search
            key={`actor-${table.filters.actor_id ?? ''}`}
            defaultValue={table.filters.actor_id}
            placeholder={t('logs.actorId')}
            allowClear
            onSearch={(v) => table.setFilters({ actor_id: v.trim() })}
            style={{ width: 160 }}
          />
        )}
        <Input.Search
          key={`action-${table.filters.action ?? ''}`}
          defaultValue={table.filters.action}
          placeholder={t('logs.actionPlaceholder')}
          allowClear
          onSearch={(v) => table.setFilters({ action: v.trim() })}
          style={{ width: 260 }}
        />
        <Input.Search
          key={`tt-${table.filters.target_type ?? ''}`}
          defaultValue={table.filters.target_type}
          placeholder={t('logs.targetType')}
          allowClear
          onSearch={(v) => table.setFilters({ target_type: v.trim() })}
          style={{ width: 160 }}
        />
        <DateRangeFilter from={table.filters.from} to={table.filters.to} onChange={(r) => table.setFilters(r)} />
      </FilterBar>
      <ServerTable<AuditEntry>
        table={table}
        rowKey="id"
        columns={columns}
        scroll={{ x: 1000 }}
        expandable={{ expandedRowRender: (r) => <AuditChanges changes={r.changes} />, rowExpandable: (r) => !!r.changes }}
        data-testid="audit-log-table"
      />
    </>
  );
}
