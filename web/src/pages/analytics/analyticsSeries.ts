/** Analytics replies → ECharts options and chart data (pure, unit tested). */
import type { ChurnReply, CohortRow, ConsumptionPeriod, MixRow, SegmentRow, ValueReply } from '../../api/analytics';
import { percent, yuan } from './analyticsFormat';

export type Compare = 'none' | 'pop' | 'yoy';
type Label = (key: string) => string;

export interface TrendSeries {
  periods: string[];
  sales: number[];
  orders: number[];
  /** The comparison base (previous period or year ago), when asked for. */
  baseSales?: number[];
  baseOrders?: number[];
}

/** Sales (yuan) and orders per period, in the API's order, plus the PoP/YoY base when asked. */
export function buildTrend(items: readonly ConsumptionPeriod[], compare: Compare): TrendSeries {
  const out: TrendSeries = {
    periods: items.map((p) => p.period),
    sales: items.map((p) => yuan(p.sales_fen)),
    orders: items.map((p) => p.orders),
  };
  if (compare !== 'none') {
    const base = (p: ConsumptionPeriod) => (compare === 'pop' ? p.previous : p.year_ago);
    out.baseSales = items.map((p) => yuan(base(p).sales_fen));
    out.baseOrders = items.map((p) => base(p).orders);
  }
  return out;
}

/** Line chart: sales on the left axis, orders on the right; dashed lines for the base. */
export function trendOption(trend: TrendSeries, label: Label) {
  const series: Record<string, unknown>[] = [
    { name: label('sales'), type: 'line', data: trend.sales, smooth: true, yAxisIndex: 0 },
    { name: label('orders'), type: 'line', data: trend.orders, smooth: true, yAxisIndex: 1 },
  ];
  if (trend.baseSales && trend.baseOrders) {
    series.push(
      { name: label('baseSales'), type: 'line', data: trend.baseSales, yAxisIndex: 0, lineStyle: { type: 'dashed' } },
      { name: label('baseOrders'), type: 'line', data: trend.baseOrders, yAxisIndex: 1, lineStyle: { type: 'dashed' } },
    );
  }
  return {
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 72, right: 56, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: trend.periods },
    yAxis: [
      { type: 'value', name: label('yuan') },
      { type: 'value', name: label('orderUnit'), splitLine: { show: false } },
    ],
    series,
  };
}

/** Pie of a mix (category or channel) by sales; empty names become `label('unknown')`. */
export function mixPieOption(rows: readonly MixRow[], label: Label) {
  return {
    tooltip: { trigger: 'item', formatter: '{b}: ¥{c} ({d}%)' },
    legend: { type: 'scroll', bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['35%', '65%'],
        data: rows.map((r) => ({ name: r.name || label('unknown'), value: yuan(r.sales_fen) })),
      },
    ],
  };
}

/** Bar chart of rows with a label and a value; used for seasonality, tiers and groups. */
export function barOption(categories: readonly string[], series: { name: string; data: (number | null)[]; yAxisIndex?: number }[], axes: string[] = ['']) {
  return {
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 72, right: axes.length > 1 ? 56 : 24, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: [...categories] },
    yAxis: axes.map((name, i) => ({ type: 'value', name, ...(i > 0 ? { splitLine: { show: false } } : {}) })),
    series: series.map((s) => ({ type: 'bar', ...s })),
  };
}

/** Segments with customers, biggest first, as treemap nodes (value = customers). */
export function segmentNodes(segments: readonly SegmentRow[], label: Label) {
  return segments
    .filter((s) => s.customers > 0)
    .sort((a, b) => b.customers - a.customers)
    .map((s) => ({ name: label(s.segment), value: s.customers, segment: s.segment, share: s.customer_share }));
}

export function segmentTreemapOption(nodes: ReturnType<typeof segmentNodes>) {
  return {
    tooltip: { formatter: (p: { name: string; value: number; data: { share: number | null } }) => `${p.name}: ${p.value} (${percent(p.data.share) ?? '—'}%)` },
    series: [
      {
        type: 'treemap',
        roam: false,
        nodeClick: false,
        breadcrumb: { show: false },
        label: { show: true, formatter: '{b}\n{c}' },
        data: nodes,
      },
    ],
  };
}

/** Pareto: cumulative profit share (%) of the top 10 %…100 % customers, with the diagonal. */
export function paretoOption(curve: ValueReply['pareto_curve'], label: Label) {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 56, right: 24, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: curve.map((c) => `${c.top_percent}%`), name: label('topCustomers') },
    yAxis: { type: 'value', name: '%' },
    series: [
      { name: label('profitShare'), type: 'line', data: curve.map((c) => percent(c.share)), smooth: true, areaStyle: {} },
      { name: label('even'), type: 'line', data: curve.map((c) => c.top_percent), lineStyle: { type: 'dashed' }, symbol: 'none' },
    ],
  };
}

export const CHURN_RATES = ['churn_rate', 'retention_rate', 'acquisition_rate', 'repeat_rate'] as const;

/** Churn, retention, acquisition and repeat rates (%) per period. */
export function churnTrendOption(items: ChurnReply['items'], label: Label) {
  return {
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 56, right: 24, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: items.map((i) => i.period) },
    yAxis: { type: 'value', name: '%' },
    series: CHURN_RATES.map((rate) => ({ name: label(rate), type: 'line', data: items.map((i) => percent(i[rate])), connectNulls: false })),
  };
}

export interface CohortHeat {
  cohorts: string[];
  /** "M0", "M1", … up to the longest cohort. */
  months: string[];
  /** [month index, cohort index, retention %]; cells without a value are left out. */
  cells: [number, number, number][];
}

/** Cohort matrix → heat-map cells; cohorts top to bottom in the API's (ascending) order. */
export function cohortHeat(items: readonly CohortRow[]): CohortHeat {
  const width = items.reduce((m, c) => Math.max(m, c.retention.length), 0);
  const cells: [number, number, number][] = [];
  items.forEach((c, y) => c.retention.forEach((r, x) => {
    const p = percent(r);
    if (p !== null) cells.push([x, y, p]);
  }));
  return { cohorts: items.map((c) => c.cohort), months: Array.from({ length: width }, (_, k) => `M${k}`), cells };
}

export function cohortOption(heat: CohortHeat) {
  return {
    tooltip: { position: 'top', formatter: (p: { value: [number, number, number] }) => `${heat.cohorts[p.value[1]]} ${heat.months[p.value[0]]}: ${p.value[2]}%` },
    // Room under the month labels for the colour scale and its handles' labels.
    grid: { left: 72, right: 24, top: 16, bottom: 88 },
    xAxis: { type: 'category', data: heat.months, splitArea: { show: true } },
    yAxis: { type: 'category', data: heat.cohorts, inverse: true, splitArea: { show: true } },
    visualMap: { min: 0, max: 100, calculable: true, orient: 'horizontal', left: 'center', bottom: 4, itemHeight: 120 },
    series: [{ type: 'heatmap', data: heat.cells, label: { show: heat.cells.length <= 400, formatter: (p: { value: [number, number, number] }) => `${p.value[2]}%` } }],
  };
}
