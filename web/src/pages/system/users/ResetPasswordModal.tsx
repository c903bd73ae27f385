import { Alert, App, Form, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi } from '../../../api/admin';
import type { User } from '../../../api/types';
import { NewPasswordFields } from '../../../auth/NewPasswordFields';
import { applyFieldErrors } from '../../../toolkit/applyFieldErrors';

/** Admin sets a new password for a user (ends their sessions). */
export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ new_password: string; confirm: string }>();
  const [busy, setBusy] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);

  useEffect(() => {
    if (user) {
      form.resetFields();
      setTopError(null);
    }
  }, [user, form]);

  const submit = async () => {
    if (!user) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      await adminApi.resetUserPassword(user.id, v.new_password);
      message.success(t('users.passwordReset'));
      onClose();
    } catch (error) {
      setTopError(applyFieldErrors(form, error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!user}
      title={t('users.resetPassword')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      forceRender
    >
      <Typography.Paragraph type="secondary">
        {t('users.resetPasswordHelp', { name: user?.display_name ?? '' })}
      </Typography.Paragraph>
      {topError && <Alert type="error" showIcon message={topError} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" name="reset-password">
        <NewPasswordFields username={user?.username ?? ''} />
      </Form>
    </Modal>
  );
}
