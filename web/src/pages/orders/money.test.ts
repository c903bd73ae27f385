import { describe, expect, it } from 'vitest';
import { fenToYuan, formatFen, yuanToFen } from './money';

describe('money', () => {
  it('formats fen as yuan with two decimals and grouping', () => {
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(12345)).toBe('¥123.45');
    expect(formatFen(123456789)).toBe('¥1,234,567.89');
    expect(formatFen(-1999)).toBe('-¥19.99');
    expect(formatFen(null)).toBe('—');
    expect(formatFen(undefined)).toBe('—');
  });

  it('converts typed yuan to integer fen without float drift', () => {
    expect(yuanToFen(19.99)).toBe(1999);
    expect(yuanToFen(0.1 + 0.2)).toBe(30);
    expect(yuanToFen(1.005)).toBeNull();
    expect(yuanToFen(50000)).toBe(5_000_000);
    expect(yuanToFen('12.3')).toBe(1230);
    expect(yuanToFen('¥1,234.56')).toBe(123456);
    expect(yuanToFen('7')).toBe(700);
    expect(yuanToFen('-0.50')).toBe(-50);
    expect(yuanToFen('1.234')).toBeNull();
    expect(yuanToFen('abc')).toBeNull();
    expect(yuanToFen('')).toBeNull();
    expect(yuanToFen(null)).toBeNull();
    expect(yuanToFen(Number.NaN)).toBeNull();
  });

  it('round-trips fen through yuan', () => {
    for (const fen of [0, 1, 99, 100, 1999, 123456789]) expect(yuanToFen(fenToYuan(fen))).toBe(fen);
    expect(fenToYuan(null)).toBeNull();
  });
});
