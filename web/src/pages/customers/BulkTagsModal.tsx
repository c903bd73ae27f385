import { Alert, App, Form, Modal, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customersApi } from '../../api/customers';
import { errorText } from '../../auth/errors';

interface Values {
  add: string[];
  remove: string[];
}

/** Adds / removes tags on the selected customers (POST /customers/bulk-tags). */
export function BulkTagsModal({ ids, open, onClose, onDone }: { ids: number[]; open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (open) {
      form.resetFields();
      setError(null);
    }
  }, [open, form]);

  const submit = async () => {
    const v = await form.validateFields();
    if (v.add.length === 0 && v.remove.length === 0) {
      setError(t('customers.bulkTagsEmpty'));
      return;
    }
    setBusy(true);
    try {
      const r = await customersApi.bulkTags(ids, v.add, v.remove);
      message.success(t('customers.bulkTagsDone', { count: r.updated }));
      onDone();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('customers.bulkTags')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('customers.selectedCount', { count: ids.length })}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" name="bulk-tags" initialValues={{ add: [], remove: [] }}>
        <Form.Item name="add" label={t('customers.tagsAdd')}>
          <Select mode="tags" open={false} tokenSeparators={[',', '，']} placeholder={t('customers.tagsPlaceholder')} />
        </Form.Item>
        <Form.Item name="remove" label={t('customers.tagsRemove')}>
          <Select mode="tags" open={false} tokenSeparators={[',', '，']} placeholder={t('customers.tagsPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
