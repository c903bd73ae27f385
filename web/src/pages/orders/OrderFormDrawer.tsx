import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Divider, Drawer, Flex, Form, Input, InputNumber, Radio, Row, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { orderKeys, ordersApi, PAYMENT_METHODS, type OrderDetail } from '../../api/orders';
import { CustomerPicker } from '../interactions/CustomerPicker';
import { applyNestedFieldError } from './orderErrors';
import { emptyOrder, toOrderBody, type OrderFormValues } from './orderForm';
import { ProductPicker } from './ProductPicker';
import { fenToYuan } from './money';

const FORM_FIELDS = ['customer', 'customer_id', 'items', 'payment_method', 'platform', 'channel', 'store', 'discount', 'shipping_fee', 'buyer_remarks', 'receiver'];

/** 新建订单: a manual order for an existing or a new customer. */
export function OrderFormDrawer({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: (order: OrderDetail) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<OrderFormValues>();
  const [busy, setBusy] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const mode = Form.useWatch('customer_mode', form);

  useEffect(() => {
    if (!open) return;
    setTopError(null);
    form.resetFields();
    form.setFieldsValue(emptyOrder());
  }, [open, form]);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setTopError(null);
    try {
      const saved = await ordersApi.create(toOrderBody(v));
      message.success(t('orders.created', { number: saved.number }));
      void queryClient.invalidateQueries({ queryKey: orderKeys.all });
      onSaved(saved);
    } catch (error) {
      setTopError(applyNestedFieldError(form, error, t, FORM_FIELDS));
    } finally {
      setBusy(false);
    }
  };

  const half = { xs: 24, sm: 12 };
  const third = { xs: 24, sm: 8 };
  const required = (msg: string) => [{ required: true, whitespace: true, message: msg }];
  return (
    <Drawer
      open={open}
      size={760}
      title={t('orders.create')}
      onClose={onClose}
      forceRender
      extra={
        <Flex gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => void submit().catch(() => undefined)} data-testid="order-save">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      {topError && <Alert type="error" showIcon title={topError} style={{ marginBottom: 16 }} data-testid="form-error" />}
      <Form<OrderFormValues> form={form} layout="vertical" name="order" initialValues={emptyOrder()}>
        <Form.Item name="customer_mode" label={t('orders.customer')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'existing', label: t('orders.existingCustomer') },
              { value: 'new', label: t('orders.newCustomer') },
            ]}
          />
        </Form.Item>
        {mode === 'new' ? (
          <Row gutter={16}>
            <Col {...third}>
              <Form.Item name={['customer', 'name']} label={t('customers.name')} rules={required(t('customers.nameRequired'))}>
                <Input maxLength={64} data-testid="order-customer-name" />
              </Form.Item>
            </Col>
            <Col {...third}>
              <Form.Item name={['customer', 'phone']} label={t('customers.phone')}>
                <Input maxLength={20} data-testid="order-customer-phone" />
              </Form.Item>
            </Col>
            <Col {...third}>
              <Form.Item name={['customer', 'email']} label={t('customers.email')}>
                <Input maxLength={128} />
              </Form.Item>
            </Col>
          </Row>
        ) : (
          <Form.Item name="customer_id" rules={[{ required: true, message: t('interactions.customerRequired') }]}>
            <CustomerPicker />
          </Form.Item>
        )}
        <Divider titlePlacement="start">{t('orders.items')}</Divider>
        <Form.List name="items" rules={[{ validator: async (_r, lines?: unknown[]) => { if (!lines?.length) throw new Error(t('orders.itemsRequired')); } }]}>
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, i) => (
                <Row gutter={8} key={field.key} align="top">
                  <Col flex="auto">
                    <Form.Item name={[field.name, 'sku']} rules={required(t('orders.skuRequired'))} label={i === 0 ? t('catalog.product') : undefined}>
                      <ProductPicker
                        valueKey="sku"
                        testId={`order-line-sku-${i}`}
                        onPick={(p) => {
                          if (form.getFieldValue(['items', field.name, 'unit_price']) == null) form.setFieldValue(['items', field.name, 'unit_price'], fenToYuan(p.price_fen));
                        }}
                      />
                    </Form.Item>
                  </Col>
                  <Col flex="110px">
                    <Form.Item name={[field.name, 'quantity']} rules={[{ required: true, message: t('orders.quantityRequired') }]} label={i === 0 ? t('orders.quantity') : undefined}>
                      <InputNumber min={1} max={9999} precision={0} style={{ width: '100%' }} data-testid={`order-line-qty-${i}`} />
                    </Form.Item>
                  </Col>
                  <Col flex="150px">
                    <Form.Item name={[field.name, 'unit_price']} label={i === 0 ? t('orders.unitPriceYuan') : undefined}>
                      <InputNumber min={0} precision={2} prefix="¥" style={{ width: '100%' }} placeholder={t('orders.listPrice')} data-testid={`order-line-price-${i}`} />
                    </Form.Item>
                  </Col>
                  <Col flex="40px" style={{ paddingTop: i === 0 ? 30 : 0 }}>
                    <Button type="text" icon={<DeleteOutlined />} disabled={fields.length === 1} onClick={() => remove(field.name)} aria-label={t('common.delete')} />
                  </Col>
                </Row>
              ))}
              <Form.ErrorList errors={errors} />
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })} block data-testid="order-add-line">
                {t('orders.addLine')}
              </Button>
            </>
          )}
        </Form.List>
        <Divider titlePlacement="start">{t('orders.payment')}</Divider>
        <Row gutter={16}>
          <Col {...third}>
            <Form.Item name="payment_method" label={t('orders.paymentMethod')}>
              <Select options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`orders.paymentMethods.${m}`) }))} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="shipping_fee" label={t('orders.shippingFeeYuan')}>
              <InputNumber min={0} precision={2} prefix="¥" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="discount" label={t('orders.discountYuan')}>
              <InputNumber min={0} precision={2} prefix="¥" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="platform" label={t('orders.platform')}>
              <Input maxLength={32} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="channel" label={t('orders.channel')}>
              <Input maxLength={64} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="store" label={t('orders.store')}>
              <Input maxLength={64} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">{t('orders.receiver')}</Divider>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name={['receiver', 'name']} label={t('orders.receiverName')}>
              <Input maxLength={64} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name={['receiver', 'phone']} label={t('orders.receiverPhone')}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name={['receiver', 'province']} label={t('customers.province')}>
              <Input maxLength={32} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name={['receiver', 'city']} label={t('customers.city')}>
              <Input maxLength={32} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name={['receiver', 'district']} label={t('customers.district')}>
              <Input maxLength={32} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name={['receiver', 'address']} label={t('orders.receiverAddress')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="buyer_remarks" label={t('orders.buyerRemarks')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Typography.Text type="secondary">{t('orders.createHelp')}</Typography.Text>
      </Form>
    </Drawer>
  );
}
