import { describe, expect, it } from 'vitest';
import { AFTER_SALE_STATUSES } from '../../api/afterSales';
import { allowedAfterSaleActions, refundableFen, returnableQuantity } from './afterSaleStatus';

describe('after-sales workflow', () => {
  it('offers the actions of each kind and status', () => {
    const row = (kind: 'return' | 'exchange' | 'refund_only') => Object.fromEntries(AFTER_SALE_STATUSES.map((s) => [s, allowedAfterSaleActions(kind, s)]));
    expect(row('return')).toEqual({
      requested: ['approve', 'reject'], approved: ['receive'], rejected: ['close'], goods_received: ['refund'],
      refunded: ['close'], reshipped: ['close'], closed: [],
    });
    expect(row('exchange').goods_received).toEqual(['reship']);
    expect(row('refund_only').approved).toEqual(['refund']);
    expect(row('refund_only').goods_received).toEqual([]);
  });

  it('computes the refundable remainder of the order', () => {
    expect(refundableFen({ order_paid_fen: 10000, order_refunded_fen: 2500 })).toBe(7500);
    expect(refundableFen({ order: { paid_fen: 3000, refunded_fen: 3000 } })).toBe(0);
    expect(refundableFen({})).toBeNull();
    expect(returnableQuantity({ quantity: 3, returned_quantity: 1 })).toBe(2);
  });
});
