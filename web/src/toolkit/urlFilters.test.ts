import { describe, expect, it } from 'vitest';
import { filtersKey, readFilters, writeFilters } from './urlFilters';

describe('URL filters', () => {
  it('round-trips filters through the search params, keeping other params', () => {
    const start = new URLSearchParams('tab=2&q=old');
    const written = writeFilters(start, { q: '张三', status: 'active', role_id: 3, from: undefined });
    expect(written.get('tab')).toBe('2');
    const url = `/system/users?${written.toString()}`;
    const reread = readFilters(new URL(url, 'http://x').searchParams, ['q', 'status', 'role_id', 'from']);
    expect(reread).toEqual({ q: '张三', status: 'active', role_id: '3' });
    expect(start.get('q')).toBe('old'); // input untouched
  });

  it('removes keys set to empty, null or undefined', () => {
    const next = writeFilters(new URLSearchParams('q=a&status=active&role_id=1'), { q: '', status: null, role_id: undefined });
    expect(next.toString()).toBe('');
  });

  it('ignores empty values and unknown keys when reading', () => {
    expect(readFilters(new URLSearchParams('q=&x=1&status=disabled'), ['q', 'status'])).toEqual({ status: 'disabled' });
  });

  it('gives a stable key independent of order', () => {
    expect(filtersKey({ b: '2', a: '1' })).toBe(filtersKey({ a: '1', b: '2' }));
    expect(filtersKey({ a: '1' })).not.toBe(filtersKey({ a: '2' }));
  });
});
