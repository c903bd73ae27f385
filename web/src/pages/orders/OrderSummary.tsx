import { EyeOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { customerKeys, customersApi } from '../../api/customers';
import type { OrderDetail } from '../../api/orders';
import { useSession } from '../../auth/SessionContext';
import { formatTime } from '../../toolkit';
import { orDash } from '../customers/display';
import { formatFen } from './money';

/** The customer's name for the link: from the order when it carries one, else the customer record. */
function useCustomerLabel(o: OrderDetail): string {
  const { t } = useTranslation();
  const { can } = useSession();
  const lookup = !o.customer_name && can('customers.view');
  const customer = useQuery({
    queryKey: customerKeys.detail(o.customer_id, false),
    queryFn: ({ signal }) => customersApi.get(o.customer_id, false, signal),
    enabled: lookup,
    staleTime: 60_000,
  });
  const name = o.customer_name ?? customer.data?.name;
  const number = o.customer_number ?? customer.data?.number;
  if (!name) return t('orders.customerRef', { id: o.customer_id });
  return number ? `${name}（${number}）` : name;
}

/**
 * Customer, amounts, receiver and shipping. The receiver's phone and address arrive masked; a
 * caller with customers.view_pii may reveal them (`onReveal`, audited by the server).
 */
export function OrderSummary({ order: o, revealed, onReveal }: { order: OrderDetail; revealed: boolean; onReveal?: () => void }) {
  const { t } = useTranslation();
  const customer = useCustomerLabel(o);
  const r = o.receiver ?? { name: '', phone: null, province: '', city: '', district: '', address: null };
  const region = [r.province, r.city, r.district].filter(Boolean).join(' ');
  return (
    <Card
      data-testid="order-summary"
      extra={
        onReveal && !revealed && (r.phone || r.address) ? (
          <Button size="small" icon={<EyeOutlined />} onClick={onReveal} data-testid="order-reveal">
            {t('customers.reveal')}
          </Button>
        ) : null
      }
      title={t('orders.summary')}
    >
      <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
        <Descriptions.Item label={t('orders.customer')}>
          <Link to={`/customers/${o.customer_id}`} data-testid="order-customer-link">
            {customer}
          </Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('orders.placedAt')}>{formatTime(o.placed_at)}</Descriptions.Item>
        <Descriptions.Item label={t('orders.platform')}>{[o.platform, o.channel, o.store].filter(Boolean).join(' / ') || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('orders.paymentMethod')}>{t(`orders.paymentMethods.${o.payment_method}`)}</Descriptions.Item>
        <Descriptions.Item label={t('orders.itemsAmount')}>{formatFen(o.items_fen)}</Descriptions.Item>
        <Descriptions.Item label={t('orders.discount')}>{formatFen(o.discount_fen)}</Descriptions.Item>
        <Descriptions.Item label={t('orders.shippingFee')}>{formatFen(o.shipping_fee_fen)}</Descriptions.Item>
        <Descriptions.Item label={t('orders.total')}>
          <Typography.Text strong data-testid="order-total">{formatFen(o.total_fen)}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('orders.paid')}>{formatFen(o.paid_fen)}</Descriptions.Item>
        <Descriptions.Item label={t('orders.refunded')}>{formatFen(o.refunded_fen)}</Descriptions.Item>
        <Descriptions.Item label={t('orders.receiverName')}>{orDash(r.name)}</Descriptions.Item>
        <Descriptions.Item label={t('orders.receiverPhone')}>
          <span data-testid="order-receiver-phone">{orDash(r.phone)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('orders.receiverAddress')} span={{ xs: 1, sm: 2, lg: 1 }}>
          <span data-testid="order-receiver-address">{orDash([region, r.address ?? ''].filter(Boolean).join(' '))}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('orders.carrier')}>{orDash(o.carrier)}</Descriptions.Item>
        <Descriptions.Item label={t('orders.trackingNumber')}>
          {o.tracking_number ? <Typography.Text copyable>{o.tracking_number}</Typography.Text> : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('orders.shippedAt')}>{formatTime(o.shipped_at)}</Descriptions.Item>
        <Descriptions.Item label={t('orders.buyerRemarks')} span="filled">
          {orDash(o.buyer_remarks)}
        </Descriptions.Item>
        {o.audit_note && (
          <Descriptions.Item label={t('orders.auditNote')} span="filled">
            {o.audit_note}
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}
