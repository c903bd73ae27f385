import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrderDetail, OrderItem } from '../../api/orders';
import { formatFen } from './money';

/** The lines of an order with prices, discounts, amounts and returned quantities. */
export function OrderItemsTable({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  return (
    <Table<OrderItem>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={order.items}
      data-testid="order-items"
      columns={[
        { title: '#', dataIndex: 'line_no', width: 50 },
        { title: t('catalog.sku'), dataIndex: 'sku', width: 150 },
        { title: t('catalog.productName'), dataIndex: 'name', ellipsis: true },
        { title: t('orders.unitPrice'), dataIndex: 'unit_price_fen', width: 110, align: 'right', render: (v: number) => formatFen(v) },
        { title: t('orders.quantity'), dataIndex: 'quantity', width: 80, align: 'right' },
        { title: t('orders.discount'), dataIndex: 'discount_fen', width: 100, align: 'right', render: (v: number) => formatFen(v) },
        { title: t('orders.amount'), dataIndex: 'amount_fen', width: 120, align: 'right', render: (v: number) => formatFen(v) },
        { title: t('orders.returned'), dataIndex: 'returned_quantity', width: 80, align: 'right', render: (v: number) => v || '—' },
      ]}
    />
  );
}
