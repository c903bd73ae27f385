import { useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Flex, Row, Segmented, Select, Skeleton, Statistic, Table } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { orderKeys, ordersApi, REPORT_BYS, REPORT_GROUPS, type ReportBy, type ReportGroup, type SalesRow, type SummaryFigures } from '../../../api/orders';
import { currentLanguage } from '../../../i18n';
import { ErrorState, PageHeader, paramsToRange, rangeToParams } from '../../../toolkit';
import { formatFen } from '../money';
import { buildSalesSeries, isMoneyMetric, REPORT_METRICS, salesChartOption, type ReportMetric } from '../reportSeries';

// ECharts stays in its own chunk, loaded when a report is opened.
const EChart = lazy(() => import('../../../charts/EChart'));

const DAY = 'YYYY-MM-DD';
const defaultRange = () => ({ from: dayjs().subtract(29, 'day').format(DAY), to: dayjs().format(DAY) });

function pick<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/** 订单报表: sales by day/week/month, split by channel, category or region; a chart and a table. */
export function OrderReportsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const def = useMemo(defaultRange, []);
  const from = params.get('from') ?? def.from;
  const to = params.get('to') ?? def.to;
  const group = pick<ReportGroup>(params.get('group'), REPORT_GROUPS, 'day');
  const by = pick<ReportBy>(params.get('by'), REPORT_BYS, 'none');
  const [metric, setMetric] = useState<ReportMetric>('sales_fen');
  const [kind, setKind] = useState<'line' | 'bar'>('line');
  const set = (patch: Record<string, string | undefined>) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      for (const [k, v] of Object.entries(patch)) if (v) next.set(k, v); else next.delete(k);
      return next;
    });

  const query = { from, to, group, by };
  const sales = useQuery({ queryKey: [...orderKeys.sales, query], queryFn: ({ signal }) => ordersApi.sales(query, signal) });
  const summary = useQuery({ queryKey: [...orderKeys.summary, from, to], queryFn: ({ signal }) => ordersApi.summary({ from, to }, signal) });
  const option = useMemo(() => {
    const keyLabel = (k: string) => (k === '' || by === 'none' ? t('reports.total') : k);
    return salesChartOption(buildSalesSeries(sales.data ?? [], metric), kind, keyLabel);
  }, [sales.data, metric, kind, by, t]);

  const figure = (title: string, key: keyof SummaryFigures, money: boolean) => {
    const cur = summary.data?.current?.[key];
    const prev = summary.data?.previous?.[key];
    const change = cur !== undefined && prev ? Math.round(((cur - prev) / prev) * 1000) / 10 : null;
    return (
      <Col xs={12} md={6} key={key}>
        <Card size="small">
          <Statistic
            title={title}
            value={cur === undefined ? '—' : money ? formatFen(cur) : cur}
            suffix={change === null ? undefined : <span style={{ fontSize: 12, color: change >= 0 ? '#3f8600' : '#cf1322' }}>{change >= 0 ? '+' : ''}{change}%</span>}
          />
        </Card>
      </Col>
    );
  };

  return (
    <>
      <PageHeader title={t('nav.orderReports')} subtitle={t('reports.subtitle')} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12} align="center">
          <DatePicker.RangePicker
            value={paramsToRange(from, to)}
            onChange={(r) => set(rangeToParams(r))}
            allowClear={false}
            data-testid="report-range"
          />
          <Segmented<ReportGroup> value={group} onChange={(g) => set({ group: g })} options={REPORT_GROUPS.map((g) => ({ value: g, label: t(`reports.groups.${g}`) }))} data-testid="report-group" />
          <Select<ReportBy> value={by} onChange={(b) => set({ by: b })} options={REPORT_BYS.map((b) => ({ value: b, label: t(`reports.bys.${b}`) }))} style={{ width: 140 }} data-testid="report-by" />
          <Select<ReportMetric> value={metric} onChange={setMetric} options={REPORT_METRICS.map((m) => ({ value: m, label: t(`reports.metrics.${m}`) }))} style={{ width: 140 }} data-testid="report-metric" />
          <Segmented value={kind} onChange={(k) => setKind(k as 'line' | 'bar')} options={[{ value: 'line', label: t('reports.line') }, { value: 'bar', label: t('reports.bar') }]} />
        </Flex>
      </Card>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="report-summary">
        {figure(t('reports.metrics.orders'), 'orders', false)}
        {figure(t('reports.metrics.sales_fen'), 'sales_fen', true)}
        {figure(t('reports.metrics.average_order_fen'), 'average_order_fen', true)}
        {figure(t('reports.metrics.refunds_fen'), 'refunds_fen', true)}
      </Row>
      {sales.error && !sales.data ? (
        <ErrorState error={sales.error} onRetry={() => void sales.refetch()} />
      ) : (
        <>
          <Card size="small" style={{ marginBottom: 16 }} title={`${t(`reports.metrics.${metric}`)}${isMoneyMetric(metric) ? t('reports.inYuan') : ''}`}>
            <Suspense fallback={<Skeleton active />}>
              <div data-testid="report-chart">
                <EChart option={option} locale={currentLanguage() === 'en' ? 'EN' : 'ZH'} />
              </div>
            </Suspense>
          </Card>
          <Table<SalesRow>
            rowKey={(r) => `${r.period}|${r.key}`}
            size="small"
            loading={sales.isFetching}
            dataSource={sales.data ?? []}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            data-testid="report-table"
            columns={[
              { title: t('reports.period'), dataIndex: 'period', width: 120 },
              ...(by === 'none' ? [] : [{ title: t(`reports.bys.${by}`), dataIndex: 'key', width: 140, render: (v: string) => v || '—' }]),
              { title: t('reports.metrics.orders'), dataIndex: 'orders', align: 'right' as const },
              { title: t('reports.metrics.items'), dataIndex: 'items', align: 'right' as const },
              { title: t('reports.metrics.sales_fen'), dataIndex: 'sales_fen', align: 'right' as const, render: (v: number) => formatFen(v) },
              { title: t('reports.metrics.refunds_fen'), dataIndex: 'refunds_fen', align: 'right' as const, render: (v: number) => formatFen(v) },
              { title: t('reports.metrics.average_order_fen'), dataIndex: 'average_order_fen', align: 'right' as const, render: (v: number) => formatFen(v) },
            ]}
          />
        </>
      )}
    </>
  );
}
