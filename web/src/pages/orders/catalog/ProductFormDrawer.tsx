import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Drawer, Flex, Form, Input, InputNumber, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { catalogApi, catalogKeys, PRODUCT_STATUSES, type Product } from '../../../api/catalog';
import { applyFieldErrors } from '../../../toolkit';
import { emptyProduct, toProductBody, toProductValues, type ProductFormValues } from './productForm';
import { useProductCategories } from './useCatalogOptions';

const FIELD_MAP = { price_fen: 'price', cost_fen: 'cost' };

/** Create (product = null) or edit a product; the edit sends If-Match and reports a stale copy. */
export function ProductFormDrawer({ open, product, onClose, onSaved }: { open: boolean; product: Product | null; onClose: () => void; onSaved: (p: Product) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ProductFormValues>();
  const [busy, setBusy] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const categories = useProductCategories(open);

  useEffect(() => {
    if (!open) return;
    setTopError(null);
    form.resetFields();
    form.setFieldsValue(product ? toProductValues(product) : emptyProduct());
  }, [open, product, form]);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setTopError(null);
    try {
      const body = toProductBody(v, product ?? undefined);
      const saved = product ? await catalogApi.updateProduct(product.id, product.version, body) : await catalogApi.createProduct(body);
      message.success(product ? t('catalog.saved') : t('catalog.created'));
      void queryClient.invalidateQueries({ queryKey: catalogKeys.products });
      onSaved(saved);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) setTopError(t('catalog.stale'));
      else setTopError(applyFieldErrors(form, error, t, FIELD_MAP));
    } finally {
      setBusy(false);
    }
  };

  const half = { xs: 24, sm: 12 };
  return (
    <Drawer
      open={open}
      size={560}
      title={product ? t('catalog.editTitle', { sku: product.sku }) : t('catalog.create')}
      onClose={onClose}
      forceRender
      extra={
        <Flex gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => void submit().catch(() => undefined)} data-testid="product-save">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      {topError && <Alert type="error" showIcon title={topError} style={{ marginBottom: 16 }} data-testid="form-error" />}
      <Form<ProductFormValues> form={form} layout="vertical" name="product" initialValues={emptyProduct()}>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="sku" label={t('catalog.sku')} rules={[{ required: true, whitespace: true, message: t('catalog.skuRequired') }]}>
              <Input maxLength={64} data-testid="product-sku" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="barcode" label={t('catalog.barcode')}>
              <Input maxLength={64} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="name" label={t('catalog.productName')} rules={[{ required: true, whitespace: true, message: t('catalog.nameRequired') }]}>
          <Input maxLength={128} data-testid="product-name" />
        </Form.Item>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="price" label={t('catalog.priceYuan')} rules={[{ required: true, message: t('catalog.priceRequired') }]}>
              <InputNumber min={0} precision={2} prefix="¥" style={{ width: '100%' }} data-testid="product-price" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="cost" label={t('catalog.costYuan')}>
              <InputNumber min={0} precision={2} prefix="¥" style={{ width: '100%' }} data-testid="product-cost" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="category_id" label={t('catalog.category')}>
              <Select allowClear options={(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))} loading={categories.isFetching} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="status" label={t('orders.status')}>
              <Select options={PRODUCT_STATUSES.map((s) => ({ value: s, label: t(`catalog.statuses.${s}`) }))} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
