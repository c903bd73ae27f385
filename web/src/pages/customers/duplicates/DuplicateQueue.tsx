import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Radio, Space, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customerDataApi, customerDataKeys, type DuplicatePair } from '../../../api/customerData';
import { errorText } from '../../../auth/errors';
import { ConfirmButton, formatTime, ServerTable, type ServerTableState } from '../../../toolkit';
import { invalidateCustomers } from '../invalidate';
import { CustomerBrief } from './CustomerBrief';

/** The record kept by default: the older one (its number is the one people already know). */
export function defaultSurvivor(pair: DuplicatePair): number {
  const [a, b] = pair.customers;
  return a.created_at <= b.created_at ? a.id : b.id;
}

/** Open duplicate candidates side by side; per pair pick the survivor and merge, or dismiss. */
export function DuplicateQueue({ table }: { table: ServerTableState<DuplicatePair> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [survivors, setSurvivors] = useState<Record<number, number>>({});

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: customerDataKeys.duplicates });
    void queryClient.invalidateQueries({ queryKey: customerDataKeys.merges });
    void invalidateCustomers(queryClient);
  };

  const merge = async (pair: DuplicatePair) => {
    const survivor = survivors[pair.id] ?? defaultSurvivor(pair);
    const merged = pair.customers.find((c) => c.id !== survivor)!;
    try {
      const m = await customerDataApi.merge(survivor, merged.id);
      message.success(t('duplicates.mergedDone', { survivor: m.survivor_number, merged: m.merged_number }));
      refresh();
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  const dismiss = async (pair: DuplicatePair) => {
    try {
      await customerDataApi.dismiss(pair.id);
      message.success(t('duplicates.dismissedDone'));
      refresh();
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  const side = (index: 0 | 1): TableColumnsType<DuplicatePair>[number] => ({
    title: index === 0 ? t('duplicates.customerA') : t('duplicates.customerB'),
    key: `c${index}`,
    width: 260,
    render: (_v, p) => <CustomerBrief customer={p.customers[index]} />,
  });

  const columns: TableColumnsType<DuplicatePair> = [
    {
      title: t('duplicates.reason'),
      dataIndex: 'reason',
      width: 150,
      render: (v: string, p) => (
        <Space orientation="vertical" size={2}>
          <Tag color="orange">{t(`duplicates.reasons.${v}`, { defaultValue: v })}</Tag>
          <span style={{ fontSize: 12, color: '#888' }}>{formatTime(p.found_at)}</span>
        </Space>
      ),
    },
    side(0),
    side(1),
    {
      title: t('duplicates.survivor'),
      key: 'survivor',
      width: 210,
      render: (_v, p) => (
        <Radio.Group
          value={survivors[p.id] ?? defaultSurvivor(p)}
          onChange={(e) => setSurvivors({ ...survivors, [p.id]: Number(e.target.value) })}
          options={p.customers.map((c) => ({ value: c.id, label: c.number }))}
          style={{ display: 'flex', flexDirection: 'column' }}
          data-testid={`duplicate-survivor-${p.id}`}
        />
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      fixed: 'right',
      render: (_v, p) => (
        <Space>
          <ConfirmButton
            type="primary"
            danger={false}
            size="small"
            title={t('duplicates.mergeConfirm')}
            description={t('duplicates.mergeHelp')}
            onConfirm={() => merge(p)}
            data-testid={`duplicate-merge-${p.id}`}
          >
            {t('duplicates.merge')}
          </ConfirmButton>
          <Button size="small" onClick={() => void dismiss(p)} data-testid={`duplicate-dismiss-${p.id}`}>
            {t('duplicates.dismiss')}
          </Button>
        </Space>
      ),
    },
  ];
  return <ServerTable<DuplicatePair> table={table} rowKey="id" columns={columns} scroll={{ x: 1050 }} data-testid="duplicates-table" />;
}
