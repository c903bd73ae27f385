import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Flex, Modal, Progress, Radio, Result, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, adminKeys } from '../../../api/admin';
import { customerDataApi, customerDataKeys, type ExportFormat } from '../../../api/customerData';
import { errorText } from '../../../auth/errors';
import { useSession } from '../../../auth/SessionContext';
import { defaultExportFormat, exportFilters } from './exportFormat';

/**
 * 导出客户: the list's current filters, a format and (with customers.view_pii) unmasking; then
 * the job's progress polled every second and the file's download.
 */
export function ExportModal({ open, filters, onClose }: { open: boolean; filters: Record<string, string>; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const settings = useQuery({
    queryKey: adminKeys.settings,
    queryFn: ({ signal }) => adminApi.getSettings(signal),
    enabled: open && can('settings.view'),
    staleTime: 60_000,
  });
  const [format, setFormat] = useState<ExportFormat | null>(null);
  const [unmask, setUnmask] = useState(false);
  const [jobId, setJobId] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setFormat(null);
    setUnmask(false);
    setJobId(null);
    setError(null);
  }, [open]);

  const job = useQuery({
    queryKey: customerDataKeys.exportJob(jobId ?? 0),
    queryFn: ({ signal }) => customerDataApi.getExport(jobId!, signal),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'succeeded' || q.state.data.status === 'failed') ? false : 1000),
  });

  const chosen = format ?? defaultExportFormat(settings.data?.values);
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const created = await customerDataApi.startExport({ format: chosen, filters: exportFilters(filters), unmask });
      setJobId(created.id);
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  const download = async () => {
    if (!job.data) return;
    setDownloading(true);
    try {
      const name = await customerDataApi.exportFile(job.data);
      message.success(t('exports.downloaded', { name }));
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setDownloading(false);
    }
  };

  const j = job.data;
  const filterCount = Object.keys(filters).length;
  let body;
  if (jobId === null) {
    body = (
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Text>{filterCount > 0 ? t('exports.withFilters', { count: filterCount }) : t('exports.allCustomers')}</Typography.Text>
        <div>
          <Typography.Text strong>{t('exports.format')}</Typography.Text>
          <div style={{ marginTop: 8 }}>
            <Radio.Group
              value={chosen}
              onChange={(e) => setFormat(e.target.value as ExportFormat)}
              options={[
                { value: 'xlsx', label: 'Excel (.xlsx)' },
                { value: 'csv', label: 'CSV (.csv)' },
              ]}
              data-testid="export-format"
            />
          </div>
        </div>
        {can('customers.view_pii') && (
          <div>
            <Checkbox checked={unmask} onChange={(e) => setUnmask(e.target.checked)} data-testid="export-unmask">
              {t('exports.unmask')}
            </Checkbox>
            {unmask && <Alert type="warning" showIcon style={{ marginTop: 8 }} title={t('exports.unmaskAudited')} />}
          </div>
        )}
      </Space>
    );
  } else if (!j || j.status === 'queued' || j.status === 'running') {
    const percent = j && j.total > 0 ? Math.floor((j.processed / j.total) * 100) : 0;
    body = (
      <div data-testid="export-progress">
        <Typography.Paragraph>{t('exports.running')}</Typography.Paragraph>
        <Progress percent={percent} status="active" />
        {j && <Typography.Text type="secondary">{t('exports.processed', { processed: j.processed, total: j.total })}</Typography.Text>}
      </div>
    );
  } else if (j.status === 'succeeded') {
    body = (
      <Result
        status="success"
        title={t('exports.ready', { count: j.total })}
        subTitle={j.filename ?? undefined}
        extra={
          <Button type="primary" icon={<DownloadOutlined />} loading={downloading} onClick={() => void download()} data-testid="export-download">
            {t('exports.download')}
          </Button>
        }
        data-testid="export-ready"
      />
    );
  } else {
    body = <Result status="error" title={t('exports.failed')} subTitle={j.error ?? undefined} data-testid="export-failed" />;
  }

  return (
    <Modal
      open={open}
      title={t('exports.title')}
      onCancel={onClose}
      footer={
        <Flex gap={8} justify="flex-end">
          <Button onClick={onClose}>{jobId === null ? t('common.cancel') : t('exports.close')}</Button>
          {jobId === null && (
            <Button type="primary" loading={busy} onClick={() => void start()} data-testid="export-start">
              {t('exports.start')}
            </Button>
          )}
        </Flex>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="export-error" />}
      {job.error && <Alert type="error" showIcon title={errorText(t, job.error)} style={{ marginBottom: 16 }} />}
      {body}
    </Modal>
  );
}
