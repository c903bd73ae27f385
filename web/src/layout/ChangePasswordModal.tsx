import { Alert, App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authApi } from '../api/auth';
import { NewPasswordFields } from '../auth/NewPasswordFields';
import { applyFieldErrors } from '../toolkit/applyFieldErrors';

interface Values {
  current_password: string;
  new_password: string;
  confirm: string;
}

export function ChangePasswordModal({ open, username, onClose }: { open: boolean; username: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);

  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setTopError(null);
    try {
      await authApi.changePassword(values.current_password, values.new_password);
      message.success(t('password.changed'));
      form.resetFields();
      onClose();
    } catch (error) {
      setTopError(applyFieldErrors(form, error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('userMenu.changePassword')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={() => {
        form.resetFields();
        setTopError(null);
        onClose();
      }}
      destroyOnHidden
      forceRender
    >
      {topError && <Alert type="error" showIcon message={topError} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" name="change-password" requiredMark={false}>
        <Form.Item name="current_password" label={t('password.current')} rules={[{ required: true, message: t('password.currentRequired') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <NewPasswordFields username={username} />
      </Form>
    </Modal>
  );
}
