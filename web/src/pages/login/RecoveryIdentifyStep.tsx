import { UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authApi } from '../../api/auth';
import { applyFieldErrors } from '../../toolkit/applyFieldErrors';
import { CaptchaInput } from './CaptchaInput';
import { useCaptcha } from './useCaptcha';

interface Values {
  identifier: string;
  captcha: string;
}

/** Step 1: who are you (username, bound phone or email) + captcha → a code is sent. */
export function RecoveryIdentifyStep({ initial, onSent }: { initial: string; onSent: (identifier: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const captcha = useCaptcha();
  const [busy, setBusy] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);

  const onFinish = async (values: Values) => {
    if (!captcha.captcha) return;
    setBusy(true);
    setTopError(null);
    try {
      const identifier = values.identifier.trim();
      await authApi.recoveryRequest(identifier, captcha.captcha.id, values.captcha.trim());
      onSent(identifier);
    } catch (error) {
      form.setFieldValue('captcha', '');
      void captcha.reload();
      setTopError(applyFieldErrors(form, error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Values> form={form} name="recovery" size="large" initialValues={{ identifier: initial }} onFinish={onFinish} requiredMark={false}>
      <Typography.Paragraph type="secondary">{t('recovery.identifyHelp')}</Typography.Paragraph>
      {topError && <Alert type="error" showIcon message={topError} style={{ marginBottom: 16 }} data-testid="recovery-error" />}
      <Form.Item name="identifier" rules={[{ required: true, whitespace: true, message: t('recovery.identifierRequired') }]}>
        <Input prefix={<UserOutlined />} placeholder={t('recovery.identifier')} autoComplete="username" />
      </Form.Item>
      <Form.Item name="captcha" rules={[{ required: true, whitespace: true, message: t('login.captchaRequired') }]}>
        <CaptchaInput captcha={captcha.captcha} loading={captcha.loading} failed={captcha.failed} onReload={() => void captcha.reload()} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy} disabled={!captcha.captcha} data-testid="recovery-send">
        {t('recovery.send')}
      </Button>
    </Form>
  );
}
