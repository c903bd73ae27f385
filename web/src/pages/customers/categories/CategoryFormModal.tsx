import { Alert, App, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customersApi, type Category, type CategoryInput } from '../../../api/customers';
import { applyFieldErrors } from '../../../toolkit/applyFieldErrors';

/** Create (category = null) or edit a customer category. */
export function CategoryFormModal({
  open,
  category,
  onClose,
  onSaved,
}: {
  open: boolean;
  category: Category | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CategoryInput>();
  const [busy, setBusy] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setTopError(null);
    form.resetFields();
    form.setFieldsValue(category ? { name: category.name, description: category.description } : { name: '', description: '' });
  }, [open, category, form]);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setTopError(null);
    const body = { name: v.name.trim(), description: (v.description ?? '').trim() };
    try {
      if (category) await customersApi.updateCategory(category.id, body);
      else await customersApi.createCategory(body);
      message.success(t('categories.saved'));
      onSaved();
    } catch (error) {
      setTopError(applyFieldErrors(form, error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={category ? t('categories.edit') : t('categories.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      forceRender
    >
      {topError && <Alert type="error" showIcon title={topError} style={{ marginBottom: 16 }} data-testid="form-error" />}
      <Form<CategoryInput> form={form} layout="vertical" name="category">
        <Form.Item name="name" label={t('categories.name')} rules={[{ required: true, whitespace: true, message: t('categories.nameRequired') }]}>
          <Input maxLength={64} data-testid="category-name" />
        </Form.Item>
        <Form.Item name="description" label={t('categories.description')}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
