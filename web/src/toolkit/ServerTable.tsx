import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Flex, Table, Typography, type TableProps } from 'antd';
import type { SorterResult, SortOrder } from 'antd/es/table/interface';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { errorText } from '../auth/errors';
import { ErrorState } from './ErrorState';
import type { ServerTable as ServerTableState } from './useServerTable';

type Props<T> = Omit<TableProps<T>, 'dataSource' | 'pagination' | 'loading' | 'onChange'> & {
  table: ServerTableState<T>;
};

/** antd Table bound to a `useServerTable` state: keyset pager, total, sort, empty and error states. */
export function ServerTable<T extends object>({ table, columns, ...rest }: Props<T>) {
  const { t } = useTranslation();
  if (table.error && table.items.length === 0) return <ErrorState error={table.error} onRetry={table.refetch} />;

  const sortedColumns: TableProps<T>['columns'] = columns?.map((c) => {
    const key = 'dataIndex' in c && typeof c.dataIndex === 'string' ? c.dataIndex : undefined;
    if (!c.sorter || !key) return c;
    const order: SortOrder = table.sort === key ? 'ascend' : table.sort === `-${key}` ? 'descend' : null;
    return { ...c, sortOrder: order } as (typeof columns)[number];
  });

  return (
    <>
      {table.error ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="error-state"
          message={t('common.loadFailed')}
          description={`${errorText(t, table.error)}${table.error instanceof ApiError && table.error.requestId ? ` · ${t('common.requestId')}: ${table.error.requestId}` : ''}`}
          action={
            <Button size="small" onClick={table.refetch}>
              {t('common.retry')}
            </Button>
          }
        />
      ) : null}
      <Table<T>
        {...rest}
        columns={sortedColumns}
        dataSource={table.items}
        loading={table.loading}
        pagination={false}
        locale={{ emptyText: <Empty description={t('common.empty')} /> }}
        onChange={(_p, _f, sorter) => {
          const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<T> | undefined;
          const field = typeof s?.field === 'string' ? s.field : undefined;
          table.setSort(field && s?.order ? (s.order === 'descend' ? `-${field}` : field) : undefined);
        }}
      />
      <Flex justify="space-between" align="center" style={{ marginTop: 16 }} data-testid="pager">
        <Typography.Text type="secondary">
          {table.total !== undefined ? t('table.total', { count: table.total }) : ''}
        </Typography.Text>
        <Flex gap={8} align="center">
          <Button size="small" icon={<LeftOutlined />} disabled={!table.hasPrev || table.loading} onClick={table.prev}>
            {t('table.prev')}
          </Button>
          <Typography.Text>{t('table.page', { page: table.page })}</Typography.Text>
          <Button size="small" disabled={!table.hasNext || table.loading} onClick={table.next}>
            {t('table.next')} <RightOutlined />
          </Button>
        </Flex>
      </Flex>
    </>
  );
}
