import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../../api/customers';

const ENUMS: Record<string, string> = { stage: 'customers.stages', gender: 'customers.genders' };

function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (Array.isArray(value)) return value.map((v) => show(v)).join('、') || '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A history entry's changed fields as "label: from → to" (field names translated where known). */
export function CustomerChanges({ changes }: { changes: HistoryEntry['changes'] }) {
  const { t } = useTranslation();
  const rows = Object.entries(changes ?? {});
  const value = (field: string, v: unknown) => {
    const prefix = ENUMS[field];
    if (typeof v === 'boolean') return v ? t('customers.consentYes') : t('customers.consentNo');
    return prefix && typeof v === 'string' ? t(`${prefix}.${v}`, { defaultValue: v }) : show(v);
  };
  if (rows.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <div>
      {rows.map(([field, c]) => (
        <div key={field}>
          <Typography.Text strong>{t('customers.labelled', { label: t(`customers.fields.${field.replace(/\./g, '_')}`, { defaultValue: field }), value: '' })}</Typography.Text>
          <Typography.Text delete type="secondary">{value(field, c?.from)}</Typography.Text>
          {' → '}
          <Typography.Text>{value(field, c?.to)}</Typography.Text>
        </div>
      ))}
    </div>
  );
}
