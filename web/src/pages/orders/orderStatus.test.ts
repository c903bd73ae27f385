import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES, type OrderEvent, type OrderStatus } from '../../api/orders';
import { allowedOrderActions, orderSteps, permittedOrderActions } from './orderStatus';

const order = (status: OrderStatus, payment_method: 'online' | 'cod' = 'online') => ({ status, payment_method });

describe('order status -> allowed actions', () => {
  it('follows the state machine for online orders', () => {
    const table = Object.fromEntries(ORDER_STATUSES.map((s) => [s, allowedOrderActions(order(s))]));
    expect(table).toEqual({
      pending_audit: ['approve', 'reject'],
      approved: ['pay', 'cancel'],
      paid: ['pick', 'cancel'],
      picking: ['pack', 'cancel'],
      packed: ['ship', 'cancel'],
      shipped: ['deliver'],
      delivered: ['complete'],
      completed: [],
      cancelled: [],
      closed: [],
    });
  });

  it('lets cash-on-delivery orders be picked before payment', () => {
    expect(allowedOrderActions(order('approved', 'cod'))).toEqual(['pick', 'pay', 'cancel']);
    expect(allowedOrderActions(order('shipped', 'cod'))).toEqual(['deliver']);
    expect(allowedOrderActions(order('delivered', 'cod'))).toEqual(['complete']);
  });

  it('offers only the actions the caller may perform', () => {
    const editor = (p: string) => p === 'orders.edit';
    expect(permittedOrderActions(order('pending_audit'), editor)).toEqual([]);
    expect(permittedOrderActions(order('approved'), editor)).toEqual(['pay', 'cancel']);
    expect(permittedOrderActions(order('pending_audit'), (p) => p === 'orders.audit')).toEqual(['approve', 'reject']);
  });
});

describe('order steps', () => {
  const ev = (from: OrderStatus | null, to: OrderStatus): OrderEvent => ({ id: 1, at: 0, action: 'x', from_status: from, to_status: to, actor_id: null, actor_name: '', note: '' });

  it('places a live order on its own step, skipping "paid" for cod', () => {
    expect(orderSteps(order('packed'))).toMatchObject({ current: 4, status: 'process' });
    expect(orderSteps(order('packed', 'cod'))).toMatchObject({ current: 3, status: 'process' });
    expect(orderSteps(order('completed'))).toMatchObject({ current: 7, status: 'finish' });
  });

  it('stops a cancelled order in red where it was cancelled', () => {
    const events = [ev(null, 'pending_audit'), ev('pending_audit', 'approved'), ev('approved', 'paid'), ev('paid', 'cancelled')];
    expect(orderSteps(order('cancelled'), events)).toMatchObject({ current: 2, status: 'error' });
    expect(orderSteps(order('closed'), [ev('pending_audit', 'closed')])).toMatchObject({ current: 0, status: 'error' });
  });
});
