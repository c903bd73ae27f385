import { ReloadOutlined, SafetyOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Spin, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Captcha } from '../../api/types';

interface Props {
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
  captcha: Captcha | null;
  loading: boolean;
  failed: boolean;
  onReload: () => void;
}

/** Captcha answer input with the image; click the image or the icon for a new one. */
export function CaptchaInput({ id, value, onChange, captcha, loading, failed, onReload }: Props) {
  const { t } = useTranslation();
  return (
    <Flex gap={8} align="center">
      <Input
        id={id}
        size="large"
        prefix={<SafetyOutlined />}
        placeholder={t('login.captcha')}
        autoComplete="off"
        maxLength={8}
        value={value}
        onChange={(e) => onChange?.(e.target.value)}
        style={{ flex: 1 }}
      />
      <Tooltip title={t('login.captchaRefresh')}>
        <Flex
          align="center"
          justify="center"
          style={{ width: 112, height: 40, border: '1px solid #d9d9d9', borderRadius: 6, cursor: 'pointer', overflow: 'hidden' }}
          onClick={onReload}
        >
          {captcha && !failed ? (
            <img src={captcha.image} alt={t('login.captchaAlt')} data-testid="captcha-image" style={{ height: 38, maxWidth: 110 }} />
          ) : loading ? (
            <Spin size="small" />
          ) : (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {t('login.captchaFailed')}
            </Typography.Text>
          )}
        </Flex>
      </Tooltip>
      <Button
        type="text"
        icon={<ReloadOutlined spin={loading} />}
        aria-label={t('login.captchaRefresh')}
        data-testid="captcha-refresh"
        onClick={onReload}
      />
    </Flex>
  );
}
