import { CheckCircleFilled, CloseCircleOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { Flex, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PasswordPolicy } from '../api/types';
import { checkPassword } from './passwordPolicy';

/** Live feedback under a new-password field. */
export function PasswordChecklist({
  policy,
  password,
  username,
}: {
  policy: PasswordPolicy | undefined;
  password: string;
  username?: string;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  if (!policy) return null;
  const checks = checkPassword(password ?? '', policy, username ?? '');
  return (
    <Flex vertical gap={2} data-testid="password-checklist" style={{ marginTop: 4, marginBottom: 8 }}>
      {checks.map((c) => {
        const icon =
          c.ok === null ? (
            <InfoCircleOutlined style={{ color: token.colorTextTertiary }} />
          ) : c.ok ? (
            <CheckCircleFilled style={{ color: token.colorSuccess }} />
          ) : (
            <CloseCircleOutlined style={{ color: token.colorTextTertiary }} />
          );
        return (
          <Typography.Text
            key={c.key}
            type={c.ok ? 'success' : 'secondary'}
            style={{ fontSize: 12 }}
            data-rule={c.key}
            data-ok={c.ok === null ? 'unknown' : String(c.ok)}
          >
            {icon} {t(`password.rules.${c.key}`, c.params)}
          </Typography.Text>
        );
      })}
    </Flex>
  );
}
