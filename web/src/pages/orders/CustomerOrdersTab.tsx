import { Card, Col, Row, Statistic, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { orderKeys, ordersApi, type CustomerOrderRow, type CustomerOrderTotals } from '../../api/orders';
import { formatTime, ServerTable, useServerTable } from '../../toolkit';
import { formatFen } from './money';
import { OrderStatusTag } from './OrderTags';

// The tab keeps its own pager out of the URL: the 360 page's URL stays the customer's.
const NO_URL_FILTERS: readonly string[] = [];

function historyColumns(t: TFunction): TableColumnsType<CustomerOrderRow> {
  return [
    { title: t('orders.number'), dataIndex: 'number', width: 190, render: (v: string, o) => <Link to={`/orders/${o.id}`}>{v}</Link> },
    { title: t('orders.placedAt'), dataIndex: 'placed_at', width: 170, render: (v: number) => formatTime(v) },
    { title: t('orders.status'), dataIndex: 'status', width: 100, render: (v: CustomerOrderRow['status']) => <OrderStatusTag status={v} /> },
    { title: t('orders.platform'), dataIndex: 'platform', width: 140, render: (v: string, o) => [v, o.channel].filter(Boolean).join(' / ') || '—' },
    { title: t('orders.pieces'), dataIndex: 'items', width: 70, align: 'right' },
    { title: t('orders.total'), dataIndex: 'total_fen', width: 120, align: 'right', render: (v: number) => formatFen(v) },
    { title: t('orders.paid'), dataIndex: 'paid_fen', width: 110, align: 'right', render: (v: number) => formatFen(v) },
    { title: t('orders.refunded'), dataIndex: 'refunded_fen', width: 110, align: 'right', render: (v: number) => formatFen(v) },
  ];
}

/** 订单 tab of Customer 360: purchase history with totals (orders, sales, refunds, first/last order). */
export function CustomerOrdersTab({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  // The totals arrive with every page of the history: kept from the latest reply.
  const [tt, setTotals] = useState<CustomerOrderTotals | undefined>(undefined);
  const table = useServerTable<CustomerOrderRow>({
    queryKey: orderKeys.customer(customerId),
    fetcher: async (query, signal) => {
      const reply = await ordersApi.customerOrders(customerId, query, signal);
      setTotals(reply.summary);
      return reply;
    },
    filterKeys: NO_URL_FILTERS,
    pageSize: 10,
  });
  const day = (ms: number | null | undefined) => (ms ? formatTime(ms).slice(0, 10) : '—');
  return (
    <div data-testid="customer-orders">
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('orders.totals.orders')} value={tt?.orders ?? '—'} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('orders.totals.sales')} value={tt ? formatFen(tt.sales_fen) : '—'} data-testid="customer-orders-sales" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('orders.totals.refunds')} value={tt ? formatFen(tt.refunds_fen) : '—'} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('orders.totals.firstLast')} value={tt ? `${day(tt.first_order_at)} ~ ${day(tt.last_order_at)}` : '—'} styles={{ content: { fontSize: 15 } }} />
          </Card>
        </Col>
      </Row>
      <ServerTable<CustomerOrderRow> table={table} rowKey="id" columns={historyColumns(t)} scroll={{ x: 1000 }} size="small" />
    </div>
  );
}
