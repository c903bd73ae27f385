import { Typography, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router-dom';
import type { Order } from '../../api/orders';
import { formatTime } from '../../toolkit';
import { orDash } from '../customers/display';
import { formatFen } from './money';
import { OrderStatusTag } from './OrderTags';

/** Columns of order lists (orders page, audit queue, a customer's purchase history). */
export function orderColumns(t: TFunction, { withCustomer = true } = {}): TableColumnsType<Order> {
  return [
    {
      title: t('orders.number'),
      dataIndex: 'number',
      width: 190,
      fixed: 'left',
      render: (v: string, o) => (
        <Link to={`/orders/${o.id}`} data-testid="order-link">
          {v}
        </Link>
      ),
    },
    { title: t('orders.placedAt'), dataIndex: 'placed_at', width: 170, render: (v: number) => formatTime(v) },
    ...(withCustomer
      ? [
          {
            title: t('orders.customer'),
            dataIndex: 'customer_name',
            width: 130,
            ellipsis: true,
            render: (v: string | undefined, o: Order) => <Link to={`/customers/${o.customer_id}`}>{v ?? o.customer_number ?? t('orders.customerRef', { id: o.customer_id })}</Link>,
          },
        ]
      : []),
    { title: t('orders.status'), dataIndex: 'status', width: 100, render: (v: Order['status']) => <OrderStatusTag status={v} /> },
    {
      title: t('orders.platform'),
      dataIndex: 'platform',
      width: 130,
      ellipsis: true,
      render: (v: string, o) => [v, o.channel].filter(Boolean).join(' / ') || '—',
    },
    { title: t('orders.paymentMethod'), dataIndex: 'payment_method', width: 90, render: (v: Order['payment_method']) => t(`orders.paymentMethods.${v}`) },
    { title: t('orders.total'), dataIndex: 'total_fen', width: 120, align: 'right', render: (v: number) => <Typography.Text strong>{formatFen(v)}</Typography.Text> },
    { title: t('orders.paid'), dataIndex: 'paid_fen', width: 110, align: 'right', render: (v: number) => formatFen(v) },
    {
      title: t('orders.receiver'),
      key: 'receiver',
      width: 180,
      ellipsis: true,
      render: (_v, o) => orDash([o.receiver?.name, o.receiver?.province, o.receiver?.city].filter(Boolean).join(' ')),
    },
  ];
}
