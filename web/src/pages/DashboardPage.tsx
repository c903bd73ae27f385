import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ServerStatusCard } from './ServerStatusCard';

export function DashboardPage() {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('dashboard.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('dashboard.welcome')}
        </Typography.Paragraph>
      </div>
      <ServerStatusCard />
    </Flex>
  );
}
