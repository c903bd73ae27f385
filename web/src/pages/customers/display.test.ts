import { describe, expect, it } from 'vitest';
import { formatAddress, orDash } from './display';

describe('customer display helpers', () => {
  it('shows a dash for empty values and keeps masked ones', () => {
    expect(orDash(null)).toBe('—');
    expect(orDash('  ')).toBe('—');
    expect(orDash('138****1234')).toBe('138****1234');
  });

  it('formats addresses', () => {
    expect(formatAddress({ province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路***' })).toBe('浙江省 杭州市 西湖区 文三路***');
    expect(formatAddress({ province: '北京市', city: '北京市', district: '海淀区', detail: '' }, false)).toBe('北京市 海淀区');
    expect(formatAddress({ province: '', city: '', district: '', detail: '' })).toBe('—');
    expect(formatAddress(null)).toBe('—');
  });
});
