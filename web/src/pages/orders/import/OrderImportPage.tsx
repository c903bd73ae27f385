import { App, Button, Card, Tabs, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { orderImportKeys, orderImportsApi, type OrderImport } from '../../../api/orders';
import { errorText } from '../../../auth/errors';
import { formatTime, PageHeader, ServerTable, useServerTable } from '../../../toolkit';
import { OrderImportWizard } from './OrderImportWizard';

const COLORS: Record<OrderImport['status'], string> = { uploaded: 'default', queued: 'processing', running: 'processing', succeeded: 'success', failed: 'error' };
const NO_URL_FILTERS: readonly string[] = [];

function OrderImportHistory() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const table = useServerTable<OrderImport>({
    queryKey: orderImportKeys.list,
    fetcher: (query, signal) => orderImportsApi.list(query, signal),
    filterKeys: NO_URL_FILTERS,
  });
  const columns: TableColumnsType<OrderImport> = [
    { title: t('orderImports.createdAt'), dataIndex: 'created_at', width: 170, render: (v: number) => formatTime(v) },
    { title: t('orderImports.filename'), dataIndex: 'filename', ellipsis: true },
    {
      title: t('orderImports.status'),
      dataIndex: 'status',
      width: 150,
      render: (v: OrderImport['status'], r) => (
        <>
          <Tag color={COLORS[v]}>{t(`orderImports.statuses.${v}`)}</Tag>
          {r.dry_run && <Tag>{t('orderImports.dryRunTag')}</Tag>}
        </>
      ),
    },
    { title: t('orderImports.rowCount'), dataIndex: 'row_count', width: 90 },
    { title: t('orderImports.created'), dataIndex: 'created', width: 90 },
    { title: t('orderImports.skipped'), dataIndex: 'skipped', width: 90 },
    { title: t('orderImports.errorCount'), dataIndex: 'error_count', width: 90 },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 140,
      render: (_v, r) =>
        r.error_count > 0 && (
          <Button type="link" size="small" onClick={() => void orderImportsApi.errors(r.id).catch((e: unknown) => message.error(errorText(t, e)))}>
            {t('orderImports.downloadErrors')}
          </Button>
        ),
    },
  ];
  return <ServerTable<OrderImport> table={table} rowKey="id" columns={columns} size="middle" data-testid="order-imports-table" />;
}

/** 导入订单 (orders.create): historical orders from CSV / XLSX as a background job, and past imports. */
export function OrderImportPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('orderImports.title')} subtitle={t('orderImports.subtitle')} />
      <Card>
        <Tabs
          items={[
            { key: 'new', label: t('orderImports.tabNew'), children: <OrderImportWizard /> },
            { key: 'history', label: t('orderImports.tabHistory'), children: <OrderImportHistory /> },
          ]}
        />
      </Card>
    </>
  );
}
