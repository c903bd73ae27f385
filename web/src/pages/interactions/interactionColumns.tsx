import type { TableColumnsType } from 'antd';
import { Typography } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router-dom';
import type { Interaction } from '../../api/interactions';
import { formatTime } from '../../toolkit';

/** Columns of a communication list; `withCustomer` = false on the customer's own page. */
export function interactionColumns(t: TFunction, withCustomer = true): TableColumnsType<Interaction> {
  const cols: TableColumnsType<Interaction> = [
    { title: t('interactions.at'), dataIndex: 'at', width: 160, render: (v: number) => formatTime(v).slice(0, 16) },
  ];
  if (withCustomer) {
    cols.push({
      title: t('interactions.customer'),
      dataIndex: 'customer_name',
      width: 180,
      render: (_v, i) => (
        <Link to={`/customers/${i.customer_id}`} onClick={(e) => e.stopPropagation()}>
          {i.customer_name}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {i.customer_number}
          </Typography.Text>
        </Link>
      ),
    });
  }
  cols.push(
    { title: t('interactions.channel'), dataIndex: 'channel_name', width: 100 },
    { title: t('interactions.subject'), dataIndex: 'subject', width: 200, ellipsis: true },
    { title: t('interactions.content'), dataIndex: 'content', ellipsis: true },
    { title: t('interactions.outcome'), dataIndex: 'outcome', width: 160, ellipsis: true, render: (v: string) => v || '—' },
    { title: t('interactions.staff'), dataIndex: 'staff_name', width: 100, render: (v: string) => v || '—' },
    { title: t('interactions.followUpOn'), dataIndex: 'follow_up_on', width: 110, render: (v: string | null) => v ?? '—' },
  );
  return cols;
}
