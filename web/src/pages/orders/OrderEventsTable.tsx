import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrderEvent } from '../../api/orders';
import { formatTime } from '../../toolkit';
import { orDash } from '../customers/display';
import { OrderStatusTag } from './OrderTags';

/** 操作记录: every transition of the order, oldest first. */
export function OrderEventsTable({ events }: { events: readonly OrderEvent[] }) {
  const { t } = useTranslation();
  return (
    <Table<OrderEvent>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={[...events]}
      data-testid="order-events"
      columns={[
        { title: t('orders.eventAt'), dataIndex: 'at', width: 170, render: (v: number) => formatTime(v) },
        { title: t('orders.eventAction'), dataIndex: 'action', width: 110, render: (v: string) => t(`orders.actions.${v}`, { defaultValue: v }) },
        {
          title: t('orders.status'),
          key: 'status',
          width: 220,
          render: (_v, e) => (
            <>
              {e.from_status ? <OrderStatusTag status={e.from_status} /> : null}
              {e.from_status ? '→ ' : null}
              <OrderStatusTag status={e.to_status} />
            </>
          ),
        },
        { title: t('orders.actor'), dataIndex: 'actor_name', width: 120, render: (v: string) => orDash(v) },
        { title: t('orders.note'), dataIndex: 'note', render: (v: string) => orDash(v) },
      ]}
    />
  );
}
