import { auditReasonText } from '../auditReasonText';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { orderKeys, ordersApi, type ActionBody, type Order, type OrderAction } from '../../../api/orders';
import { useSession } from '../../../auth/SessionContext';
import { PageHeader, ServerTable, useServerTable } from '../../../toolkit';
import { orderColumns } from '../orderColumns';
import { OrderActionModal } from '../OrderActionModal';
import { AuditRulesCard } from './AuditRulesCard';

const NO_FILTERS: readonly string[] = [];

/** 审核队列: orders held by the audit rules with their reasons; approve or reject with a note. */
export function AuditQueuePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { can } = useSession();
  const canAudit = can('orders.audit');
  const [target, setTarget] = useState<{ order: Order; action: OrderAction } | null>(null);
  const table = useServerTable<Order>({ queryKey: orderKeys.auditQueue, fetcher: (q, s) => ordersApi.auditQueue(q, s), filterKeys: NO_FILTERS });

  // The reasons come right after the number: they are why the order is here, so they must be
  // readable without scrolling the table sideways.
  const listColumns = orderColumns(t).filter((c) => c.key !== 'receiver' && (c as { dataIndex?: string }).dataIndex !== 'paid_fen');
  const columns: TableColumnsType<Order> = [
    ...listColumns.slice(0, 1),
    {
      title: t('orders.auditReasons'),
      dataIndex: 'audit_reasons',
      width: 280,
      render: (_v, o) => (
        <ul style={{ margin: 0, paddingLeft: 16 }} data-testid="audit-reasons">
          {(o.audit_reasons ?? []).map((r) => (
            <li key={r.rule}>
              <Typography.Text>{t(`orders.rules.${r.rule}`, { defaultValue: r.rule })}</Typography.Text>
              <Typography.Text type="secondary">：{auditReasonText(t, r)}</Typography.Text>
            </li>
          ))}
        </ul>
      ),
    },
    ...listColumns.slice(1),
    ...(canAudit
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 150,
            fixed: 'right' as const,
            render: (_v: unknown, o: Order) => (
              <Space>
                <Button size="small" type="primary" onClick={() => setTarget({ order: o, action: 'approve' })} data-testid="audit-approve">
                  {t('orders.actions.approve')}
                </Button>
                <Button size="small" danger onClick={() => setTarget({ order: o, action: 'reject' })} data-testid="audit-reject">
                  {t('orders.actions.reject')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const submit = async (action: OrderAction, body: ActionBody) => {
    if (!target) return;
    await ordersApi.act(target.order.id, action, body, target.order.version);
    message.success(t('orders.actionDone', { action: t(`orders.actions.${action}`) }));
    setTarget(null);
    void queryClient.invalidateQueries({ queryKey: orderKeys.all });
  };

  return (
    <>
      <PageHeader title={t('nav.orderAudit')} subtitle={t('orders.auditSubtitle')} />
      <ServerTable<Order> table={table} rowKey="id" columns={columns} scroll={{ x: 1400 }} data-testid="audit-queue" style={{ marginBottom: 24 }} />
      <div style={{ marginTop: 24 }}>
        <AuditRulesCard editable={canAudit} />
      </div>
      {target && <OrderActionModal order={target.order} action={target.action} onClose={() => setTarget(null)} onSubmit={submit} />}
    </>
  );
}
