import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Flex, Form, Input, Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, adminKeys } from '../../../api/admin';
import type { DataScope, Role } from '../../../api/types';
import { applyFieldErrors } from '../../../toolkit/applyFieldErrors';
import { PermissionMatrix } from './PermissionMatrix';

interface Values {
  name: string;
  label: string;
  data_scope: DataScope;
  permissions: string[];
}

/** Create (role = null) / edit a role; the built-in admin is shown read-only. */
export function RoleFormDrawer({
  open,
  role,
  readOnly,
  onClose,
  onSaved,
}: {
  open: boolean;
  role: Role | null;
  readOnly: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const catalogue = useQuery({
    queryKey: adminKeys.permissions,
    queryFn: ({ signal }) => adminApi.listPermissions(signal),
    select: (r) => r.items,
    staleTime: 5 * 60_000,
  });

  useEffect(() => {
    if (!open) return;
    setTopError(null);
    form.resetFields();
    if (role) form.setFieldsValue({ name: role.name, label: role.label, data_scope: role.data_scope, permissions: role.permissions });
  }, [open, role, form]);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setTopError(null);
    try {
      const body = { label: v.label.trim(), data_scope: v.data_scope, permissions: v.permissions ?? [] };
      if (role) await adminApi.updateRole(role.id, body);
      else await adminApi.createRole({ ...body, name: v.name.trim() });
      message.success(t('roles.saved'));
      onSaved();
    } catch (error) {
      setTopError(applyFieldErrors(form, error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={open}
      size={860}
      title={readOnly ? t('roles.view') : role ? t('roles.edit') : t('roles.create')}
      onClose={onClose}
      forceRender
      extra={
        !readOnly && (
          <Flex gap={8}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={busy} onClick={() => void submit().catch(() => undefined)} data-testid="role-save">
              {t('common.save')}
            </Button>
          </Flex>
        )
      }
    >
      {readOnly && <Alert type="info" showIcon message={t('roles.builtinReadOnly')} style={{ marginBottom: 16 }} />}
      {topError && <Alert type="error" showIcon message={topError} style={{ marginBottom: 16 }} data-testid="form-error" />}
      <Form<Values> form={form} layout="vertical" name="role" disabled={readOnly} initialValues={{ data_scope: 'own', permissions: [] }}>
        <Flex gap={16} wrap>
          <Form.Item
            name="name"
            label={t('roles.name')}
            style={{ flex: 1, minWidth: 200 }}
            extra={role ? undefined : t('roles.nameHelp')}
            rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,31}$/, message: t('roles.nameInvalid') }]}
          >
            <Input disabled={!!role || readOnly} />
          </Form.Item>
          <Form.Item name="label" label={t('roles.label')} style={{ flex: 1, minWidth: 200 }} rules={[{ required: true, whitespace: true, message: t('roles.labelRequired') }]}>
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item name="data_scope" label={t('roles.dataScope')} style={{ width: 200 }} rules={[{ required: true }]}>
            <Select options={(['own', 'department', 'all'] as const).map((s) => ({ value: s, label: t(`roles.scopes.${s}`) }))} />
          </Form.Item>
        </Flex>
        <Form.Item name="permissions" label={t('roles.permissions')}>
          {catalogue.isPending ? <Spin /> : <PermissionMatrix catalogue={catalogue.data ?? []} disabled={readOnly} />}
        </Form.Item>
      </Form>
    </Drawer>
  );
}
