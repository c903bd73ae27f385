import { Col, Row, Segmented, Statistic, Table, Card } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { analyticsApi, SEGMENTS, type Segment, type SegmentRow } from '../../api/analytics';
import { PageHeader } from '../../toolkit';
import { formatFen } from '../orders/money';
import { AnalyticsFilterBar } from './AnalyticsFilterBar';
import { AnalyticsState, useAnalyticsQuery } from './AnalyticsState';
import { formatCount, formatRate, yuan } from './analyticsFormat';
import { barOption, paretoOption, segmentNodes, segmentTreemapOption } from './analyticsSeries';
import { ChartCard } from './ChartCard';
import { Definition } from './Definition';
import { ExportButton } from './ExportButton';
import { SegmentCustomers } from './SegmentCustomers';
import { useAnalyticsFilters } from './useAnalyticsFilters';

const isSegment = (v: string | null): v is Segment => (SEGMENTS as readonly string[]).includes(v ?? '');

/** 客户价值: RFM segment map with drill-down, value tiers, profit contribution and Pareto. */
export function CustomerValuePage() {
  const { t } = useTranslation();
  const { filters, set, params } = useAnalyticsFilters(365);
  const segmentParam = params.get('segment');
  const segment = isSegment(segmentParam) ? segmentParam : null;
  const [measure, setMeasure] = useState<'monetary' | 'profit'>('monetary');
  const query = useMemo(() => ({ ...filters }), [filters]);
  const valueQuery = useMemo(() => ({ ...filters, measure }), [filters, measure]);
  const rfm = useAnalyticsQuery('rfm', query, analyticsApi.rfm);
  const value = useAnalyticsQuery('value', valueQuery, analyticsApi.value);
  const segLabel = (s: string) => t(`analytics.segments.${s}`);
  const label = (k: string) => t(`analytics.series.${k}`);
  const open = (s: Segment) => set({ segment: s });

  return (
    <>
      <PageHeader title={t('analytics.nav.value')} subtitle={t('analytics.subtitle.value')} />
      <AnalyticsFilterBar filters={filters} onChange={set} extra={<ExportButton path="rfm" query={query} />} />
      <AnalyticsState query={rfm}>
        {(data) => (
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={10}>
              <ChartCard
                title={<Definition term="rfm">{t('analytics.charts.segmentMap', { count: data.customers })}</Definition>}
                option={segmentTreemapOption(segmentNodes(data.segments, segLabel))}
                empty={data.customers === 0}
                height={360}
                testId="rfm-treemap"
                onClick={(p) => {
                  const s = (p.data as { segment?: string } | undefined)?.segment ?? null;
                  if (isSegment(s)) open(s);
                }}
              />
            </Col>
            <Col xs={24} lg={14}>
              <Table<SegmentRow>
                size="small"
                rowKey="segment"
                dataSource={data.segments}
                pagination={false}
                scroll={{ x: 'max-content' }}
                data-testid="segment-table"
                onRow={(row) => ({ onClick: () => open(row.segment), style: { cursor: 'pointer' } })}
                columns={[
                  { title: <Definition term="segment">{t('analytics.cols.segment')}</Definition>, dataIndex: 'segment', render: (s: string) => segLabel(s) },
                  { title: t('analytics.cols.customers'), dataIndex: 'customers', align: 'right' },
                  { title: t('analytics.cols.customerShare'), dataIndex: 'customer_share', align: 'right', render: (v: number | null) => formatRate(v) },
                  { title: <Definition term="monetary">M</Definition>, dataIndex: 'monetary_fen', align: 'right', render: (v: number) => formatFen(v) },
                  { title: t('analytics.cols.monetaryShare'), dataIndex: 'monetary_share', align: 'right', render: (v: number | null) => formatRate(v) },
                  { title: <Definition term="recency">{t('analytics.cols.avgR')}</Definition>, dataIndex: 'avg_recency_days', align: 'right', render: (v: number | null) => formatCount(v, 1) },
                  { title: <Definition term="frequency_rfm">{t('analytics.cols.avgF')}</Definition>, dataIndex: 'avg_frequency', align: 'right', render: (v: number | null) => formatCount(v) },
                ]}
              />
            </Col>
          </Row>
        )}
      </AnalyticsState>
      {segment && (
        <div style={{ marginTop: 16 }}>
          <SegmentCustomers segment={segment} filters={filters} onClose={() => set({ segment: undefined })} />
        </div>
      )}
      <div style={{ height: 16 }} />
      <AnalyticsState query={value}>
        {(data) => (
          <Row gutter={[16, 16]}>
            <Col span={24}>
              <Card size="small">
                <Row gutter={16}>
                  <Col xs={12} md={6}><Statistic title={<Definition term="profit">{t('analytics.value.totalProfit')}</Definition>} value={formatFen(data.total_profit_fen)} /></Col>
                  <Col xs={12} md={6}><Statistic title={t('analytics.value.customers')} value={data.customers} /></Col>
                  <Col xs={12} md={6}><Statistic title={<Definition term="pareto">{t('analytics.value.paretoShare')}</Definition>} value={formatRate(data.pareto_share)} data-testid="pareto-share" /></Col>
                  <Col xs={12} md={6}><Statistic title={t('analytics.value.paretoCustomers')} value={data.pareto_customers} /></Col>
                </Row>
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <ChartCard
                title={<Definition term="tiers">{t('analytics.charts.tiers')}</Definition>}
                extra={<Segmented size="small" value={measure} onChange={(m) => setMeasure(m as 'monetary' | 'profit')} options={[{ value: 'monetary', label: t('analytics.value.byMonetary') }, { value: 'profit', label: t('analytics.value.byProfit') }]} />}
                option={barOption(
                  data.tiers.map((x) => t(`analytics.tiers.${x.tier}`)),
                  [
                    { name: label('monetary'), data: data.tiers.map((x) => yuan(x.monetary_fen)) },
                    { name: label('profit'), data: data.tiers.map((x) => yuan(x.profit_fen)) },
                    { name: label('customers'), data: data.tiers.map((x) => x.customers), yAxisIndex: 1 },
                  ],
                  [label('yuan'), label('customerUnit')],
                )}
                testId="tiers-chart"
              />
            </Col>
            <Col xs={24} md={12}>
              <ChartCard title={<Definition term="pareto">{t('analytics.charts.pareto')}</Definition>} option={paretoOption(data.pareto_curve, label)} empty={data.pareto_share === null} extra={<ExportButton path="value" query={valueQuery} />} />
            </Col>
          </Row>
        )}
      </AnalyticsState>
    </>
  );
}
