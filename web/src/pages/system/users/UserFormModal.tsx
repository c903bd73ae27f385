import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, type UserInput } from '../../../api/admin';
import type { Role, User } from '../../../api/types';
import { NewPasswordFields } from '../../../auth/NewPasswordFields';
import { applyFieldErrors } from '../../../toolkit/applyFieldErrors';

interface Values {
  username: string;
  display_name: string;
  password?: string;
  phone?: string;
  email?: string;
  department?: string;
  role_ids: number[];
}

/** Create (user = null) or edit a staff account, including its roles. */
export function UserFormModal({
  open,
  user,
  roles,
  isSelf,
  onClose,
  onSaved,
}: {
  open: boolean;
  user: User | null;
  roles: Role[];
  isSelf: boolean;
  onClose: () => void;
  onSaved: (user: User) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const username = Form.useWatch('username', form) ?? '';

  useEffect(() => {
    if (!open) return;
    setTopError(null);
    form.resetFields();
    if (user) {
      form.setFieldsValue({
        username: user.username,
        display_name: user.display_name,
        phone: user.phone ?? '',
        email: user.email ?? '',
        department: user.department ?? '',
        role_ids: user.roles.map((r) => r.id),
      });
    }
  }, [open, user, form]);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setTopError(null);
    const common: UserInput = {
      display_name: v.display_name.trim(),
      phone: v.phone?.trim() ?? '',
      email: v.email?.trim() ?? '',
      department: v.department?.trim() ?? '',
    };
    try {
      const saved = user
        ? await adminApi.updateUser(user.id, isSelf ? common : { ...common, role_ids: v.role_ids })
        : await adminApi.createUser({ ...common, username: v.username.trim(), password: v.password, role_ids: v.role_ids ?? [] });
      message.success(user ? t('users.saved') : t('users.created'));
      onSaved(saved);
    } catch (error) {
      setTopError(applyFieldErrors(form, error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={user ? t('users.edit') : t('users.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      width={560}
      forceRender
    >
      {topError && <Alert type="error" showIcon message={topError} style={{ marginBottom: 16 }} data-testid="form-error" />}
      <Form<Values> form={form} layout="vertical" name="user" initialValues={{ role_ids: [] }}>
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={user ? undefined : t('users.usernameHelp')}
          rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]{3,32}$/, message: t('users.usernameInvalid') }]}
        >
          <Input disabled={!!user} autoComplete="off" />
        </Form.Item>
        <Form.Item name="display_name" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}>
          <Input maxLength={64} />
        </Form.Item>
        {!user && <NewPasswordFields name="password" label={t('users.initialPassword')} username={username} withConfirm={false} />}
        <Form.Item name="role_ids" label={t('users.roles')} extra={isSelf ? t('users.cannotChangeSelf') : undefined}>
          <Select
            mode="multiple"
            disabled={isSelf}
            placeholder={t('users.rolesPlaceholder')}
            options={roles.map((r) => ({ value: r.id, label: r.label || r.name }))}
            optionFilterProp="label"
            data-testid="user-roles"
          />
        </Form.Item>
        <Form.Item name="department" label={t('users.department')}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="phone" label={t('users.phone')}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="email" label={t('users.email')} rules={[{ type: 'email', message: t('users.emailInvalid') }]}>
          <Input maxLength={128} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
