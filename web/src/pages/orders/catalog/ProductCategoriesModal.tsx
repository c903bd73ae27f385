import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Input, InputNumber, Modal, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { catalogApi, catalogKeys, type ProductCategory } from '../../../api/catalog';
import { errorText } from '../../../auth/errors';
import { ConfirmButton } from '../../../toolkit';
import { useProductCategories } from './useCatalogOptions';

interface Values {
  name: string;
  description?: string;
  sort_order?: number;
}

/** 商品分类: add, rename and delete categories (a category in use cannot be deleted: the API says how many products use it). */
export function ProductCategoriesModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const categories = useProductCategories(open);
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState<ProductCategory | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reload = () => void queryClient.invalidateQueries({ queryKey: catalogKeys.categories });

  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const body = { name: v.name.trim(), description: (v.description ?? '').trim(), sort_order: v.sort_order ?? 0 };
      if (editing) await catalogApi.updateCategory(editing.id, body);
      else await catalogApi.createCategory(body);
      message.success(t('catalog.categorySaved'));
      setEditing(null);
      form.resetFields();
      reload();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (c: ProductCategory) => {
    try {
      await catalogApi.deleteCategory(c.id);
      message.success(t('catalog.categoryDeleted'));
      reload();
    } catch (e) {
      setError(errorText(t, e));
    }
  };

  return (
    <Modal open={open} title={t('catalog.categories')} onCancel={onClose} footer={null} width={720} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="category-error" closable={{ onClose: () => setError(null) }} />}
      <Form<Values> form={form} layout="inline" name="product-category" style={{ marginBottom: 12 }}>
        <Form.Item name="name" rules={[{ required: true, whitespace: true, message: t('catalog.categoryNameRequired') }]}>
          <Input placeholder={t('catalog.categoryName')} maxLength={64} data-testid="category-name" />
        </Form.Item>
        <Form.Item name="description">
          <Input placeholder={t('catalog.categoryDescription')} maxLength={200} />
        </Form.Item>
        <Form.Item name="sort_order">
          <InputNumber placeholder={t('catalog.sortOrder')} precision={0} style={{ width: 90 }} />
        </Form.Item>
        <Flex gap={8}>
          <Button type="primary" loading={busy} onClick={() => void save().catch(() => undefined)} data-testid="category-save">
            {editing ? t('common.save') : t('catalog.addCategory')}
          </Button>
          {editing && (
            <Button
              onClick={() => {
                setEditing(null);
                form.resetFields();
              }}
            >
              {t('common.cancel')}
            </Button>
          )}
        </Flex>
      </Form>
      <Table<ProductCategory>
        rowKey="id"
        size="small"
        pagination={false}
        loading={categories.isFetching}
        dataSource={categories.data ?? []}
        columns={[
          { title: t('catalog.categoryName'), dataIndex: 'name' },
          { title: t('catalog.categoryDescription'), dataIndex: 'description', render: (v: string) => v || '—' },
          { title: t('catalog.sortOrder'), dataIndex: 'sort_order', width: 80 },
          {
            title: t('common.actions'),
            key: 'a',
            width: 140,
            render: (_v, c) => (
              <Flex gap={4}>
                <Button
                  type="link"
                  size="small"
                  onClick={() => {
                    setEditing(c);
                    form.setFieldsValue({ name: c.name, description: c.description, sort_order: c.sort_order });
                  }}
                >
                  {t('common.edit')}
                </Button>
                <ConfirmButton type="link" size="small" title={t('catalog.deleteCategoryConfirm', { name: c.name })} onConfirm={() => remove(c)}>
                  {t('common.delete')}
                </ConfirmButton>
              </Flex>
            ),
          },
        ]}
      />
    </Modal>
  );
}
