import { describe, expect, it } from 'vitest';
import { formatCount, formatKpiValue, formatRate, kpiDelta, percent, yuan } from './analyticsFormat';

describe('analytics formatting', () => {
  it('formats rates, counts and money', () => {
    expect(formatRate(0.1234)).toBe('12.3%');
    expect(formatRate(null)).toBe('—');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(2.456)).toBe('2.46');
    expect(formatCount(1234.5, 1)).toBe('1,234.5');
    expect(formatKpiValue('sales_fen', 123456)).toBe('¥1,234.56');
    expect(formatKpiValue('aov_fen', 1333.4)).toBe('¥13.33');
    expect(formatKpiValue('repeat_rate', 0.25)).toBe('25.0%');
    expect(formatKpiValue('orders', 12000)).toBe('12,000');
    expect(formatKpiValue('buyers', null)).toBe('—');
    expect(yuan(12345)).toBe(123.45);
    expect(percent(0.12345)).toBe(12.3);
    expect(percent(null)).toBeNull();
  });

  it('shows relative change for money and counts, points for rates', () => {
    expect(kpiDelta('sales_fen', { value: 120, previous: 100, delta: 20, change: 0.2 })).toEqual({ arrow: '▲', text: '20.0%', tone: 'good' });
    expect(kpiDelta('orders', { value: 9, previous: 10, delta: -1, change: -0.1 })).toEqual({ arrow: '▼', text: '10.0%', tone: 'bad' });
    expect(kpiDelta('repeat_rate', { value: 0.125, previous: 0.25, delta: -0.125, change: -0.5 })).toEqual({ arrow: '▼', text: '12.5pp', tone: 'bad' });
  });

  it('treats a rise in churn or refunds as bad and a fall as good', () => {
    expect(kpiDelta('churn_rate', { value: 0.3, previous: 0.25, delta: 0.05, change: 0.2 }).tone).toBe('bad');
    expect(kpiDelta('refunds_fen', { value: 0, previous: 500, delta: -500, change: -1 })).toEqual({ arrow: '▼', text: '100.0%', tone: 'good' });
  });

  it('falls back to the absolute delta when there is no previous value, and to — without data', () => {
    expect(kpiDelta('new_buyers', { value: 3, previous: 0, delta: 3, change: null })).toEqual({ arrow: '▲', text: '3', tone: 'good' });
    expect(kpiDelta('sales_fen', { value: 500, previous: 0, delta: 500, change: null }).text).toBe('¥5.00');
    expect(kpiDelta('aov_fen', { value: null, previous: 100, delta: null, change: null })).toEqual({ arrow: '', text: '—', tone: 'neutral' });
    expect(kpiDelta('orders', { value: 5, previous: 5, delta: 0, change: 0 })).toEqual({ arrow: '', text: '0.0%', tone: 'neutral' });
    expect(kpiDelta('orders', undefined).text).toBe('—');
  });
});
