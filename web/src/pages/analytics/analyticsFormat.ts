/** Formatting analytics figures (pure, unit tested): money, rates, KPI values and their deltas. */
import type { Kpi, KpiName } from '../../api/analytics';
import { formatFen } from '../orders/money';

const GROUPS = /\B(?=(\d{3})+(?!\d))/g;

/** 0.1234 → "12.3%"; null → "—". */
export function formatRate(rate: number | null | undefined, digits = 1): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${(rate * 100).toFixed(digits)}%`;
}

/** 12345 → "12,345"; 2.456 → "2.46"; null → "—". */
export function formatCount(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (Number.isInteger(value)) return String(value).replace(GROUPS, ',');
  const [int = '0', frac] = value.toFixed(digits).split('.');
  return `${int.replace(GROUPS, ',')}${frac ? `.${frac}` : ''}`;
}

export type KpiKind = 'money' | 'rate' | 'count';

export function kpiKind(name: KpiName): KpiKind {
  if (name.endsWith('_fen')) return 'money';
  if (name.endsWith('_rate')) return 'rate';
  return 'count';
}

/** KPIs where a rise is bad news (the delta is coloured accordingly). */
const LOWER_IS_BETTER: ReadonlySet<KpiName> = new Set(['churn_rate', 'refunds_fen']);

export function formatKpiValue(name: KpiName, value: number | null | undefined): string {
  const kind = kpiKind(name);
  if (kind === 'money') return formatFen(value);
  if (kind === 'rate') return formatRate(value);
  return formatCount(value, 0);
}

export interface DeltaView {
  /** "▲", "▼" or "" (no change or nothing to compare with). */
  arrow: '▲' | '▼' | '';
  /** "12.5%" (relative change), "1.2pp" for rates (difference in percentage points), "—". */
  text: string;
  /** good / bad / neutral: drives the colour. */
  tone: 'good' | 'bad' | 'neutral';
}

/**
 * The ▲/▼ delta of a KPI against the previous period. Rates compare in percentage points;
 * money and counts by relative change, or by the absolute delta when the previous value is 0.
 */
export function kpiDelta(name: KpiName, kpi: Kpi | undefined): DeltaView {
  if (!kpi || kpi.delta === null || kpi.value === null || kpi.previous === null) return { arrow: '', text: '—', tone: 'neutral' };
  const kind = kpiKind(name);
  const d = kpi.delta;
  const arrow = d > 0 ? '▲' : d < 0 ? '▼' : '';
  const better = LOWER_IS_BETTER.has(name) ? d < 0 : d > 0;
  const tone = d === 0 ? 'neutral' : better ? 'good' : 'bad';
  let text: string;
  if (kind === 'rate') text = `${Math.abs(d * 100).toFixed(1)}pp`;
  else if (kpi.change !== null) text = `${Math.abs(kpi.change * 100).toFixed(1)}%`;
  else text = kind === 'money' ? formatFen(Math.abs(d)) : formatCount(Math.abs(d), 0);
  return { arrow, text, tone };
}

export const TONE_COLOR: Record<DeltaView['tone'], string> = { good: '#389e0d', bad: '#cf1322', neutral: '#8c8c8c' };

/** Fen → yuan with 2 decimals as a chart number. */
export const yuan = (fen: number | null | undefined): number => (fen === null || fen === undefined ? 0 : Math.round(fen) / 100);

/** Ratio → percent number for charts (null stays null so ECharts leaves a gap). */
export const percent = (rate: number | null | undefined): number | null =>
  rate === null || rate === undefined ? null : Math.round(rate * 1000) / 10;
