import { describe, expect, it } from 'vitest';
import type { Product } from '../../../api/catalog';
import { emptyProduct, toProductBody, toProductValues } from './productForm';

const product: Product = {
  id: 7, sku: 'TEA-001', name: '龙井 250g', category_id: 2, price_fen: 12800, cost_fen: 6050, barcode: '', status: 'active',
  on_hand: 10, reserved: 2, available: 8, version: 3, created_at: 0, updated_at: 0,
};

describe('product form', () => {
  it('turns yuan prices into fen for create', () => {
    expect(toProductBody({ ...emptyProduct(), sku: ' A-1 ', name: '杯子', price: 39.9, cost: 12.35 })).toEqual({
      sku: 'A-1', name: '杯子', category_id: null, price_fen: 3990, cost_fen: 1235, barcode: '', status: 'active',
    });
  });

  it('sends only the changed fields on edit', () => {
    const values = toProductValues(product);
    expect(values.price).toBe(128);
    expect(values.cost).toBe(60.5);
    expect(toProductBody(values, product)).toEqual({});
    expect(toProductBody({ ...values, price: 118.8, status: 'inactive' }, product)).toEqual({ price_fen: 11880, status: 'inactive' });
  });
});
