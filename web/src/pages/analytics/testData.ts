/** Analytics replies for page tests (shapes as in docs/api/analytics.md). */
import type { ChurnReply, CohortsReply, ConsumptionPeriod, KpisReply, RfmReply, SegmentCustomersReply, ValueReply } from '../../api/analytics';

const kpi = (value: number | null, previous: number | null) => ({
  value,
  previous,
  delta: value !== null && previous !== null ? value - previous : null,
  change: value !== null && previous ? (value - previous) / previous : null,
});

export const kpisReply: KpisReply = {
  from: '2026-03-01', to: '2026-03-30', previous_from: '2026-01-30', previous_to: '2026-02-28',
  kpis: {
    sales_fen: kpi(120000, 100000), orders: kpi(9, 10), buyers: kpi(8, 8), aov_fen: kpi(13333.33, 10000),
    new_buyers: kpi(3, 0), repeat_rate: kpi(0.125, 0.25), churn_rate: kpi(0.3, 0.25), refunds_fen: kpi(0, 500),
  },
  data_as_of: 1,
};

const totals = (orders: number, sales: number) => ({ orders, buyers: orders, sales_fen: sales, refunded_fen: 0, net_sales_fen: sales, items: orders, aov_fen: orders ? sales / orders : null, frequency: orders ? 1 : null });

export const period = (label: string, orders: number, sales: number, prev: [number, number], yearAgo: [number, number]): ConsumptionPeriod => ({
  ...totals(orders, sales), period: label, start: `${label}-01`, end: `${label}-28`,
  previous: totals(...prev), year_ago: totals(...yearAgo),
  sales_pop: prev[1] ? (sales - prev[1]) / prev[1] : null, sales_yoy: yearAgo[1] ? (sales - yearAgo[1]) / yearAgo[1] : null,
  orders_pop: null, orders_yoy: null, buyers_pop: null, buyers_yoy: null,
});

export const rfmReply: RfmReply = {
  reference: '2026-03-30', bins: 5, customers: 3,
  segments: [
    { segment: 'champions', customers: 2, customer_share: 2 / 3, monetary_fen: 50000, monetary_share: 0.8, avg_recency_days: 3, avg_frequency: 4, avg_monetary_fen: 25000 },
    { segment: 'lost', customers: 1, customer_share: 1 / 3, monetary_fen: 12500, monetary_share: 0.2, avg_recency_days: 200, avg_frequency: 1, avg_monetary_fen: 12500 },
  ],
  grid: [[1, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 2]],
  data_as_of: 1,
};

export const segmentPage = (ids: number[], next: string | null, total = 3): SegmentCustomersReply => ({
  segment: 'champions', reference: '2026-03-30', total, next_after: next,
  items: ids.map((id) => ({
    customer_id: id, customer_number: `C${id}`, customer_name: `客户${id}`, last_order_day: '2026-03-28', recency_days: 2,
    frequency: 4, monetary_fen: 25000, r_score: 5, f_score: 5, m_score: 5, fm_score: 5, segment: 'champions',
  })),
});

export const valueReply: ValueReply = {
  customers: 3,
  tiers: [
    { tier: 'high', customers: 1, monetary_fen: 40000, profit_fen: 9000, profit_share: 0.6 },
    { tier: 'mid', customers: 1, monetary_fen: 10000, profit_fen: 4500, profit_share: 0.3 },
    { tier: 'low', customers: 1, monetary_fen: 12500, profit_fen: 1500, profit_share: 0.1 },
  ],
  total_profit_fen: 15000, pareto_customers: 1, pareto_share: 0.6,
  pareto_curve: Array.from({ length: 10 }, (_, i) => ({ top_percent: (i + 1) * 10, share: Math.min(1, 0.4 + i * 0.1) })),
  data_as_of: 1,
};

const stats = (churn: number | null) => ({ active_at_start: 10, churned: 3, returning: 5, new_buyers: 2, buyers: 7, repeat_buyers: 1, churn_rate: churn, retention_rate: 0.5, acquisition_rate: 0.2, repeat_rate: 1 / 7 });

export const churnReply: ChurnReply = {
  threshold_days: 180, overall: stats(0.3),
  items: [{ ...stats(0.1), period: '2026-01', start: '2026-01-01', end: '2026-01-31' }, { ...stats(null), period: '2026-02', start: '2026-02-01', end: '2026-02-28' }],
  by: 'channel', groups: [{ ...stats(0.25), key: 'tmall' }, { ...stats(0.5), key: 'jd' }],
  data_as_of: 1,
};

export const cohortsReply: CohortsReply = {
  items: [
    { cohort: '2026-01', size: 4, active: [4, 2, 1], retention: [1, 0.5, 0.25] },
    { cohort: '2026-02', size: 2, active: [2, 1], retention: [1, 0.5] },
  ],
  data_as_of: 1,
};
