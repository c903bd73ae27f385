import { Col, Row, Segmented, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { analyticsApi, CHURN_BYS, type ChurnBy, type ChurnStats } from '../../api/analytics';
import { PageHeader } from '../../toolkit';
import { AnalyticsFilterBar } from './AnalyticsFilterBar';
import { AnalyticsState, useAnalyticsQuery } from './AnalyticsState';
import { formatRate, percent } from './analyticsFormat';
import { barOption, CHURN_RATES, churnTrendOption, cohortHeat, cohortOption } from './analyticsSeries';
import { ChartCard } from './ChartCard';
import { Definition } from './Definition';
import { ExportButton } from './ExportButton';
import { useAnalyticsFilters } from './useAnalyticsFilters';

/** 流失与留存: churn and retention by month and by group, and the monthly cohort heat map. */
export function ChurnPage() {
  const { t } = useTranslation();
  const { filters, set, params } = useAnalyticsFilters(365);
  const by: ChurnBy = (CHURN_BYS as readonly string[]).includes(params.get('by') ?? '') ? (params.get('by') as ChurnBy) : 'channel';
  const churnQuery = useMemo(() => ({ ...filters, group: 'month', by }), [filters, by]);
  const cohortQuery = useMemo(() => ({ ...filters }), [filters]);
  const churn = useAnalyticsQuery('churn', churnQuery, analyticsApi.churn);
  const cohorts = useAnalyticsQuery('cohorts', cohortQuery, analyticsApi.cohorts);
  const rateLabel = (k: string) => t(`analytics.rates.${k}`);
  const rateCols = CHURN_RATES.map((r) => ({
    title: <Definition term={r}>{rateLabel(r)}</Definition>,
    dataIndex: r,
    align: 'right' as const,
    render: (v: number | null) => formatRate(v),
  }));
  const groupName = (key: string) => (by === 'tier' ? t(`analytics.tiers.${key}`, { defaultValue: key }) : key || t('analytics.series.unknown'));

  return (
    <>
      <PageHeader title={t('analytics.nav.churn')} subtitle={t('analytics.subtitle.churn')} />
      <AnalyticsFilterBar filters={filters} onChange={set} extra={<ExportButton path="churn" query={churnQuery} />} />
      <AnalyticsState query={churn}>
        {(data) => (
          <Row gutter={[16, 16]}>
            <Col span={24}>
              <Typography.Text type="secondary" data-testid="churn-overall">
                {t('analytics.churn.overall', {
                  days: data.threshold_days,
                  churn: formatRate(data.overall.churn_rate),
                  retention: formatRate(data.overall.retention_rate),
                  repeat: formatRate(data.overall.repeat_rate),
                })}
              </Typography.Text>
            </Col>
            <Col span={24}>
              <ChartCard title={<Definition term="churn_rate">{t('analytics.charts.churnTrend')}</Definition>} option={churnTrendOption(data.items, rateLabel)} empty={data.items.length === 0} testId="churn-trend" />
            </Col>
            <Col xs={24} lg={12}>
              <ChartCard
                title={<Definition term={`by_${by}`}>{t('analytics.charts.churnByGroup')}</Definition>}
                extra={<Segmented<ChurnBy> size="small" value={by} onChange={(b) => set({ by: b })} options={CHURN_BYS.map((b) => ({ value: b, label: t(`analytics.bys.${b}`) }))} data-testid="churn-by" />}
                option={barOption((data.groups ?? []).map((g) => groupName(g.key)), [
                  { name: rateLabel('churn_rate'), data: (data.groups ?? []).map((g) => percent(g.churn_rate)) },
                  { name: rateLabel('retention_rate'), data: (data.groups ?? []).map((g) => percent(g.retention_rate)) },
                ], ['%'])}
                empty={(data.groups ?? []).length === 0}
              />
            </Col>
            <Col xs={24} lg={12}>
              <Table<ChurnStats & { key: string }>
                size="small"
                rowKey="key"
                dataSource={data.groups ?? []}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                data-testid="churn-groups"
                columns={[
                  { title: t(`analytics.bys.${by}`), dataIndex: 'key', render: (k: string) => groupName(k) },
                  { title: <Definition term="active_at_start">{t('analytics.cols.activeAtStart')}</Definition>, dataIndex: 'active_at_start', align: 'right' },
                  { title: t('analytics.cols.churned'), dataIndex: 'churned', align: 'right' },
                  ...rateCols,
                ]}
              />
            </Col>
          </Row>
        )}
      </AnalyticsState>
      <div style={{ height: 16 }} />
      <AnalyticsState query={cohorts}>
        {(data) => {
          const heat = cohortHeat(data.items);
          // In a column: the card's height: 100% would otherwise fill the whole page.
          return (
            <Row>
              <Col span={24}>
                <ChartCard
                  title={<Definition term="cohorts">{t('analytics.charts.cohorts')}</Definition>}
                  extra={<ExportButton path="cohorts" query={cohortQuery} />}
                  option={cohortOption(heat)}
                  empty={heat.cohorts.length === 0}
                  height={Math.max(240, 28 * heat.cohorts.length + 120)}
                  testId="cohort-heatmap"
                />
              </Col>
            </Row>
          );
        }}
      </AnalyticsState>
    </>
  );
}
