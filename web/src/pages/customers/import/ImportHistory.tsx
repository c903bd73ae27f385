import { App, Button, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { customerDataApi, customerDataKeys, type CustomerImport, type ImportStatus } from '../../../api/customerData';
import { errorText } from '../../../auth/errors';
import { formatTime, ServerTable, useServerTable } from '../../../toolkit';

const COLORS: Record<ImportStatus, string> = { uploaded: 'default', queued: 'processing', running: 'processing', succeeded: 'success', failed: 'error' };
const NO_URL_FILTERS: readonly string[] = [];

/** 导入记录: the caller's imports, newest first. */
export function ImportHistory() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const table = useServerTable<CustomerImport>({
    queryKey: customerDataKeys.imports,
    fetcher: (query, signal) => customerDataApi.listImports(query, signal),
    filterKeys: NO_URL_FILTERS,
  });
  const columns: TableColumnsType<CustomerImport> = [
    { title: t('imports.createdAt'), dataIndex: 'created_at', width: 170, render: (v: number) => formatTime(v) },
    { title: t('imports.filename'), dataIndex: 'filename', ellipsis: true },
    {
      title: t('imports.status'),
      dataIndex: 'status',
      width: 140,
      render: (v: ImportStatus, r) => (
        <>
          <Tag color={COLORS[v]}>{t(`imports.statuses.${v}`)}</Tag>
          {r.dry_run && <Tag>{t('imports.dryRunTag')}</Tag>}
        </>
      ),
    },
    { title: t('imports.rowCount'), dataIndex: 'row_count', width: 80 },
    { title: t('imports.created'), dataIndex: 'created', width: 80 },
    { title: t('imports.updated'), dataIndex: 'updated', width: 80 },
    { title: t('imports.errorCount'), dataIndex: 'error_count', width: 80 },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 140,
      render: (_v, r) =>
        r.error_count > 0 && (
          <Button
            type="link"
            size="small"
            onClick={() => void customerDataApi.importErrors(r.id).catch((e: unknown) => message.error(errorText(t, e)))}
          >
            {t('imports.downloadErrors')}
          </Button>
        ),
    },
  ];
  return <ServerTable<CustomerImport> table={table} rowKey="id" columns={columns} size="middle" data-testid="imports-table" />;
}
