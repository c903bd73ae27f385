import { NumberOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authApi } from '../../api/auth';
import { NewPasswordFields } from '../../auth/NewPasswordFields';
import { applyFieldErrors } from '../../toolkit/applyFieldErrors';

interface Values {
  code: string;
  new_password: string;
  confirm: string;
}

/** A username-looking identifier (not a phone or an email) is what the policy forbids in passwords. */
function usernameOf(identifier: string): string {
  return identifier.includes('@') || /^\+?\d+$/.test(identifier) ? '' : identifier;
}

/** Step 2: the 6-digit code + a new password with live policy feedback. */
export function RecoveryResetStep({ identifier, onDone, onBack }: { identifier: string; onDone: () => void; onBack: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const username = usernameOf(identifier);

  const onFinish = async (values: Values) => {
    setBusy(true);
    setTopError(null);
    try {
      await authApi.recoveryConfirm(identifier, values.code.trim(), values.new_password);
      onDone();
    } catch (error) {
      setTopError(applyFieldErrors(form, error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Values> form={form} name="reset" size="large" onFinish={onFinish} requiredMark={false} layout="vertical">
      <Typography.Paragraph type="secondary">{t('recovery.codeHelp', { identifier })}</Typography.Paragraph>
      {topError && <Alert type="error" showIcon message={topError} style={{ marginBottom: 16 }} data-testid="recovery-error" />}
      <Form.Item name="code" label={t('recovery.code')} rules={[{ required: true, pattern: /^\d{6}$/, message: t('recovery.codeRequired') }]}>
        <Input prefix={<NumberOutlined />} inputMode="numeric" maxLength={6} autoComplete="one-time-code" />
      </Form.Item>
      <NewPasswordFields username={username} withIcon />
      <Flex gap={8}>
        <Button onClick={onBack}>{t('recovery.resend')}</Button>
        <Button type="primary" htmlType="submit" loading={busy} style={{ flex: 1 }} data-testid="recovery-confirm">
          {t('recovery.confirm')}
        </Button>
      </Flex>
    </Form>
  );
}
