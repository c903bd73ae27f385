import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Form, Input, InputNumber, Modal, Row, Select, type ButtonProps } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { catalogApi, catalogKeys } from '../../../api/catalog';
import { errorText } from '../../../auth/errors';
import { ProductPicker } from '../ProductPicker';
import { useWarehouses } from './useCatalogOptions';

interface ReceiveValues {
  warehouse_id?: number;
  lines: { product_id?: number; quantity?: number }[];
  reason?: string;
}

interface AdjustValues {
  warehouse_id?: number;
  product_id?: number;
  quantity?: number;
  reason?: string;
}

/** Shared state of the two stock modals: form, busy flag, error text, default warehouse. */
function useStockForm<V extends { warehouse_id?: number }>(open: boolean, initial: () => V) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const warehouses = useWarehouses(open);
  const [init] = useState(initial);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(init as never);
  }, [open, form, init]);

  useEffect(() => {
    const def = warehouses.data?.find((w) => w.is_default && w.enabled) ?? warehouses.data?.find((w) => w.enabled);
    if (open && def && form.getFieldValue('warehouse_id' as never) === undefined) form.setFieldValue('warehouse_id' as never, def.id);
  }, [open, warehouses.data, form]);

  const run = async (call: (v: V) => Promise<unknown>, done: () => void) => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await call(v);
      void queryClient.invalidateQueries({ queryKey: catalogKeys.stock });
      void queryClient.invalidateQueries({ queryKey: catalogKeys.products });
      done();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  const warehouseOptions = (warehouses.data ?? []).filter((w) => w.enabled).map((w) => ({ value: w.id, label: w.name }));
  return { form, busy, error, run, warehouseOptions };
}

/** 入库: goods received into one warehouse, several products at once. */
export function StockReceiveModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { form, busy, error, run, warehouseOptions } = useStockForm<ReceiveValues>(open, () => ({ lines: [{ quantity: 1 }], reason: '' }));
  const submit = () =>
    run(
      (v) =>
        catalogApi.receive({
          warehouse_id: v.warehouse_id!,
          lines: v.lines.map((l) => ({ product_id: l.product_id!, quantity: l.quantity! })),
          reason: (v.reason ?? '').trim(),
        }),
      () => {
        message.success(t('stock.received'));
        onClose();
      },
    );
  return (
    <Modal
      open={open}
      width={680}
      title={t('stock.receive')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okButtonProps={{ loading: busy, 'data-testid': 'stock-receive-submit' } as ButtonProps}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="stock-error" />}
      <Form<ReceiveValues> form={form} layout="vertical" name="stock-receive">
        <Form.Item name="warehouse_id" label={t('stock.warehouse')} rules={[{ required: true, message: t('stock.warehouseRequired') }]}>
          <Select options={warehouseOptions} data-testid="stock-receive-warehouse" />
        </Form.Item>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Row gutter={8} key={field.key}>
                  <Col flex="auto">
                    <Form.Item name={[field.name, 'product_id']} rules={[{ required: true, message: t('stock.productRequired') }]}>
                      <ProductPicker valueKey="id" testId={`stock-receive-product-${i}`} />
                    </Form.Item>
                  </Col>
                  <Col flex="120px">
                    <Form.Item name={[field.name, 'quantity']} rules={[{ required: true, message: t('orders.quantityRequired') }]}>
                      <InputNumber min={1} max={1_000_000} precision={0} style={{ width: '100%' }} placeholder={t('stock.quantity')} data-testid={`stock-receive-qty-${i}`} />
                    </Form.Item>
                  </Col>
                  <Col flex="40px">
                    <Button type="text" icon={<DeleteOutlined />} disabled={fields.length === 1} onClick={() => remove(field.name)} aria-label={t('common.delete')} />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} block onClick={() => add({ quantity: 1 })} style={{ marginBottom: 16 }}>
                {t('orders.addLine')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="reason" label={t('stock.reason')}>
          <Input maxLength={200} placeholder={t('stock.receiveReasonPlaceholder')} data-testid="stock-receive-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 库存调整: a signed correction of one product in one warehouse (stocktake), with its reason. */
export function StockAdjustModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { form, busy, error, run, warehouseOptions } = useStockForm<AdjustValues>(open, () => ({ reason: '' }));
  const submit = () =>
    run(
      (v) => catalogApi.adjust({ warehouse_id: v.warehouse_id!, product_id: v.product_id!, quantity: v.quantity!, reason: (v.reason ?? '').trim() }),
      () => {
        message.success(t('stock.adjusted'));
        onClose();
      },
    );
  return (
    <Modal
      open={open}
      title={t('stock.adjust')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okButtonProps={{ loading: busy, 'data-testid': 'stock-adjust-submit' } as ButtonProps}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="stock-error" />}
      <Form<AdjustValues> form={form} layout="vertical" name="stock-adjust">
        <Form.Item name="warehouse_id" label={t('stock.warehouse')} rules={[{ required: true, message: t('stock.warehouseRequired') }]}>
          <Select options={warehouseOptions} />
        </Form.Item>
        <Form.Item name="product_id" label={t('catalog.product')} rules={[{ required: true, message: t('stock.productRequired') }]}>
          <ProductPicker valueKey="id" testId="stock-adjust-product" />
        </Form.Item>
        <Form.Item
          name="quantity"
          label={t('stock.delta')}
          extra={t('stock.deltaHelp')}
          rules={[{ required: true, message: t('orders.quantityRequired') }, { validator: async (_r, v?: number) => { if (v === 0) throw new Error(t('stock.deltaZero')); } }]}
        >
          <InputNumber precision={0} min={-1_000_000} max={1_000_000} style={{ width: 200 }} data-testid="stock-adjust-qty" />
        </Form.Item>
        <Form.Item name="reason" label={t('stock.reason')} rules={[{ required: true, whitespace: true, message: t('stock.reasonRequired') }]}>
          <Input maxLength={200} data-testid="stock-adjust-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
