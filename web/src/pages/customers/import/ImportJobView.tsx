import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Progress, Result, Space, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customerDataApi, type CustomerImport, type ImportError } from '../../../api/customerData';
import { errorText } from '../../../auth/errors';
import { isFinished } from './importMapping';

/** Progress of a running import, then its outcome: counts, or the first errors and the report. */
export function ImportJobView({ job }: { job: CustomerImport }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [downloading, setDownloading] = useState(false);

  if (!isFinished(job.status)) {
    const percent = job.row_count > 0 ? Math.floor((job.processed / job.row_count) * 100) : 0;
    return (
      <div style={{ padding: '24px 0' }} data-testid="import-progress">
        <Typography.Paragraph>{t(`imports.statuses.${job.status}`)}</Typography.Paragraph>
        <Progress percent={percent} status="active" />
        <Typography.Text type="secondary">{t('imports.processed', { processed: job.processed, total: job.row_count })}</Typography.Text>
      </div>
    );
  }

  const download = async () => {
    setDownloading(true);
    try {
      await customerDataApi.importErrors(job.id);
    } catch (e) {
      message.error(errorText(t, e));
    } finally {
      setDownloading(false);
    }
  };

  const counts = (
    <Space size={48}>
      <Statistic title={job.dry_run ? t('imports.wouldCreate') : t('imports.created')} value={job.created} />
      <Statistic title={job.dry_run ? t('imports.wouldUpdate') : t('imports.updated')} value={job.updated} />
      <Statistic title={t('imports.errorCount')} value={job.error_count} />
    </Space>
  );

  if (job.status === 'succeeded') {
    return (
      <Result
        status="success"
        title={job.dry_run ? t('imports.dryRunOk') : t('imports.succeeded')}
        subTitle={job.dry_run ? t('imports.dryRunOkHelp') : undefined}
        extra={counts}
        data-testid="import-succeeded"
      />
    );
  }

  const columns: TableColumnsType<ImportError & { key: number }> = [
    { title: t('imports.errorRow'), dataIndex: 'row', width: 80 },
    { title: t('imports.errorColumn'), dataIndex: 'column', width: 140, render: (v: string) => v || '—' },
    { title: t('imports.field'), dataIndex: 'field', width: 120, render: (v: string) => (v ? t(`imports.fields.${v}`, { defaultValue: v }) : '—') },
    { title: t('imports.errorMessage'), dataIndex: 'message', render: (v: string, e) => t(`errors.${e.code}`, { defaultValue: v }) },
  ];
  return (
    <div data-testid="import-failed">
      <Result
        status="error"
        title={job.dry_run ? t('imports.dryRunFailed') : t('imports.failed')}
        subTitle={job.error_count > 0 ? t('imports.failedHelp', { count: job.error_count }) : (job.failure ?? undefined)}
        extra={
          job.error_count > 0 && (
            <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void download()} data-testid="import-errors-download">
              {t('imports.downloadErrors')}
            </Button>
          )
        }
      />
      {job.error_count > job.errors.length && (
        <Typography.Paragraph type="secondary">{t('imports.firstErrors', { shown: job.errors.length, total: job.error_count })}</Typography.Paragraph>
      )}
      <Table size="small" pagination={false} dataSource={job.errors.map((e, i) => ({ ...e, key: i }))} columns={columns} data-testid="import-errors" />
    </div>
  );
}
