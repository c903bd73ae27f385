/**
 * Analytics API (docs/api/analytics.md). Money is integer fen, rates are ratios (0.25 = 25 %)
 * and are null when their denominator is 0. Every route needs analytics.view; `format=csv|xlsx`
 * needs analytics.export. Until the store has loaded every route answers 503 analytics.loading.
 */
import { api, type QueryValue } from './client';
import { downloadFile } from './files';

type Query = Record<string, QueryValue>;

/** Filters every route takes (dates are merchant days YYYY-MM-DD; lists comma-separated). */
export interface AnalyticsFilters {
  from?: string;
  to?: string;
  channel?: string;
  category?: string;
  region?: string;
}

export const KPI_NAMES = ['sales_fen', 'orders', 'buyers', 'aov_fen', 'new_buyers', 'repeat_rate', 'churn_rate', 'refunds_fen'] as const;
export type KpiName = (typeof KPI_NAMES)[number];

export interface Kpi {
  value: number | null;
  previous: number | null;
  delta: number | null;
  change: number | null;
}

export interface KpisReply {
  from: string;
  to: string;
  previous_from: string;
  previous_to: string;
  kpis: Record<KpiName, Kpi>;
  data_as_of: number;
}

export interface PeriodTotals {
  orders: number;
  buyers: number;
  sales_fen: number;
  refunded_fen: number;
  net_sales_fen: number;
  items: number;
  aov_fen: number | null;
  frequency: number | null;
}

export interface ConsumptionPeriod extends PeriodTotals {
  period: string;
  start: string;
  end: string;
  previous: PeriodTotals;
  year_ago: PeriodTotals;
  sales_pop: number | null;
  sales_yoy: number | null;
  orders_pop: number | null;
  orders_yoy: number | null;
  buyers_pop: number | null;
  buyers_yoy: number | null;
}

export interface MixRow {
  name: string;
  category_id?: number | null;
  orders: number;
  quantity: number;
  sales_fen: number;
  share: number | null;
}

export interface SeasonRow extends PeriodTotals {
  days: number;
  avg_daily_sales_fen: number | null;
}

export interface FestivalRow extends SeasonRow {
  festival: string;
  year: number;
  first_day: string;
  last_day: string;
  lift: number | null;
}

export const CONSUMPTION_GROUPS = ['day', 'week', 'month', 'year'] as const;
export type ConsumptionGroup = (typeof CONSUMPTION_GROUPS)[number];

export interface ConsumptionReply {
  group: ConsumptionGroup;
  from: string;
  to: string;
  items: ConsumptionPeriod[];
  total: PeriodTotals;
  categories: MixRow[];
  channels: MixRow[];
  seasonality: {
    weekdays: (SeasonRow & { weekday: number })[];
    months: (SeasonRow & { month: number })[];
    festivals: FestivalRow[];
    outside_festivals: SeasonRow;
  };
  data_as_of: number;
}

export const SEGMENTS = [
  'champions', 'loyal_customers', 'potential_loyalists', 'new_customers', 'promising', 'need_attention',
  'about_to_sleep', 'at_risk', 'cant_lose_them', 'hibernating', 'lost',
] as const;
export type Segment = (typeof SEGMENTS)[number];

export interface SegmentRow {
  segment: Segment;
  customers: number;
  customer_share: number | null;
  monetary_fen: number;
  monetary_share: number | null;
  avg_recency_days: number | null;
  avg_frequency: number | null;
  avg_monetary_fen: number | null;
}

export interface RfmReply {
  reference: string;
  bins: number;
  customers: number;
  segments: SegmentRow[];
  /** grid[r-1][fm-1]: customers with R score r and FM score fm. */
  grid: number[][];
  data_as_of: number;
}

export interface RfmCustomer {
  customer_id: number;
  customer_number: string | null;
  customer_name: string | null;
  last_order_day: string;
  recency_days: number;
  frequency: number;
  monetary_fen: number;
  r_score: number;
  f_score: number;
  m_score: number;
  fm_score: number;
  segment: Segment;
}

export interface SegmentCustomersReply {
  segment: Segment;
  reference: string;
  items: RfmCustomer[];
  total: number;
  next_after: string | null;
}

export const TIERS = ['high', 'mid', 'low'] as const;
export type Tier = (typeof TIERS)[number];

export interface ValueReply {
  customers: number;
  tiers: { tier: Tier; customers: number; monetary_fen: number; profit_fen: number; profit_share: number | null }[];
  total_profit_fen: number;
  pareto_customers: number;
  pareto_share: number | null;
  pareto_curve: { top_percent: number; share: number | null }[];
  data_as_of: number;
}

export interface ChurnStats {
  active_at_start: number;
  churned: number;
  returning: number;
  new_buyers: number;
  buyers: number;
  repeat_buyers: number;
  churn_rate: number | null;
  retention_rate: number | null;
  acquisition_rate: number | null;
  repeat_rate: number | null;
}

export const CHURN_BYS = ['channel', 'region', 'tier'] as const;
export type ChurnBy = (typeof CHURN_BYS)[number];

export interface ChurnReply {
  threshold_days: number;
  overall: ChurnStats;
  items: (ChurnStats & { period: string; start: string; end: string })[];
  by?: ChurnBy;
  groups?: (ChurnStats & { key: string })[];
  data_as_of: number;
}

export interface CohortRow {
  cohort: string;
  size: number;
  active: number[];
  retention: (number | null)[];
}

export interface CohortsReply {
  items: CohortRow[];
  data_as_of: number;
}

export type ExportFormat = 'csv' | 'xlsx';

const A = '/api/v1/analytics';

export const analyticsKeys = {
  all: ['analytics'] as const,
  report: (name: string, query: Query) => ['analytics', name, query] as const,
};

/** The route names the export button and the query keys use. */
export type AnalyticsReport = 'kpis' | 'consumption' | 'rfm' | 'value' | 'churn' | 'cohorts';

const get = <T>(path: string, query: Query, signal?: AbortSignal) => api.get<T>(path, { query, signal });

export const analyticsApi = {
  kpis: (q: Query, signal?: AbortSignal) => get<KpisReply>(`${A}/kpis`, q, signal),
  consumption: (q: Query, signal?: AbortSignal) => get<ConsumptionReply>(`${A}/consumption`, q, signal),
  rfm: (q: Query, signal?: AbortSignal) => get<RfmReply>(`${A}/rfm`, q, signal),
  segmentCustomers: (segment: Segment, q: Query, signal?: AbortSignal) =>
    get<SegmentCustomersReply>(`${A}/rfm/segments/${encodeURIComponent(segment)}/customers`, q, signal),
  value: (q: Query, signal?: AbortSignal) => get<ValueReply>(`${A}/value`, q, signal),
  churn: (q: Query, signal?: AbortSignal) => get<ChurnReply>(`${A}/churn`, q, signal),
  cohorts: (q: Query, signal?: AbortSignal) => get<CohortsReply>(`${A}/cohorts`, q, signal),
  /** Downloads `path` (e.g. "kpis", "rfm/segments/lost/customers") as CSV or XLSX. */
  exportFile: (path: string, q: Query, format: ExportFormat) =>
    downloadFile(exportUrl(path, q, format), `analytics-${path.replace(/\//g, '-')}.${format}`),
};

/** `/api/v1/analytics/<path>?<q>&format=<format>`; empty values are left out. */
export function exportUrl(path: string, q: Query, format: ExportFormat): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') params.append(k, String(v));
  params.set('format', format);
  return `${A}/${path}?${params.toString()}`;
}
