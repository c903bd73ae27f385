import { Col, Row, Segmented, Table } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { analyticsApi, CONSUMPTION_GROUPS, type ConsumptionGroup, type ConsumptionPeriod, type ConsumptionReply } from '../../api/analytics';
import { PageHeader } from '../../toolkit';
import { formatFen } from '../orders/money';
import { AnalyticsFilterBar } from './AnalyticsFilterBar';
import { AnalyticsState, useAnalyticsQuery } from './AnalyticsState';
import { formatCount, formatRate, yuan } from './analyticsFormat';
import { barOption, buildTrend, mixPieOption, trendOption, type Compare } from './analyticsSeries';
import { ChartCard } from './ChartCard';
import { Definition } from './Definition';
import { ExportButton } from './ExportButton';
import { useAnalyticsFilters } from './useAnalyticsFilters';

const COMPARES: readonly Compare[] = ['none', 'pop', 'yoy'];

function Seasonality({ data }: { data: ConsumptionReply['seasonality'] }) {
  const { t } = useTranslation();
  const avg = t('analytics.series.avgDailySales');
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={12}>
        <ChartCard
          title={<Definition term="seasonality">{t('analytics.charts.weekdays')}</Definition>}
          option={barOption(data.weekdays.map((w) => t(`analytics.weekdays.${w.weekday}`)), [{ name: avg, data: data.weekdays.map((w) => yuan(w.avg_daily_sales_fen)) }])}
          height={260}
        />
      </Col>
      <Col xs={24} md={12}>
        <ChartCard
          title={<Definition term="seasonality">{t('analytics.charts.months')}</Definition>}
          option={barOption(data.months.map((m) => t('analytics.month', { month: m.month })), [{ name: avg, data: data.months.map((m) => yuan(m.avg_daily_sales_fen)) }])}
          height={260}
        />
      </Col>
      <Col span={24}>
        <Table
          size="small"
          rowKey={(f) => `${f.festival}-${f.year}`}
          dataSource={data.festivals}
          pagination={false}
          data-testid="festival-table"
          title={() => <Definition term="lift">{t('analytics.charts.festivals')}</Definition>}
          columns={[
            { title: t('analytics.cols.festival'), render: (_, f) => `${f.year} ${t(`analytics.festivals.${f.festival}`, { defaultValue: f.festival })}` },
            { title: t('analytics.cols.window'), render: (_, f) => `${f.first_day} ~ ${f.last_day}` },
            { title: t('analytics.series.sales'), dataIndex: 'sales_fen', align: 'right', render: (v: number) => formatFen(v) },
            { title: avg, dataIndex: 'avg_daily_sales_fen', align: 'right', render: (v: number | null) => formatFen(v) },
            { title: <Definition term="lift">{t('analytics.cols.lift')}</Definition>, dataIndex: 'lift', align: 'right', render: (v: number | null) => (v === null ? '—' : `×${v.toFixed(2)}`) },
          ]}
        />
      </Col>
    </Row>
  );
}

/** 消费分析: trend with PoP/YoY, category and channel mix, seasonality and festivals. */
export function ConsumptionPage() {
  const { t } = useTranslation();
  const { filters, set, params } = useAnalyticsFilters(365);
  const group = (CONSUMPTION_GROUPS as readonly string[]).includes(params.get('group') ?? '') ? (params.get('group') as ConsumptionGroup) : 'month';
  const [compare, setCompare] = useState<Compare>('yoy');
  const query = useMemo(() => ({ ...filters, group }), [filters, group]);
  const consumption = useAnalyticsQuery('consumption', query, analyticsApi.consumption);
  const label = (k: string) => t(`analytics.series.${k}`, { base: t(`analytics.compare.${compare}`) });
  const rate = (key: 'sales' | 'orders' | 'buyers') => ({
    title: <Definition term={compare === 'yoy' ? 'yoy' : 'pop'}>{t(`analytics.cols.${key}Change`, { base: t(`analytics.compare.${compare === 'none' ? 'pop' : compare}`) })}</Definition>,
    align: 'right' as const,
    render: (_: unknown, p: ConsumptionPeriod) => formatRate(compare === 'yoy' ? p[`${key}_yoy`] : p[`${key}_pop`]),
  });

  return (
    <>
      <PageHeader title={t('analytics.nav.consumption')} subtitle={t('analytics.subtitle.consumption')} />
      <AnalyticsFilterBar
        filters={filters}
        onChange={set}
        extra={
          <>
            <Segmented<ConsumptionGroup> value={group} onChange={(g) => set({ group: g })} options={CONSUMPTION_GROUPS.map((g) => ({ value: g, label: t(`analytics.groups.${g}`) }))} data-testid="consumption-group" />
            <Segmented<Compare> value={compare} onChange={setCompare} options={COMPARES.map((c) => ({ value: c, label: t(`analytics.compare.${c}`) }))} />
            <ExportButton path="consumption" query={query} />
          </>
        }
      />
      <AnalyticsState query={consumption}>
        {(data) => (
          <Row gutter={[16, 16]}>
            <Col span={24}>
              <ChartCard title={<Definition term="trend">{t('analytics.charts.trend')}</Definition>} option={trendOption(buildTrend(data.items, compare), label)} empty={data.items.length === 0} testId="consumption-trend" />
            </Col>
            <Col span={24}>
              <Table<ConsumptionPeriod>
                size="small"
                rowKey="period"
                dataSource={data.items}
                pagination={{ pageSize: 31, hideOnSinglePage: true }}
                data-testid="consumption-table"
                columns={[
                  { title: t('analytics.cols.period'), dataIndex: 'period' },
                  { title: <Definition term="orders">{t('analytics.kpi.orders')}</Definition>, dataIndex: 'orders', align: 'right' },
                  { title: <Definition term="buyers">{t('analytics.kpi.buyers')}</Definition>, dataIndex: 'buyers', align: 'right' },
                  { title: <Definition term="sales_fen">{t('analytics.kpi.sales_fen')}</Definition>, dataIndex: 'sales_fen', align: 'right', render: (v: number) => formatFen(v) },
                  { title: <Definition term="net_sales">{t('analytics.cols.netSales')}</Definition>, dataIndex: 'net_sales_fen', align: 'right', render: (v: number) => formatFen(v) },
                  { title: <Definition term="aov_fen">{t('analytics.kpi.aov_fen')}</Definition>, dataIndex: 'aov_fen', align: 'right', render: (v: number | null) => formatFen(v) },
                  { title: <Definition term="frequency">{t('analytics.cols.frequency')}</Definition>, dataIndex: 'frequency', align: 'right', render: (v: number | null) => formatCount(v) },
                  ...(compare === 'none' ? [] : [rate('sales'), rate('orders'), rate('buyers')]),
                ]}
              />
            </Col>
            <Col xs={24} md={12}>
              <ChartCard title={<Definition term="category_mix">{t('analytics.charts.categoryMix')}</Definition>} option={mixPieOption(data.categories, label)} empty={data.categories.length === 0} />
            </Col>
            <Col xs={24} md={12}>
              <ChartCard title={<Definition term="channel_mix">{t('analytics.charts.channelMix')}</Definition>} option={mixPieOption(data.channels, label)} empty={data.channels.length === 0} />
            </Col>
            <Col span={24}>
              <Seasonality data={data.seasonality} />
            </Col>
          </Row>
        )}
      </AnalyticsState>
    </>
  );
}
