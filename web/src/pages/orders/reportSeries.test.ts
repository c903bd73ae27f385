import { describe, expect, it } from 'vitest';
import type { SalesRow } from '../../api/orders';
import { buildSalesSeries, salesChartOption } from './reportSeries';

const row = (period: string, key: string, sales_fen: number, orders = 1): SalesRow => ({
  period, key, orders, items: orders * 2, sales_fen, refunds_fen: 0, average_order_fen: Math.round(sales_fen / orders),
});

describe('report chart series', () => {
  it('aligns keys on sorted periods with zeros for gaps, money in yuan', () => {
    const rows = [row('2026-11-02', '天猫', 12345), row('2026-11-01', '天猫', 100), row('2026-11-01', '京东', 1999, 2)];
    const s = buildSalesSeries(rows, 'sales_fen');
    expect(s.periods).toEqual(['2026-11-01', '2026-11-02']);
    expect(s.series).toEqual([
      { key: '天猫', data: [1, 123.45] },
      { key: '京东', data: [19.99, 0] },
    ]);
    expect(buildSalesSeries(rows, 'orders').series[1]).toEqual({ key: '京东', data: [2, 0] });
    expect(buildSalesSeries([], 'orders')).toEqual({ periods: [], series: [] });
  });

  it('builds a stacked bar or a smooth line option', () => {
    const s = buildSalesSeries([row('2026-W45', '', 500), row('2026-W46', '', 700)], 'sales_fen');
    const line = salesChartOption(s, 'line', (k) => k || '合计');
    expect(line.xAxis.data).toEqual(['2026-W45', '2026-W46']);
    expect(line.series).toEqual([{ name: '合计', type: 'line', data: [5, 7], smooth: true }]);
    const two = buildSalesSeries([row('2026-11', 'a', 100), row('2026-11', 'b', 200)], 'sales_fen');
    expect(salesChartOption(two, 'bar', (k) => k).series.map((x) => x.stack)).toEqual(['total', 'total']);
  });
});
