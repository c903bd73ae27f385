import { Col, Row } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { analyticsApi } from '../../api/analytics';
import { PageHeader } from '../../toolkit';
import { AnalyticsFilterBar } from './AnalyticsFilterBar';
import { AnalyticsState, useAnalyticsQuery } from './AnalyticsState';
import { buildTrend, mixPieOption, trendOption } from './analyticsSeries';
import { ChartCard } from './ChartCard';
import { Definition } from './Definition';
import { ExportButton } from './ExportButton';
import { KpiCards } from './KpiCards';
import { useAnalyticsFilters } from './useAnalyticsFilters';

/** 经营看板: KPI cards with deltas, the daily trend and the category / channel mix. */
export function AnalyticsDashboardPage() {
  const { t } = useTranslation();
  const { filters, set } = useAnalyticsFilters(30);
  const query = useMemo(() => ({ ...filters }), [filters]);
  const trendQuery = useMemo(() => ({ ...filters, group: 'day' }), [filters]);
  const kpis = useAnalyticsQuery('kpis', query, analyticsApi.kpis);
  const consumption = useAnalyticsQuery('consumption', trendQuery, analyticsApi.consumption);
  const label = (k: string) => t(`analytics.series.${k}`);

  return (
    <>
      <PageHeader title={t('analytics.nav.dashboard')} subtitle={t('analytics.subtitle.dashboard')} />
      <AnalyticsFilterBar filters={filters} onChange={set} extra={<ExportButton path="kpis" query={query} />} />
      <AnalyticsState query={kpis}>{(data) => <KpiCards data={data} />}</AnalyticsState>
      <div style={{ height: 16 }} />
      <AnalyticsState query={consumption}>
        {(data) => (
          <Row gutter={[16, 16]}>
            <Col span={24}>
              <ChartCard
                title={<Definition term="trend">{t('analytics.charts.trend')}</Definition>}
                option={trendOption(buildTrend(data.items, 'none'), label)}
                empty={data.items.length === 0}
                testId="dashboard-trend"
              />
            </Col>
            <Col xs={24} md={12}>
              <ChartCard title={<Definition term="category_mix">{t('analytics.charts.categoryMix')}</Definition>} option={mixPieOption(data.categories, label)} empty={data.categories.length === 0} testId="dashboard-category-mix" />
            </Col>
            <Col xs={24} md={12}>
              <ChartCard title={<Definition term="channel_mix">{t('analytics.charts.channelMix')}</Definition>} option={mixPieOption(data.channels, label)} empty={data.channels.length === 0} testId="dashboard-channel-mix" />
            </Col>
          </Row>
        )}
      </AnalyticsState>
    </>
  );
}
