import { Alert, Radio, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { IMPORT_FIELDS, MATCH_BY, type CustomerImport, type MatchBy } from '../../../api/customerData';
import { columnSamples, mappingProblems, type Mapping } from './importMapping';

/** Step 2: a field for each column of the file, the match rule, and the first rows. */
export function ImportMappingStep({
  job,
  mapping,
  onMapping,
  matchBy,
  onMatchBy,
}: {
  job: CustomerImport;
  mapping: Mapping;
  onMapping: (m: Mapping) => void;
  matchBy: MatchBy;
  onMatchBy: (m: MatchBy) => void;
}) {
  const { t } = useTranslation();
  const samples = columnSamples(job.columns, job.preview);
  const problems = mappingProblems(mapping, matchBy);
  const fieldOptions = IMPORT_FIELDS.map((f) => ({ value: f, label: t(`imports.fields.${f}`) }));

  const columns: TableColumnsType<{ column: string }> = [
    { title: t('imports.fileColumn'), dataIndex: 'column', width: 180, render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
    {
      title: t('imports.field'),
      key: 'field',
      width: 220,
      render: (_v, r) => (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 200 }}
          placeholder={t('imports.skipColumn')}
          value={mapping[r.column] ?? undefined}
          status={mapping[r.column] && problems.duplicates.includes(mapping[r.column]!) ? 'error' : undefined}
          onChange={(v?: (typeof IMPORT_FIELDS)[number]) => onMapping({ ...mapping, [r.column]: v ?? null })}
          options={fieldOptions}
          aria-label={r.column}
          data-testid={`mapping-${r.column}`}
        />
      ),
    },
    { title: t('imports.samples'), key: 'samples', render: (_v, r) => <Typography.Text type="secondary">{(samples[r.column] ?? []).join(' / ') || '—'}</Typography.Text> },
  ];

  const preview = job.preview ?? [];
  const previewColumns: TableColumnsType<{ key: number; cells: string[] }> = job.columns.map((c, i) => ({
    title: c,
    key: `c${i}`,
    width: 140,
    ellipsis: true,
    render: (_v, r) => r.cells[i] ?? '',
  }));

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Text>{t('imports.fileSummary', { name: job.filename, rows: job.row_count })}</Typography.Text>
      {problems.nameMissing && <Alert type="error" showIcon title={t('imports.nameMissing')} data-testid="mapping-name-missing" />}
      {problems.duplicates.length > 0 && (
        <Alert type="error" showIcon title={t('imports.duplicateFields', { fields: problems.duplicates.map((f) => t(`imports.fields.${f}`)).join('、') })} />
      )}
      <Table rowKey="column" size="small" pagination={false} dataSource={job.columns.map((column) => ({ column }))} columns={columns} data-testid="mapping-table" />
      <div>
        <Typography.Text strong>{t('imports.matchBy')}</Typography.Text>
        <div style={{ marginTop: 8 }}>
          <Radio.Group value={matchBy} onChange={(e) => onMatchBy(e.target.value as MatchBy)} options={MATCH_BY.map((m) => ({ value: m, label: t(`imports.matchByOptions.${m}`) }))} />
        </div>
        {problems.numberMissing ? (
          <Typography.Text type="danger">{t('imports.numberMissing')}</Typography.Text>
        ) : (
          problems.matchFieldMissing && <Typography.Text type="warning">{t('imports.matchFieldMissing')}</Typography.Text>
        )}
      </div>
      {preview.length > 0 && (
        <div>
          <Typography.Text strong>{t('imports.preview')}</Typography.Text>
          <Table
            size="small"
            style={{ marginTop: 8 }}
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={preview.map((cells, i) => ({ key: i, cells }))}
            columns={previewColumns}
          />
        </div>
      )}
    </Space>
  );
}
