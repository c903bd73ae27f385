import { auditReasonText } from './auditReasonText';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Result, Skeleton, Space, Steps, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { afterSaleKeys } from '../../api/afterSales';
import { ApiError } from '../../api/client';
import { orderKeys, ordersApi, type ActionBody, type OrderAction } from '../../api/orders';
import { useSession } from '../../auth/SessionContext';
import { ErrorState, PageHeader } from '../../toolkit';
import { OrderAfterSales } from './afterSales/OrderAfterSales';
import { OrderActionModal } from './OrderActionModal';
import { OrderEventsTable } from './OrderEventsTable';
import { OrderItemsTable } from './OrderItemsTable';
import { orderSteps, permittedOrderActions } from './orderStatus';
import { OrderSummary } from './OrderSummary';
import { OrderStatusTag } from './OrderTags';
import { OrderTracking } from './OrderTracking';

/** 订单详情: status steps, the buttons valid now, summary, lines, events, tracking and after-sales. */
export function OrderDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { can } = useSession();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const [action, setAction] = useState<OrderAction | null>(null);
  const [reveal, setReveal] = useState(false);
  const query = useQuery({
    queryKey: orderKeys.detail(id, reveal),
    queryFn: ({ signal }) => ordersApi.get(id, reveal, signal),
    enabled: valid,
    placeholderData: keepPreviousData,
  });

  if (!valid || (query.error instanceof ApiError && query.error.status === 404)) {
    return (
      <Result
        status="404"
        title={t('orders.notFound')}
        data-testid="order-not-found"
        extra={<Button type="primary" onClick={() => navigate('/orders')}>{t('orders.backToList')}</Button>}
      />
    );
  }
  if (query.error && !query.data) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const o = query.data;
  if (!o) return <Card><Skeleton active /></Card>;

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: orderKeys.all });
    void queryClient.invalidateQueries({ queryKey: afterSaleKeys.all });
  };
  const submit = async (a: OrderAction, body: ActionBody) => {
    await ordersApi.act(o.id, a, body, o.version);
    message.success(t('orders.actionDone', { action: t(`orders.actions.${a}`) }));
    setAction(null);
    setReveal(false);
    refresh();
  };
  const actions = permittedOrderActions(o, can);
  const steps = orderSteps(o, o.events);

  return (
    <>
      <PageHeader
        title={
          <Space>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/orders')} aria-label={t('orders.backToList')} />
            <span data-testid="order-title">{o.number}</span>
            <OrderStatusTag status={o.status} />
          </Space>
        }
        subtitle={[o.platform, o.external_id].filter(Boolean).join(' · ')}
        extra={
          <span data-testid="order-actions">
            <Space wrap>
              {actions.map((a) => (
                <Button
                  key={a}
                  type={a === actions[0] && a !== 'cancel' && a !== 'reject' ? 'primary' : 'default'}
                  danger={a === 'cancel' || a === 'reject'}
                  onClick={() => setAction(a)}
                  data-testid={`order-action-${a}`}
                >
                  {t(`orders.actions.${a}`)}
                </Button>
              ))}
            </Space>
          </span>
        }
      />
      {o.status === 'pending_audit' && (o.audit_reasons?.length ?? 0) > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('orders.auditReasons')}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="order-audit-reasons">
              {o.audit_reasons!.map((r) => (
                <li key={r.rule}>
                  {t(`orders.rules.${r.rule}`, { defaultValue: r.rule })}：{auditReasonText(t, r)}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          current={steps.current}
          status={steps.status}
          items={steps.path.map((s, i) => ({
            title: i === steps.current && steps.status === 'error' ? `${t(`orders.statuses.${s}`)} → ${t(`orders.statuses.${o.status}`)}` : t(`orders.statuses.${s}`),
          }))}
          data-testid="order-steps"
        />
      </Card>
      <OrderSummary order={o} revealed={reveal && !query.isPlaceholderData} onReveal={can('customers.view_pii') ? () => setReveal(true) : undefined} />
      <Card style={{ marginTop: 16 }}>
        <Tabs
          items={[
            { key: 'items', label: t('orders.items'), children: <OrderItemsTable order={o} /> },
            { key: 'events', label: t('orders.events'), children: <OrderEventsTable events={o.events} /> },
            { key: 'tracking', label: t('orders.tracking'), children: <OrderTracking orderId={o.id} events={o.tracking} canAdd={can('orders.edit')} onAdded={refresh} /> },
            { key: 'after-sales', label: t('nav.afterSales'), children: <OrderAfterSales order={o} /> },
          ]}
        />
      </Card>
      <OrderActionModal order={o} action={action} onClose={() => setAction(null)} onSubmit={submit} />
    </>
  );
}
