import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Result, Skeleton, Space, Table, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { afterSaleKeys, afterSalesApi, type AfterSaleAction, type AfterSaleActionBody, type AfterSaleEvent, type AfterSaleItem } from '../../../api/afterSales';
import { ApiError } from '../../../api/client';
import { orderKeys } from '../../../api/orders';
import { useSession } from '../../../auth/SessionContext';
import { ErrorState, formatTime, PageHeader } from '../../../toolkit';
import { orDash } from '../../customers/display';
import { allowedAfterSaleActions, refundableFen } from '../afterSaleStatus';
import { formatFen } from '../money';
import { AfterSaleStatusTag } from '../OrderTags';
import { AfterSaleActionModal } from './AfterSaleActionModal';

/** 售后详情: the request, its lines and events, and the workflow buttons valid now. */
export function AfterSaleDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { can } = useSession();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const [action, setAction] = useState<AfterSaleAction | null>(null);
  const query = useQuery({ queryKey: afterSaleKeys.detail(id), queryFn: ({ signal }) => afterSalesApi.get(id, signal), enabled: valid });

  if (!valid || (query.error instanceof ApiError && query.error.status === 404)) {
    return <Result status="404" title={t('afterSales.notFound')} extra={<Button onClick={() => navigate('/after-sales')}>{t('afterSales.backToList')}</Button>} />;
  }
  if (query.error && !query.data) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const a = query.data;
  if (!a) return <Card><Skeleton active /></Card>;

  const actions = can('orders.after_sales') ? allowedAfterSaleActions(a.kind, a.status) : [];
  const remaining = refundableFen(a);
  const submit = async (act: AfterSaleAction, body: AfterSaleActionBody) => {
    await afterSalesApi.act(a.id, act, body);
    message.success(t('afterSales.actionDone', { action: t(`afterSales.actions.${act}`) }));
    setAction(null);
    void queryClient.invalidateQueries({ queryKey: afterSaleKeys.all });
    void queryClient.invalidateQueries({ queryKey: orderKeys.all });
  };

  return (
    <>
      <PageHeader
        title={
          <Space>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/after-sales')} aria-label={t('afterSales.backToList')} />
            <span data-testid="after-sale-title">{a.number}</span>
            <AfterSaleStatusTag status={a.status} />
          </Space>
        }
        subtitle={t(`afterSales.kinds.${a.kind}`)}
        extra={
          <Space wrap data-testid="after-sale-actions">
            {actions.map((x, i) => (
              <Button key={x} type={i === 0 && x !== 'reject' ? 'primary' : 'default'} danger={x === 'reject'} onClick={() => setAction(x)} data-testid={`after-sale-action-${x}`}>
                {t(`afterSales.actions.${x}`)}
              </Button>
            ))}
          </Space>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
          <Descriptions.Item label={t('afterSales.order')}>
            <Link to={`/orders/${a.order_id}`}>{a.order_number ?? a.order?.number ?? `#${a.order_id}`}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('orders.customer')}>
            <Link to={`/customers/${a.customer_id}`}>{a.customer_name ?? t('orders.customerRef', { id: a.customer_id })}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('afterSales.createdAt')}>{formatTime(a.created_at)}</Descriptions.Item>
          <Descriptions.Item label={t('afterSales.reason')}>{a.reason}</Descriptions.Item>
          <Descriptions.Item label={t('afterSales.requested')}>{formatFen(a.requested_fen)}</Descriptions.Item>
          <Descriptions.Item label={t('afterSales.refunded')}>{formatFen(a.refund_fen)}</Descriptions.Item>
          <Descriptions.Item label={t('afterSales.orderRefundable')}>{remaining === null ? '—' : formatFen(remaining)}</Descriptions.Item>
          <Descriptions.Item label={t('afterSales.restock')}>{a.restocked ? t('orders.yes') : t('orders.no')}</Descriptions.Item>
          <Descriptions.Item label={t('afterSales.reship')}>{orDash([a.reship_carrier, a.reship_tracking_number].filter(Boolean).join(' '))}</Descriptions.Item>
          <Descriptions.Item label={t('orders.note')} span="filled">{orDash(a.note)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card>
        <Tabs
          items={[
            {
              key: 'items',
              label: t('orders.items'),
              children: (
                <Table<AfterSaleItem>
                  rowKey="order_item_id"
                  size="small"
                  pagination={false}
                  dataSource={a.items}
                  columns={[
                    { title: t('catalog.sku'), dataIndex: 'sku', render: (v?: string) => orDash(v) },
                    { title: t('catalog.productName'), dataIndex: 'name', render: (v?: string) => orDash(v) },
                    { title: t('afterSales.quantity'), dataIndex: 'quantity', width: 100, align: 'right' },
                  ]}
                />
              ),
            },
            {
              key: 'events',
              label: t('orders.events'),
              children: (
                <Table<AfterSaleEvent>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={a.events}
                  data-testid="after-sale-events"
                  columns={[
                    { title: t('orders.eventAt'), dataIndex: 'at', width: 170, render: (v: number) => formatTime(v) },
                    {
                      title: t('orders.status'),
                      key: 's',
                      width: 220,
                      render: (_v, e) => (
                        <>
                          {e.from_status && <AfterSaleStatusTag status={e.from_status} />}
                          {e.from_status ? '→ ' : null}
                          <AfterSaleStatusTag status={e.to_status} />
                        </>
                      ),
                    },
                    { title: t('orders.actor'), dataIndex: 'actor_name', width: 120, render: (v: string) => orDash(v) },
                    { title: t('orders.note'), dataIndex: 'note', render: (v: string) => orDash(v) },
                  ]}
                />
              ),
            },
          ]}
        />
      </Card>
      <AfterSaleActionModal request={a} action={action} onClose={() => setAction(null)} onSubmit={submit} />
    </>
  );
}
