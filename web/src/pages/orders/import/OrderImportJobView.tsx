import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Progress, Result, Space, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { orderImportsApi, type OrderImport, type OrderImportError } from '../../../api/orders';
import { errorText } from '../../../auth/errors';
import { isFinished } from '../../customers/import/importMapping';
import { orderImportPercent } from './orderImportMapping';

/** A running order import's progress bar, then its counts or its row errors and the report. */
export function OrderImportJobView({ job }: { job: OrderImport }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [downloading, setDownloading] = useState(false);

  if (!isFinished(job.status)) {
    return (
      <div style={{ padding: '24px 0' }} data-testid="order-import-progress">
        <Typography.Paragraph>{t(`orderImports.phases.${job.phase ?? job.status}`)}</Typography.Paragraph>
        <Progress percent={orderImportPercent(job)} status="active" />
        <Typography.Text type="secondary">{t('orderImports.processed', { processed: job.processed, total: job.row_count })}</Typography.Text>
      </div>
    );
  }

  const download = async () => {
    setDownloading(true);
    try {
      await orderImportsApi.errors(job.id);
    } catch (e) {
      message.error(errorText(t, e));
    } finally {
      setDownloading(false);
    }
  };

  if (job.status === 'succeeded') {
    return (
      <Result
        status="success"
        title={job.dry_run ? t('orderImports.dryRunOk') : t('orderImports.succeeded')}
        extra={
          <Space size={48}>
            <Statistic title={t('orderImports.orders')} value={job.orders} />
            <Statistic title={job.dry_run ? t('orderImports.wouldCreate') : t('orderImports.created')} value={job.created} />
            <Statistic title={t('orderImports.skipped')} value={job.skipped} />
          </Space>
        }
        data-testid="order-import-succeeded"
      />
    );
  }

  const columns: TableColumnsType<OrderImportError & { key: number }> = [
    { title: t('orderImports.errorRow'), dataIndex: 'row', width: 80 },
    { title: t('orderImports.errorColumn'), dataIndex: 'column', width: 160, render: (v: string) => (v ? t(`orderImports.fields.${v}`, { defaultValue: v }) : '—') },
    { title: t('orderImports.errorMessage'), dataIndex: 'message', render: (v: string, e) => t(`errors.${e.code}`, { defaultValue: v, detail: v }) },
  ];
  return (
    <div data-testid="order-import-failed">
      <Result
        status="error"
        title={t('orderImports.failed')}
        subTitle={job.error_count > 0 ? t('orderImports.failedHelp', { count: job.error_count }) : (job.failure ?? undefined)}
        extra={
          job.error_count > 0 && (
            <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void download()} data-testid="order-import-errors-download">
              {t('orderImports.downloadErrors')}
            </Button>
          )
        }
      />
      <Table size="small" pagination={false} dataSource={job.errors.map((e, i) => ({ ...e, key: i }))} columns={columns} data-testid="order-import-errors" />
    </div>
  );
}
