import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Select, Space, Spin, Steps, Table, Typography, type TableColumnsType } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ORDER_IMPORT_FIELDS, orderImportKeys, orderImportsApi, type OrderImport, type OrderImportField } from '../../../api/orders';
import { errorText } from '../../../auth/errors';
import { ImportDropzone } from '../../../toolkit/ImportDropzone';
import { useImportFlow } from '../../../toolkit/useImportFlow';
import { columnSamples, isFinished } from '../../customers/import/importMapping';
import { OrderImportJobView } from './OrderImportJobView';
import { initialOrderMapping, orderMappingProblems, type OrderMapping } from './orderImportMapping';

/**
 * 导入订单: upload → map columns (with the first rows) → check (dry run) and/or import → progress
 * and result. An upload starts once, so a real run after a check uploads the file again.
 */
export function OrderImportWizard() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { step, setStep, upload, mapping, setMapping, busy, error, runId, receive, start, restart } = useImportFlow<
    OrderImport,
    OrderMapping
  >({
    upload: (f) => orderImportsApi.upload(f),
    initialMapping: initialOrderMapping,
    start: (id, m, dryRun) => orderImportsApi.start(id, { mapping: m, dry_run: dryRun }),
  });
  const run = useQuery({
    queryKey: orderImportKeys.job(runId ?? 0),
    queryFn: ({ signal }) => orderImportsApi.get(runId!, signal),
    enabled: runId !== null,
    refetchInterval: (q) => (q.state.data && isFinished(q.state.data.status) ? false : 1000),
  });
  const job = run.data;
  const finished = !!job && isFinished(job.status);

  useEffect(() => {
    if (!finished) return;
    void queryClient.invalidateQueries({ queryKey: orderImportKeys.list });
    if (job && !job.dry_run && job.status === 'succeeded') void queryClient.invalidateQueries({ queryKey: ['orders'] });
  }, [finished, job, queryClient]);

  const problems = orderMappingProblems(mapping);
  const ok = problems.duplicates.length === 0 && problems.missing.length === 0;
  const fieldLabel = (f: string) => t(`orderImports.fields.${f}`, { defaultValue: f });
  const samples = upload ? columnSamples(upload.columns, upload.preview) : {};
  const mappingColumns: TableColumnsType<{ column: string }> = [
    { title: t('orderImports.fileColumn'), dataIndex: 'column', width: 180, render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
    {
      title: t('orderImports.field'),
      key: 'field',
      width: 220,
      render: (_v, r) => (
        <Select
          allowClear
          style={{ width: 200 }}
          placeholder={t('orderImports.skipColumn')}
          value={mapping[r.column] ?? undefined}
          status={mapping[r.column] && problems.duplicates.includes(mapping[r.column]!) ? 'error' : undefined}
          onChange={(v?: OrderImportField) => setMapping({ ...mapping, [r.column]: v ?? null })}
          options={ORDER_IMPORT_FIELDS.map((f) => ({ value: f, label: fieldLabel(f) }))}
          aria-label={r.column}
          data-testid={`order-mapping-${r.column}`}
        />
      ),
    },
    { title: t('orderImports.samples'), key: 'samples', render: (_v, r) => <Typography.Text type="secondary">{(samples[r.column] ?? []).join(' / ') || '—'}</Typography.Text> },
  ];

  return (
    <>
      <Steps
        current={step}
        style={{ marginBottom: 24 }}
        items={[{ title: t('orderImports.stepUpload') }, { title: t('orderImports.stepMapping') }, { title: t('orderImports.stepRun') }]}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="order-import-error" />}
      {step === 0 && (
        <ImportDropzone busy={busy} onFile={(f) => void receive(f)} text={t('orderImports.dropHere')} hint={t('orderImports.formatHelp')} testId="order-import-upload" />
      )}
      {step === 1 && upload && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Typography.Text>{t('orderImports.fileSummary', { name: upload.filename, rows: upload.row_count })}</Typography.Text>
          {problems.missing.length > 0 && (
            <Alert type="error" showIcon title={t('orderImports.missingFields', { fields: problems.missing.map(fieldLabel).join('、') })} data-testid="order-mapping-missing" />
          )}
          {problems.duplicates.length > 0 && (
            <Alert type="error" showIcon title={t('orderImports.duplicateFields', { fields: problems.duplicates.map(fieldLabel).join('、') })} />
          )}
          <Table rowKey="column" size="small" pagination={false} dataSource={upload.columns.map((column) => ({ column }))} columns={mappingColumns} data-testid="order-mapping-table" />
          {upload.preview.length > 0 && (
            <Table
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={upload.preview.map((cells, i) => ({ key: i, cells }))}
              columns={upload.columns.map((c, i) => ({ title: c, key: `c${i}`, width: 120, ellipsis: true, render: (_v, r: { cells: string[] }) => r.cells[i] ?? '' }))}
              data-testid="order-import-preview"
            />
          )}
          <Flex gap={8} justify="flex-end">
            <Button onClick={restart}>{t('orderImports.otherFile')}</Button>
            <Button disabled={!ok} loading={busy} onClick={() => void start(true)} data-testid="order-import-dry-run">
              {t('orderImports.dryRun')}
            </Button>
            <Button type="primary" disabled={!ok} loading={busy} onClick={() => void start(false)} data-testid="order-import-start">
              {t('orderImports.start')}
            </Button>
          </Flex>
        </Space>
      )}
      {step === 2 && (
        <>
          {job ? <OrderImportJobView job={job} /> : run.error ? <Alert type="error" showIcon title={errorText(t, run.error)} /> : <Spin />}
          {finished && (
            <Flex gap={8} justify="center" style={{ marginTop: 16 }}>
              <Button onClick={restart} data-testid="order-import-another">
                {t('orderImports.otherFile')}
              </Button>
              {job.dry_run && job.status === 'succeeded' && (
                <Button type="primary" loading={busy} onClick={() => void start(false)} data-testid="order-import-start-after-check">
                  {t('orderImports.start')}
                </Button>
              )}
              {job.status === 'failed' && <Button onClick={() => setStep(1)}>{t('orderImports.backToMapping')}</Button>}
            </Flex>
          )}
        </>
      )}
    </>
  );
}
