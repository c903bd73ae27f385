import { Card, Flex, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../layout/LanguageSwitch';

/** Centred card with the product name, used by the login and password recovery pages. */
export function AuthShell({ title, width = 400, children }: { title: ReactNode; width?: number; children: ReactNode }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{
        minHeight: '100vh',
        padding: 24,
        background: `linear-gradient(160deg, ${token.colorPrimaryBg} 0%, ${token.colorBgLayout} 55%)`,
        position: 'relative',
      }}
    >
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <LanguageSwitch />
      </div>
      <Flex align="center" gap={10} style={{ marginBottom: 8 }}>
        <img src="/favicon.svg" alt="" width={36} height={36} />
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('app.name')}
        </Typography.Title>
      </Flex>
      <Typography.Text type="secondary" style={{ marginBottom: 24 }}>
        {t('app.tagline')}
      </Typography.Text>
      <Card style={{ width, maxWidth: '100%', boxShadow: token.boxShadowTertiary }}>
        <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 24, textAlign: 'center' }}>
          {title}
        </Typography.Title>
        {children}
      </Card>
      <Typography.Text type="secondary" style={{ marginTop: 24, fontSize: 12 }}>
        © shopcrm
      </Typography.Text>
    </Flex>
  );
}
