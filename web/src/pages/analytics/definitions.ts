/**
 * Where each figure's definition lives in docs/analytics.md: term (the key of
 * analytics.defs.* and of the Definition mark) → the heading of its section. The unit test
 * checks both directions: every term has a text in both languages and a heading that exists.
 */
export const DOC_PATH = 'docs/analytics.md';

export const DOC_SECTIONS = {
  money: 'Which orders count, and their money',
  consumption: 'Consumption (ANA-1)',
  rfm: 'RFM (ANA-2)',
  value: 'Value tiers, profit, Pareto (ANA-2)',
  churn: 'Churn and retention (ANA-4, ANA-5)',
  kpis: 'KPIs',
  days: 'Days, periods, festivals',
} as const;
export type DocSection = keyof typeof DOC_SECTIONS;

export const DEFINITION_SECTIONS: Record<string, DocSection> = {
  sales_fen: 'money',
  refunds_fen: 'money',
  net_sales: 'money',
  orders: 'consumption',
  buyers: 'consumption',
  aov_fen: 'consumption',
  frequency: 'consumption',
  trend: 'consumption',
  category_mix: 'consumption',
  channel_mix: 'consumption',
  seasonality: 'consumption',
  lift: 'consumption',
  pop: 'days',
  yoy: 'days',
  new_buyers: 'kpis',
  repeat_rate: 'kpis',
  kpi_compare: 'kpis',
  churn_rate: 'churn',
  retention_rate: 'churn',
  acquisition_rate: 'churn',
  active_at_start: 'churn',
  by_channel: 'churn',
  by_region: 'churn',
  by_tier: 'churn',
  cohorts: 'churn',
  rfm: 'rfm',
  segment: 'rfm',
  recency: 'rfm',
  frequency_rfm: 'rfm',
  monetary: 'rfm',
  scores: 'rfm',
  profit: 'value',
  tiers: 'value',
  pareto: 'value',
};

/** The docs heading of `term`'s section; the KPI cards' terms all point at "KPIs". */
export function definitionSection(term: string, section?: DocSection): string {
  return DOC_SECTIONS[section ?? DEFINITION_SECTIONS[term] ?? 'kpis'];
}
