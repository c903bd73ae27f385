import { LockOutlined, NumberOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Flex, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { authApi } from '../../api/auth';
import { ApiError } from '../../api/client';
import { safeNextPath } from '../../auth/permissions';
import { readRememberedUsername, rememberUsername } from '../../auth/rememberUsername';
import { useSession } from '../../auth/SessionContext';
import { applyFieldErrors } from '../../toolkit/applyFieldErrors';
import { AuthShell } from './AuthShell';
import { CaptchaInput } from './CaptchaInput';
import { useCaptcha } from './useCaptcha';

interface LoginValues {
  username: string;
  password: string;
  captcha: string;
  totp?: string;
  remember: boolean;
}

export function LoginPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<LoginValues>();
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const captcha = useCaptcha();
  const [submitting, setSubmitting] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const [needTotp, setNeedTotp] = useState(false);
  const [initialUsername] = useState(readRememberedUsername);

  if (session.status === 'authenticated') return <Navigate to={next} replace />;

  const onFinish = async (values: LoginValues) => {
    if (!captcha.captcha) return;
    setSubmitting(true);
    setTopError(null);
    try {
      const reply = await authApi.login({
        username: values.username.trim(),
        password: values.password,
        captcha_id: captcha.captcha.id,
        captcha: values.captcha.trim(),
        ...(needTotp && values.totp ? { totp: values.totp.trim() } : {}),
      });
      rememberUsername(values.remember, values.username);
      session.signIn(reply);
      navigate(next, { replace: true });
    } catch (error) {
      // Captchas are single use: every failed attempt needs a new one.
      form.setFieldValue('captcha', '');
      void captcha.reload();
      if (error instanceof ApiError && error.code === 'auth.totp_required') setNeedTotp(true);
      setTopError(applyFieldErrors(form, error, t));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <AuthShell title={t('login.title')}>
      {topError && (
        <Alert type="error" showIcon message={topError} style={{ marginBottom: 16 }} data-testid="login-error" />
      )}
      <Form<LoginValues>
        form={form}
        name="login"
        size="large"
        initialValues={{ username: initialUsername, remember: initialUsername !== '' }}
        onFinish={onFinish}
        onValuesChange={() => setTopError(null)}
        requiredMark={false}
      >
        <Form.Item name="username" rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
          <Input prefix={<UserOutlined />} placeholder={t('login.username')} autoComplete="username" autoFocus={!initialUsername} />
        </Form.Item>
        <Form.Item name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
          <Input.Password
            prefix={<LockOutlined />}
            placeholder={t('login.password')}
            autoComplete="current-password"
            autoFocus={!!initialUsername}
          />
        </Form.Item>
        <Form.Item name="captcha" rules={[{ required: true, whitespace: true, message: t('login.captchaRequired') }]}>
          <CaptchaInput captcha={captcha.captcha} loading={captcha.loading} failed={captcha.failed} onReload={() => void captcha.reload()} />
        </Form.Item>
        {needTotp && (
          <Form.Item
            name="totp"
            extra={t('login.totpHelp')}
            rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.totpRequired') }]}
          >
            <Input prefix={<NumberOutlined />} placeholder={t('login.totp')} inputMode="numeric" maxLength={6} autoComplete="one-time-code" />
          </Form.Item>
        )}
        <Flex justify="space-between" align="center" style={{ marginBottom: 24 }}>
          <Form.Item name="remember" valuePropName="checked" noStyle>
            <Checkbox data-testid="remember-username">{t('login.remember')}</Checkbox>
          </Form.Item>
          <Link to="/forgot-password">{t('login.forgot')}</Link>
        </Flex>
        <Button type="primary" htmlType="submit" block loading={submitting} disabled={!captcha.captcha} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Form>
    </AuthShell>
  );
}
