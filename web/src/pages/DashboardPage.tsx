import { Button, Flex, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { analyticsApi } from '../api/analytics';
import { useSession } from '../auth/SessionContext';
import { AnalyticsState, useAnalyticsQuery } from './analytics/AnalyticsState';
import { KpiCards } from './analytics/KpiCards';
import { lastDays } from './analytics/useAnalyticsFilters';
import { ServerStatusCard } from './ServerStatusCard';

/** KPIs of the last 30 days against the 30 days before (analytics.view only). */
function DashboardKpis() {
  const { t } = useTranslation();
  const query = useMemo(() => lastDays(30), []);
  const kpis = useAnalyticsQuery('kpis', query, analyticsApi.kpis);
  return (
    <div data-testid="dashboard-kpis">
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('analytics.dashboard.title')}
        </Typography.Title>
        <Link to="/analytics">
          <Button type="link">{t('analytics.dashboard.more')}</Button>
        </Link>
      </Flex>
      <AnalyticsState query={kpis}>{(data) => <KpiCards data={data} />}</AnalyticsState>
    </div>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  const { can } = useSession();
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
      {can('analytics.view') && <DashboardKpis />}
      <ServerStatusCard />
    </Flex>
  );
}
