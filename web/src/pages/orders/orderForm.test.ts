import { describe, expect, it } from 'vitest';
import { apiFieldToPath, emptyOrder, toOrderBody } from './orderForm';

describe('manual order form', () => {
  it('builds the body with fen amounts for an existing customer', () => {
    const body = toOrderBody({
      ...emptyOrder(),
      customer_id: 12,
      items: [{ sku: ' SKU-1 ', quantity: 2, unit_price: 19.99 }, { sku: 'SKU-2', quantity: 1, unit_price: null }],
      shipping_fee: 8,
      discount: 0,
      receiver: { name: '李雷', phone: '13800138000', province: '浙江省', city: '杭州市', district: '西湖区', address: '文三路 1 号' },
    });
    expect(body).toEqual({
      platform: 'manual',
      payment_method: 'online',
      customer_id: 12,
      items: [{ sku: 'SKU-1', quantity: 2, unit_price_fen: 1999 }, { sku: 'SKU-2', quantity: 1 }],
      shipping_fee_fen: 800,
      receiver: { name: '李雷', phone: '13800138000', province: '浙江省', city: '杭州市', district: '西湖区', address: '文三路 1 号' },
    });
  });

  it('sends a new customer and leaves out an empty receiver', () => {
    const body = toOrderBody({ ...emptyOrder(), customer_mode: 'new', customer: { name: '韩梅梅', phone: '13900139000' }, payment_method: 'cod', items: [{ sku: 'A', quantity: 1 }] });
    expect(body.customer).toEqual({ name: '韩梅梅', phone: '13900139000' });
    expect(body.customer_id).toBeUndefined();
    expect(body.receiver).toBeUndefined();
    expect(body.payment_method).toBe('cod');
  });

  it('maps API error fields onto form paths', () => {
    expect(apiFieldToPath('items[2].sku')).toEqual(['items', 2, 'sku']);
    expect(apiFieldToPath('items[0].unit_price_fen')).toEqual(['items', 0, 'unit_price']);
    expect(apiFieldToPath('customer.phone')).toEqual(['customer', 'phone']);
    expect(apiFieldToPath('shipping_fee_fen')).toEqual(['shipping_fee']);
  });
});
