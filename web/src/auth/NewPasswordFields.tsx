import { LockOutlined } from '@ant-design/icons';
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { PasswordChecklist } from './PasswordChecklist';
import { passwordAcceptable } from './passwordPolicy';
import { usePasswordPolicy } from './usePasswordPolicy';

/**
 * New password (with the live policy checklist) and its confirmation, as antd Form items.
 * Must be used inside a <Form>.
 */
export function NewPasswordFields({
  name = 'new_password',
  username = '',
  withConfirm = true,
  label,
  withIcon = false,
}: {
  name?: string;
  username?: string;
  withConfirm?: boolean;
  label?: string;
  withIcon?: boolean;
}) {
  const { t } = useTranslation();
  const policy = usePasswordPolicy();
  const form = Form.useFormInstance();
  const password = (Form.useWatch(name, form) as string | undefined) ?? '';
  const prefix = withIcon ? <LockOutlined /> : undefined;

  return (
    <>
      <Form.Item
        name={name}
        label={label ?? t('password.new')}
        style={{ marginBottom: 0 }}
        rules={[
          { required: true, message: t('password.newRequired') },
          {
            validator: async (_r, v: string) => {
              if (v && policy.data && !passwordAcceptable(v, policy.data, username)) throw new Error(t('password.weak'));
            },
          },
        ]}
      >
        <Input.Password prefix={prefix} autoComplete="new-password" />
      </Form.Item>
      <PasswordChecklist policy={policy.data} password={password} username={username} />
      {withConfirm && (
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={[name]}
          rules={[
            { required: true, message: t('password.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: async (_r, v: string) => {
                if (v && v !== getFieldValue(name)) throw new Error(t('password.mismatch'));
              },
            }),
          ]}
        >
          <Input.Password prefix={prefix} autoComplete="new-password" />
        </Form.Item>
      )}
    </>
  );
}
