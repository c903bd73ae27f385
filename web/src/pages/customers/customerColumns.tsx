import { Tag, Typography, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import type { MouseEvent } from 'react';
import type { Customer } from '../../api/customers';
import { formatTime } from '../../toolkit';
import { orDash, STAGE_COLORS } from './display';

/** Columns of customer lists (records, a category's customers, recycle bin). */
export function customerColumns(t: TFunction): TableColumnsType<Customer> {
  return [
    {
      title: t('customers.number'),
      dataIndex: 'number',
      width: 190,
      fixed: 'left',
      render: (v: string) => <Typography.Text copyable={{ text: v }} style={{ whiteSpace: 'nowrap' }}>{v}</Typography.Text>,
    },
    { title: t('customers.name'), dataIndex: 'name', width: 120, ellipsis: true },
    { title: t('customers.gender'), dataIndex: 'gender', width: 70, render: (v: Customer['gender']) => t(`customers.genders.${v}`) },
    { title: t('customers.phone'), dataIndex: 'phone', width: 130, render: (v: string | null) => orDash(v) },
    { title: t('customers.email'), dataIndex: 'email', width: 180, ellipsis: true, render: (v: string | null) => orDash(v) },
    { title: t('customers.city'), key: 'city', width: 100, ellipsis: true, render: (_v, c) => orDash(c.address.city) },
    {
      title: t('customers.stage'),
      dataIndex: 'stage',
      width: 90,
      render: (v: Customer['stage']) => <Tag color={STAGE_COLORS[v]}>{t(`customers.stages.${v}`)}</Tag>,
    },
    { title: t('customers.owner'), dataIndex: 'owner_name', width: 100, ellipsis: true, render: (v: string) => orDash(v) },
    {
      title: t('customers.categories'),
      dataIndex: 'categories',
      width: 160,
      render: (_v, c) => (c.categories.length ? c.categories.map((k) => <Tag key={k.id} color="blue">{k.name}</Tag>) : '—'),
    },
    { title: t('customers.tags'), dataIndex: 'tags', width: 160, render: (_v, c) => (c.tags.length ? c.tags.map((x) => <Tag key={x}>{x}</Tag>) : '—') },
    { title: t('customers.createdAt'), dataIndex: 'created_at', width: 170, render: (v: number) => formatTime(v) },
  ];
}

/** Row click that ignores clicks on the selection checkbox, buttons and copy icons. */
export function openUnlessControl(e: MouseEvent<HTMLElement>, open: () => void): void {
  const target = e.target as HTMLElement;
  if (target.closest('.ant-table-selection-column, button, a, .ant-typography-copy, .ant-popover, .ant-modal-wrap')) return;
  open();
}
