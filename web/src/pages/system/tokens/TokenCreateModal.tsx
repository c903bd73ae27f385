import { useQuery } from '@tanstack/react-query';
import { Alert, Checkbox, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, adminKeys } from '../../../api/admin';
import { useSession } from '../../../auth/SessionContext';
import { applyFieldErrors } from '../../../toolkit/applyFieldErrors';

interface Values {
  name: string;
  permissions: string[];
}

/** Name + permissions (a subset of the creator's own); resolves with the one-time token. */
export function TokenCreateModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (token: string) => void }) {
  const { t, i18n } = useTranslation();
  const { user, can } = useSession();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const catalogue = useQuery({
    queryKey: adminKeys.permissions,
    queryFn: ({ signal }) => adminApi.listPermissions(signal),
    select: (r) => r.items,
    enabled: can('roles.view'),
    staleTime: 5 * 60_000,
  });

  useEffect(() => {
    if (open) {
      form.resetFields();
      setTopError(null);
    }
  }, [open, form]);

  const labels = new Map((catalogue.data ?? []).map((p) => [p.name, i18n.language === 'zh-CN' ? p.label_zh : p.label_en]));
  const options = (user?.permissions ?? []).map((p) => ({ value: p, label: labels.get(p) ? `${labels.get(p)} (${p})` : p }));

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setTopError(null);
    try {
      const created = await adminApi.createToken(v.name.trim(), v.permissions ?? []);
      onCreated(created.token);
    } catch (error) {
      setTopError(applyFieldErrors(form, error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('tokens.create')}
      okText={t('tokens.createOk')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      width={640}
      forceRender
    >
      {topError && <Alert type="error" showIcon message={topError} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" name="token" initialValues={{ permissions: [] }}>
        <Form.Item name="name" label={t('tokens.name')} extra={t('tokens.nameHelp')} rules={[{ required: true, whitespace: true, message: t('tokens.nameRequired') }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="permissions" label={t('tokens.permissions')} rules={[{ required: true, type: 'array', min: 1, message: t('tokens.permissionsRequired') }]}>
          <Checkbox.Group style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 6 }} options={options} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
