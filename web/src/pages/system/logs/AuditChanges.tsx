import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../api/types';

function show(value: unknown): string {
  if (value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** An audit row's `changes` as field / from → to. */
export function AuditChanges({ changes }: { changes: AuditEntry['changes'] }) {
  const { t } = useTranslation();
  const rows = Object.entries(changes ?? {}).map(([field, c]) => ({ field, from: c?.from, to: c?.to }));
  if (rows.length === 0) return <Typography.Text type="secondary">{t('logs.noChanges')}</Typography.Text>;
  return (
    <Table
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={rows}
      style={{ maxWidth: 720 }}
      columns={[
        { title: t('logs.field'), dataIndex: 'field', width: 200 },
        { title: t('logs.from'), dataIndex: 'from', render: (v: unknown) => <Typography.Text delete type="secondary">{show(v)}</Typography.Text> },
        { title: t('logs.to'), dataIndex: 'to', render: (v: unknown) => <Typography.Text>{show(v)}</Typography.Text> },
      ]}
    />
  );
}
