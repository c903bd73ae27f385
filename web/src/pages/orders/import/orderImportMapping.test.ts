import { describe, expect, it } from 'vitest';
import { initialOrderMapping, orderImportPercent, orderMappingProblems } from './orderImportMapping';

describe('order import mapping', () => {
  it('keeps known suggestions once and lists the missing required fields', () => {
    const mapping = initialOrderMapping({
      columns: ['单号', '外部订单号', '客户', '商品编码', '备注'],
      suggested_mapping: { 单号: null, 外部订单号: 'external_id', 客户: 'customer_name', 商品编码: 'sku', 备注: 'nonsense' },
    });
    expect(mapping).toEqual({ 单号: null, 外部订单号: 'external_id', 客户: 'customer_name', 商品编码: 'sku', 备注: null });
    expect(orderMappingProblems(mapping)).toEqual({ duplicates: [], missing: ['quantity'] });
    expect(orderMappingProblems({ ...mapping, 单号: 'external_id', 备注: 'quantity' }).duplicates).toEqual(['external_id']);
  });

  it('counts the check as the first half of the progress and the write as the second', () => {
    expect(orderImportPercent({ status: 'running', phase: 'checking', processed: 50, row_count: 100 })).toBe(25);
    expect(orderImportPercent({ status: 'running', phase: 'writing', processed: 100, row_count: 100 })).toBe(100);
    expect(orderImportPercent({ status: 'queued', phase: null, processed: 0, row_count: 100 })).toBe(0);
    expect(orderImportPercent({ status: 'succeeded', phase: null, processed: 100, row_count: 100 })).toBe(100);
  });
});
