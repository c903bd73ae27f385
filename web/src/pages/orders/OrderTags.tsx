import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AfterSaleStatus } from '../../api/afterSales';
import type { OrderStatus } from '../../api/orders';
import { AFTER_SALE_STATUS_COLORS } from './afterSaleStatus';
import { ORDER_STATUS_COLORS } from './orderStatus';

/** The coloured status of an order. */
export function OrderStatusTag({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={ORDER_STATUS_COLORS[status] ?? 'default'} data-testid="order-status">
      {t(`orders.statuses.${status}`, { defaultValue: status })}
    </Tag>
  );
}

/** The coloured status of an after-sales request. */
export function AfterSaleStatusTag({ status }: { status: AfterSaleStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={AFTER_SALE_STATUS_COLORS[status] ?? 'default'} data-testid="after-sale-status">
      {t(`afterSales.statuses.${status}`, { defaultValue: status })}
    </Tag>
  );
}
