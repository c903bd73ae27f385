import { Alert, AutoComplete, Form, Input, InputNumber, Modal, Select, Typography, type ButtonProps } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionBody, Order, OrderAction } from '../../api/orders';
import { errorText } from '../../auth/errors';
import { formatFen, fenToYuan, yuanToFen } from './money';

export const CARRIERS = ['顺丰速运', '中通快递', '圆通速递', '韵达快递', '申通快递', '京东物流', '中国邮政 EMS', '极兔速递', '德邦快递'];
export const PAY_METHODS = ['alipay', 'wechat', 'bank_transfer', 'cash', 'other'] as const;

interface Values {
  note?: string;
  reason?: string;
  amount?: number;
  method?: string;
  reference?: string;
  carrier?: string;
  tracking_number?: string;
}

/** The request body of an action from the modal's values. */
export function actionBody(action: OrderAction, v: Values): ActionBody {
  switch (action) {
    case 'approve':
    case 'reject':
      return { note: (v.note ?? '').trim() };
    case 'pay':
      return { amount_fen: yuanToFen(v.amount ?? null) ?? 0, method: v.method ?? 'other', reference: (v.reference ?? '').trim() };
    case 'ship':
      return { carrier: (v.carrier ?? '').trim(), tracking_number: (v.tracking_number ?? '').trim() };
    case 'cancel':
      return { reason: (v.reason ?? '').trim() };
    default:
      return {};
  }
}

/**
 * Confirms one transition of an order, asking for what it needs: a note (approve, reject), the
 * payment (pay), carrier and tracking number (ship) or a reason (cancel). API errors stay in the
 * modal with the server's message.
 */
export function OrderActionModal({
  order,
  action,
  onClose,
  onSubmit,
}: {
  order: Order;
  action: OrderAction | null;
  onClose: () => void;
  onSubmit: (action: OrderAction, body: ActionBody) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!action) return;
    setError(null);
    form.resetFields();
    if (action === 'pay') form.setFieldsValue({ amount: fenToYuan(order.total_fen - order.paid_fen) ?? 0, method: order.payment_method === 'cod' ? 'cash' : 'alipay' });
    if (action === 'ship') form.setFieldsValue({ carrier: order.carrier || undefined, tracking_number: order.tracking_number || undefined });
  }, [action, order, form]);

  const ok = async () => {
    if (!action) return;
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await onSubmit(action, actionBody(action, v));
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  const required = (message: string) => [{ required: true, whitespace: true, message }];
  return (
    <Modal
      open={action !== null}
      title={action ? t(`orders.actionTitles.${action}`, { number: order.number }) : ''}
      onCancel={onClose}
      onOk={() => void ok().catch(() => undefined)}
      okText={action ? t(`orders.actions.${action}`) : undefined}
      okButtonProps={{ loading: busy, danger: action === 'cancel' || action === 'reject', 'data-testid': 'order-action-submit' } as ButtonProps}
      cancelText={t('common.cancel')}
      forceRender
      destroyOnHidden={false}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="order-action-error" />}
      <Form<Values> form={form} layout="vertical" name="order-action">
        {action === 'approve' && (
          <Form.Item name="note" label={t('orders.note')}>
            <Input.TextArea rows={3} maxLength={500} data-testid="order-action-note" />
          </Form.Item>
        )}
        {action === 'reject' && (
          <Form.Item name="note" label={t('orders.rejectNote')} rules={required(t('orders.noteRequired'))}>
            <Input.TextArea rows={3} maxLength={500} data-testid="order-action-note" />
          </Form.Item>
        )}
        {action === 'pay' && (
          <>
            <Typography.Paragraph type="secondary">{t('orders.payHelp', { total: formatFen(order.total_fen), paid: formatFen(order.paid_fen) })}</Typography.Paragraph>
            <Form.Item name="amount" label={t('orders.amountYuan')} rules={[{ required: true, message: t('orders.amountRequired') }]}>
              <InputNumber min={0.01} precision={2} prefix="¥" style={{ width: '100%' }} data-testid="order-pay-amount" />
            </Form.Item>
            <Form.Item name="method" label={t('orders.payMethod')}>
              <Select options={PAY_METHODS.map((m) => ({ value: m, label: t(`orders.payMethods.${m}`) }))} data-testid="order-pay-method" />
            </Form.Item>
            <Form.Item name="reference" label={t('orders.payReference')}>
              <Input maxLength={128} data-testid="order-pay-reference" />
            </Form.Item>
          </>
        )}
        {action === 'ship' && (
          <>
            <Form.Item name="carrier" label={t('orders.carrier')} rules={required(t('orders.carrierRequired'))}>
              <AutoComplete options={CARRIERS.map((c) => ({ value: c }))} placeholder={t('orders.carrierPlaceholder')} data-testid="order-ship-carrier" />
            </Form.Item>
            <Form.Item name="tracking_number" label={t('orders.trackingNumber')} rules={required(t('orders.trackingRequired'))}>
              <Input maxLength={64} data-testid="order-ship-tracking" />
            </Form.Item>
          </>
        )}
        {action === 'cancel' && (
          <Form.Item name="reason" label={t('orders.cancelReason')} rules={required(t('orders.reasonRequired'))}>
            <Input.TextArea rows={3} maxLength={500} data-testid="order-cancel-reason" />
          </Form.Item>
        )}
        {action && ['pick', 'pack', 'deliver', 'complete'].includes(action) && (
          <Typography.Paragraph>{t(`orders.confirmAction`, { action: t(`orders.actions.${action}`), number: order.number })}</Typography.Paragraph>
        )}
      </Form>
    </Modal>
  );
}
