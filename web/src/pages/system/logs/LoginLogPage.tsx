import { Input, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { adminApi, adminKeys } from '../../../api/admin';
import type { LoginLogEntry } from '../../../api/types';
import { DateRangeFilter, FilterBar, formatTime, PageHeader, ServerTable, useServerTable } from '../../../toolkit';

const FILTERS = ['username', 'result', 'from', 'to'] as const;
export const LOGIN_RESULTS = ['success', 'invalid_credentials', 'locked', 'captcha_invalid', 'disabled', 'totp_invalid'] as const;

export function LoginLogPage() {
  const { t } = useTranslation();
  const table = useServerTable<LoginLogEntry>({
    queryKey: adminKeys.loginLog,
    fetcher: (query, signal) => adminApi.loginLog(query, signal),
    filterKeys: FILTERS,
  });

  const columns: TableColumnsType<LoginLogEntry> = [
    { title: t('logs.at'), dataIndex: 'at', width: 180, render: (v: number) => formatTime(v) },
    { title: t('logs.username'), dataIndex: 'username', width: 160, ellipsis: true },
    {
      title: t('logs.result'),
      dataIndex: 'result',
      width: 150,
      render: (v: string) => (
        <Tag color={v === 'success' ? 'success' : 'error'}>{t(`logs.results.${v}`, { defaultValue: v })}</Tag>
      ),
    },
    { title: t('logs.ip'), dataIndex: 'ip', width: 150 },
    {
      title: t('logs.userAgent'),
      dataIndex: 'user_agent',
      ellipsis: true,
      render: (v: string) => <Typography.Text type="secondary" title={v}>{v}</Typography.Text>,
    },
  ];

  return (
    <>
      <PageHeader title={t('nav.loginLog')} subtitle={t('logs.loginSubtitle')} />
      <FilterBar onReset={table.resetFilters}>
        <Input.Search
          key={table.filters.username ?? ''}
          defaultValue={table.filters.username}
          placeholder={t('logs.username')}
          allowClear
          onSearch={(v) => table.setFilters({ username: v.trim() })}
          style={{ width: 220 }}
        />
        <Select
          allowClear
          placeholder={t('logs.result')}
          value={table.filters.result}
          onChange={(v?: string) => table.setFilters({ result: v })}
          options={LOGIN_RESULTS.map((r) => ({ value: r, label: t(`logs.results.${r}`) }))}
          style={{ width: 180 }}
        />
        <DateRangeFilter from={table.filters.from} to={table.filters.to} onChange={(r) => table.setFilters(r)} />
      </FilterBar>
      <ServerTable<LoginLogEntry> table={table} rowKey="id" columns={columns} scroll={{ x: 960 }} data-testid="login-log-table" />
    </>
  );
}
