/** Fixtures of the orders pages' tests. */
import type { AfterSaleDetail } from '../../api/afterSales';
import type { OrderDetail } from '../../api/orders';

export const ORDER_PERMS = ['orders.view', 'orders.edit', 'orders.create', 'products.view', 'customers.view'];

export function makeOrder(over: Partial<OrderDetail> = {}): OrderDetail {
  return {
    id: 42,
    number: 'D20261122000042',
    platform: 'tmall',
    external_id: 'TM-9001',
    customer_id: 12,
    customer_name: '李雷',
    customer_number: 'C20261122000012',
    channel: '天猫旗舰店',
    store: '',
    status: 'paid',
    payment_method: 'online',
    items_fen: 123450,
    discount_fen: 0,
    shipping_fee_fen: 0,
    total_fen: 123450,
    paid_fen: 123450,
    refunded_fen: 0,
    receiver: { name: '李雷', phone: '138****1234', province: '浙江省', city: '杭州市', district: '西湖区', address: '文三路***' },
    carrier: '',
    tracking_number: '',
    audit_reasons: [],
    audit_note: '',
    buyer_remarks: '',
    warehouse_id: 1,
    placed_at: 1_763_800_000_000,
    approved_at: null,
    paid_at: null,
    shipped_at: null,
    delivered_at: null,
    completed_at: null,
    cancelled_at: null,
    version: 3,
    items: [
      { id: 501, line_no: 1, product_id: 7, sku: 'TEA-001', name: '龙井 250g', category_id: 2, quantity: 2, unit_price_fen: 61725, discount_fen: 0, amount_fen: 123450, returned_quantity: 0 },
    ],
    events: [],
    tracking: [],
    ...over,
  };
}

export function makeAfterSale(over: Partial<AfterSaleDetail> = {}): AfterSaleDetail {
  return {
    id: 9,
    number: 'R20261122000009',
    order_id: 42,
    order_number: 'D20261122000042',
    customer_id: 12,
    customer_name: '李雷',
    kind: 'return',
    status: 'goods_received',
    reason: '尺码不合适',
    note: '',
    requested_fen: 9000,
    refund_fen: 0,
    restocked: true,
    reship_carrier: '',
    reship_tracking_number: '',
    version: 2,
    created_at: 1_763_800_000_000,
    updated_at: 1_763_800_000_000,
    closed_at: null,
    items: [{ order_item_id: 501, quantity: 1, sku: 'TEA-001', name: '龙井 250g' }],
    events: [],
    order_paid_fen: 10000,
    order_refunded_fen: 2500,
    ...over,
  };
}
