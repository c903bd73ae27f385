import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, InputNumber, Modal, Radio, Table, Typography, type ButtonProps } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AFTER_SALE_KINDS, afterSaleKeys, afterSalesApi, type AfterSaleDetail, type AfterSaleKind } from '../../../api/afterSales';
import { orderKeys, type OrderDetail, type OrderItem } from '../../../api/orders';
import { errorText } from '../../../auth/errors';
import { needsItems, returnableQuantity } from '../afterSaleStatus';
import { formatFen, yuanToFen } from '../money';

interface Values {
  kind: AfterSaleKind;
  reason: string;
  note?: string;
  requested?: number | null;
  quantities: Record<string, number | null | undefined>;
}

/** The request lines from the per-line quantities (lines left at 0 are not part of it). */
export function chosenLines(quantities: Values['quantities']): { order_item_id: number; quantity: number }[] {
  return Object.entries(quantities ?? {})
    .filter(([, q]) => (q ?? 0) > 0)
    .map(([id, q]) => ({ order_item_id: Number(id), quantity: q as number }));
}

/** 申请售后 from an order: kind, the lines and quantities, reason and the amount asked for. */
export function AfterSaleCreateModal({ order, open, onClose, onCreated }: { order: OrderDetail; open: boolean; onClose: () => void; onCreated: (a: AfterSaleDetail) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form) ?? 'return';
  const refundable = Math.max(0, order.paid_fen - order.refunded_fen);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({ kind: 'return', quantities: {} });
  }, [open, form]);

  const submit = async () => {
    const v = await form.validateFields();
    const items = chosenLines(v.quantities);
    if (needsItems(v.kind) && items.length === 0) {
      setError(t('afterSales.linesRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const created = await afterSalesApi.create({
        order_id: order.id,
        kind: v.kind,
        reason: v.reason.trim(),
        note: (v.note ?? '').trim(),
        ...(needsItems(v.kind) ? { items } : {}),
        requested_fen: yuanToFen(v.requested ?? 0) ?? 0,
      });
      message.success(t('afterSales.created', { number: created.number }));
      void queryClient.invalidateQueries({ queryKey: afterSaleKeys.all });
      void queryClient.invalidateQueries({ queryKey: orderKeys.detail(order.id) });
      onCreated(created);
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      width={760}
      title={t('afterSales.createFor', { number: order.number })}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okButtonProps={{ loading: busy, 'data-testid': 'after-sale-submit' } as ButtonProps}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="after-sale-error" />}
      <Form<Values> form={form} layout="vertical" name="after-sale" initialValues={{ kind: 'return', quantities: {} }}>
        <Form.Item name="kind" label={t('afterSales.kind')}>
          <Radio.Group optionType="button" options={AFTER_SALE_KINDS.map((k) => ({ value: k, label: t(`afterSales.kinds.${k}`) }))} data-testid="after-sale-kind" />
        </Form.Item>
        {needsItems(kind) && (
          <Table<OrderItem>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={order.items}
            style={{ marginBottom: 16 }}
            data-testid="after-sale-lines"
            columns={[
              { title: t('catalog.sku'), dataIndex: 'sku', width: 130 },
              { title: t('catalog.productName'), dataIndex: 'name', ellipsis: true },
              { title: t('orders.amount'), dataIndex: 'amount_fen', width: 100, align: 'right', render: (v: number) => formatFen(v) },
              { title: t('afterSales.returnable'), key: 'returnable', width: 90, align: 'right', render: (_v, line) => returnableQuantity(line) },
              {
                title: t('afterSales.quantity'),
                key: 'qty',
                width: 110,
                render: (_v, line) => (
                  <Form.Item name={['quantities', String(line.id)]} noStyle>
                    <InputNumber min={0} max={returnableQuantity(line)} precision={0} disabled={returnableQuantity(line) === 0} style={{ width: 90 }} data-testid={`after-sale-qty-${line.id}`} />
                  </Form.Item>
                ),
              },
            ]}
          />
        )}
        <Form.Item name="reason" label={t('afterSales.reason')} rules={[{ required: true, whitespace: true, message: t('afterSales.reasonRequired') }]}>
          <Input maxLength={200} data-testid="after-sale-reason" />
        </Form.Item>
        <Form.Item name="note" label={t('orders.note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item
          name="requested"
          label={t('afterSales.requestedYuan')}
          extra={<Typography.Text type="secondary">{t('afterSales.refundableHint', { amount: formatFen(refundable) })}</Typography.Text>}
          rules={[{ validator: async (_r, v?: number | null) => { if ((yuanToFen(v ?? 0) ?? 0) > refundable) throw new Error(t('afterSales.exceedsRefundable', { amount: formatFen(refundable) })); } }]}
        >
          <InputNumber min={0} precision={2} prefix="¥" style={{ width: 200 }} data-testid="after-sale-requested" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
