import { describe, expect, it } from 'vitest';
import { buildTrend, churnTrendOption, cohortHeat, segmentNodes, trendOption } from './analyticsSeries';
import { churnReply, cohortsReply, period, rfmReply } from './testData';

const label = (k: string) => `<${k}>`;

describe('analytics series', () => {
  const items = [period('2026-01', 2, 12345, [1, 10000], [0, 0]), period('2026-02', 3, 30000, [2, 12345], [4, 20000])];

  it('builds sales (yuan) and orders per period, with the chosen comparison base', () => {
    expect(buildTrend(items, 'none')).toEqual({ periods: ['2026-01', '2026-02'], sales: [123.45, 300], orders: [2, 3] });
    expect(buildTrend(items, 'pop')).toMatchObject({ baseSales: [100, 123.45], baseOrders: [1, 2] });
    expect(buildTrend(items, 'yoy')).toMatchObject({ baseSales: [0, 200], baseOrders: [0, 4] });
  });

  it('puts orders on the second axis and the base as dashed lines', () => {
    const option = trendOption(buildTrend(items, 'yoy'), label);
    expect(option.series.map((s) => [s.name, s.yAxisIndex])).toEqual([['<sales>', 0], ['<orders>', 1], ['<baseSales>', 0], ['<baseOrders>', 1]]);
    expect(option.series[2]).toMatchObject({ lineStyle: { type: 'dashed' } });
    expect(trendOption(buildTrend(items, 'none'), label).series).toHaveLength(2);
  });

  it('lists non-empty segments biggest first as treemap nodes', () => {
    const nodes = segmentNodes([...rfmReply.segments, { ...rfmReply.segments[1]!, segment: 'at_risk', customers: 0 }], label);
    expect(nodes.map((n) => [n.name, n.value, n.segment])).toEqual([['<champions>', 2, 'champions'], ['<lost>', 1, 'lost']]);
  });

  it('turns the cohort matrix into heat-map cells in percent', () => {
    expect(cohortHeat(cohortsReply.items)).toEqual({
      cohorts: ['2026-01', '2026-02'],
      months: ['M0', 'M1', 'M2'],
      cells: [[0, 0, 100], [1, 0, 50], [2, 0, 25], [0, 1, 100], [1, 1, 50]],
    });
    expect(cohortHeat([{ cohort: '2026-03', size: 0, active: [0], retention: [null] }]).cells).toEqual([]);
    expect(cohortHeat([])).toEqual({ cohorts: [], months: [], cells: [] });
  });

  it('draws the four churn rates in percent and leaves gaps for null', () => {
    const option = churnTrendOption(churnReply.items, label);
    expect(option.xAxis.data).toEqual(['2026-01', '2026-02']);
    expect(option.series[0]).toMatchObject({ name: '<churn_rate>', data: [10, null] });
    expect(option.series.map((s) => s.name)).toEqual(['<churn_rate>', '<retention_rate>', '<acquisition_rate>', '<repeat_rate>']);
  });
});
