import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router-dom';
import type { AfterSale } from '../../../api/afterSales';
import { formatTime } from '../../../toolkit';
import { formatFen } from '../money';
import { AfterSaleStatusTag } from '../OrderTags';

/** Columns of after-sales lists (the after-sales page and an order's tab). */
export function afterSaleColumns(t: TFunction, { withOrder = true } = {}): TableColumnsType<AfterSale> {
  return [
    {
      title: t('afterSales.number'),
      dataIndex: 'number',
      width: 180,
      render: (v: string, a) => (
        <Link to={`/after-sales/${a.id}`} data-testid="after-sale-link">
          {v}
        </Link>
      ),
    },
    ...(withOrder
      ? [
          {
            title: t('afterSales.order'),
            dataIndex: 'order_number',
            width: 180,
            render: (v: string | undefined, a: AfterSale) => <Link to={`/orders/${a.order_id}`}>{v ?? `#${a.order_id}`}</Link>,
          },
          {
            title: t('orders.customer'),
            dataIndex: 'customer_name',
            width: 120,
            render: (v: string | undefined, a: AfterSale) => <Link to={`/customers/${a.customer_id}`}>{v ?? t('orders.customerRef', { id: a.customer_id })}</Link>,
          },
        ]
      : []),
    { title: t('afterSales.kind'), dataIndex: 'kind', width: 90, render: (v: AfterSale['kind']) => t(`afterSales.kinds.${v}`) },
    { title: t('orders.status'), dataIndex: 'status', width: 100, render: (v: AfterSale['status']) => <AfterSaleStatusTag status={v} /> },
    { title: t('afterSales.reason'), dataIndex: 'reason', ellipsis: true },
    { title: t('afterSales.requested'), dataIndex: 'requested_fen', width: 110, align: 'right', render: (v: number) => formatFen(v) },
    { title: t('afterSales.refunded'), dataIndex: 'refund_fen', width: 110, align: 'right', render: (v: number) => formatFen(v) },
    { title: t('afterSales.createdAt'), dataIndex: 'created_at', width: 170, render: (v: number) => formatTime(v) },
  ];
}
