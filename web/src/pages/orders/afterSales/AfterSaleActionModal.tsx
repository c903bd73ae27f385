import { Alert, AutoComplete, Form, Input, InputNumber, Modal, Select, Switch, Typography, type ButtonProps } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AfterSaleAction, AfterSaleActionBody, AfterSaleDetail } from '../../../api/afterSales';
import { errorText } from '../../../auth/errors';
import { refundableFen } from '../afterSaleStatus';
import { useWarehouses } from '../catalog/useCatalogOptions';
import { formatFen, fenToYuan, yuanToFen } from '../money';
import { CARRIERS } from '../OrderActionModal';

interface Values {
  note?: string;
  restock?: boolean;
  warehouse_id?: number;
  amount?: number;
  carrier?: string;
  tracking_number?: string;
}

export function afterSaleBody(action: AfterSaleAction, v: Values): AfterSaleActionBody {
  const note = (v.note ?? '').trim();
  switch (action) {
    case 'receive':
      return v.restock ? { restock: true, warehouse_id: v.warehouse_id, note } : { restock: false, note };
    case 'refund':
      return { amount_fen: yuanToFen(v.amount ?? null) ?? 0, note };
    case 'reship':
      return { carrier: (v.carrier ?? '').trim(), tracking_number: (v.tracking_number ?? '').trim(), note };
    default:
      return { note };
  }
}

/** One step of the after-sales workflow: receive (restock into a warehouse), refund (capped), reship, or a note. */
export function AfterSaleActionModal({
  request,
  action,
  onClose,
  onSubmit,
}: {
  request: AfterSaleDetail;
  action: AfterSaleAction | null;
  onClose: () => void;
  onSubmit: (action: AfterSaleAction, body: AfterSaleActionBody) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const warehouses = useWarehouses(action === 'receive');
  const restock = Form.useWatch('restock', form);
  const remaining = refundableFen(request);

  useEffect(() => {
    if (!action) return;
    setError(null);
    form.resetFields();
    if (action === 'receive') form.setFieldsValue({ restock: true });
    if (action === 'refund') {
      const asked = request.requested_fen > 0 ? request.requested_fen : (remaining ?? 0);
      form.setFieldsValue({ amount: fenToYuan(remaining === null ? asked : Math.min(asked, remaining)) ?? 0 });
    }
  }, [action, request, remaining, form]);

  useEffect(() => {
    const def = warehouses.data?.find((w) => w.is_default) ?? warehouses.data?.[0];
    if (action === 'receive' && def && form.getFieldValue('warehouse_id') === undefined) form.setFieldValue('warehouse_id', def.id);
  }, [action, warehouses.data, form]);

  const ok = async () => {
    if (!action) return;
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await onSubmit(action, afterSaleBody(action, v));
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
      title={action ? t(`afterSales.actions.${action}`) : ''}
      onCancel={onClose}
      onOk={() => void ok().catch(() => undefined)}
      okButtonProps={{ loading: busy, danger: action === 'reject', 'data-testid': 'after-sale-action-submit' } as ButtonProps}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="after-sale-action-error" />}
      <Form<Values> form={form} layout="vertical" name="after-sale-action">
        {action === 'receive' && (
          <>
            <Form.Item name="restock" label={t('afterSales.restock')} valuePropName="checked">
              <Switch data-testid="after-sale-restock" />
            </Form.Item>
            {restock && (
              <Form.Item name="warehouse_id" label={t('stock.warehouse')} rules={[{ required: true, message: t('stock.warehouseRequired') }]}>
                <Select options={(warehouses.data ?? []).filter((w) => w.enabled).map((w) => ({ value: w.id, label: w.name }))} loading={warehouses.isFetching} data-testid="after-sale-warehouse" />
              </Form.Item>
            )}
          </>
        )}
        {action === 'refund' && (
          <>
            <Typography.Paragraph data-testid="refund-remaining">
              {remaining === null ? t('afterSales.refundUnknown') : t('afterSales.refundRemaining', { amount: formatFen(remaining) })}
            </Typography.Paragraph>
            <Form.Item
              name="amount"
              label={t('afterSales.refundYuan')}
              rules={[
                { required: true, message: t('orders.amountRequired') },
                { validator: async (_r, v?: number) => { if (remaining !== null && (yuanToFen(v ?? 0) ?? 0) > remaining) throw new Error(t('afterSales.exceedsRefundable', { amount: formatFen(remaining) })); } },
              ]}
            >
              <InputNumber min={0.01} precision={2} prefix="¥" style={{ width: 200 }} data-testid="refund-amount" />
            </Form.Item>
          </>
        )}
        {action === 'reship' && (
          <>
            <Form.Item name="carrier" label={t('orders.carrier')} rules={required(t('orders.carrierRequired'))}>
              <AutoComplete options={CARRIERS.map((c) => ({ value: c }))} data-testid="reship-carrier" />
            </Form.Item>
            <Form.Item name="tracking_number" label={t('orders.trackingNumber')} rules={required(t('orders.trackingRequired'))}>
              <Input maxLength={64} data-testid="reship-tracking" />
            </Form.Item>
          </>
        )}
        <Form.Item name="note" label={action === 'reject' ? t('orders.rejectNote') : t('orders.note')} rules={action === 'reject' ? required(t('orders.noteRequired')) : []}>
          <Input.TextArea rows={2} maxLength={500} data-testid="after-sale-action-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
