/** Turning sales report rows into chart series (ECharts option) — pure, unit tested. */
import type { SalesRow } from '../../api/orders';

export type ReportMetric = 'sales_fen' | 'orders' | 'items' | 'refunds_fen' | 'average_order_fen';
export const REPORT_METRICS: readonly ReportMetric[] = ['sales_fen', 'orders', 'items', 'refunds_fen', 'average_order_fen'];
export const isMoneyMetric = (m: ReportMetric): boolean => m.endsWith('_fen');

export interface ChartSeries {
  /** The x axis: periods in ascending order. */
  periods: string[];
  /** One series per key (channel, category, region; one "" series for by=none). */
  series: { key: string; data: number[] }[];
}

/**
 * Periods sorted ascending (ISO dates and "2026-W47" / "2026-11" sort as strings), one series per
 * key in first-seen order, 0 where a key has no row in a period. Money metrics become yuan.
 */
export function buildSalesSeries(rows: readonly SalesRow[], metric: ReportMetric): ChartSeries {
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  const keys = [...new Set(rows.map((r) => r.key ?? ''))];
  const index = new Map(periods.map((p, i) => [p, i]));
  const series = keys.map((key) => ({ key, data: periods.map(() => 0) }));
  const byKey = new Map(series.map((s) => [s.key, s]));
  for (const r of rows) {
    const s = byKey.get(r.key ?? '')!;
    const i = index.get(r.period)!;
    const value = r[metric] ?? 0;
    s.data[i] = (s.data[i] ?? 0) + (isMoneyMetric(metric) ? value / 100 : value);
  }
  if (isMoneyMetric(metric)) for (const s of series) s.data = s.data.map((v) => Math.round(v * 100) / 100);
  return { periods, series };
}

/** The ECharts option for a series set; `keyLabel` names a key ("" = the total line). */
export function salesChartOption(data: ChartSeries, kind: 'line' | 'bar', keyLabel: (key: string) => string) {
  return {
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 64, right: 24, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: data.periods },
    yAxis: { type: 'value' },
    series: data.series.map((s) => ({
      name: keyLabel(s.key),
      type: kind,
      data: s.data,
      smooth: kind === 'line',
      ...(kind === 'bar' && data.series.length > 1 ? { stack: 'total' } : {}),
    })),
  };
}
