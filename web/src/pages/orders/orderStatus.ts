/**
 * The order state machine as the console sees it (docs/api/orders.md "Orders"): which actions a
 * status offers, which permission each needs, the tag colours and the steps bar.
 * The server is the authority (an illegal move answers 409); this table only decides which
 * buttons to show.
 */
import type { OrderAction, OrderEvent, OrderStatus, PaymentMethod } from '../../api/orders';

export const ORDER_STATUS_COLORS: Record<OrderStatus, string> = {
  pending_audit: 'orange',
  approved: 'cyan',
  paid: 'blue',
  picking: 'geekblue',
  packed: 'geekblue',
  shipped: 'purple',
  delivered: 'lime',
  completed: 'green',
  cancelled: 'default',
  closed: 'red',
};

/** The tabs of the order list, in workflow order ("" = all). */
export const ORDER_TABS: readonly (OrderStatus | '')[] = [
  '', 'pending_audit', 'approved', 'paid', 'picking', 'packed', 'shipped', 'delivered', 'completed', 'cancelled', 'closed',
];

export const ACTION_PERMISSION: Record<OrderAction, string> = {
  approve: 'orders.audit',
  reject: 'orders.audit',
  pay: 'orders.edit',
  pick: 'orders.edit',
  pack: 'orders.edit',
  ship: 'orders.edit',
  deliver: 'orders.edit',
  complete: 'orders.edit',
  cancel: 'orders.edit',
};

export interface OrderState {
  status: OrderStatus;
  payment_method: PaymentMethod;
}

/**
 * Actions valid for an order now, in button order (the server's order_transitions table):
 * pending_audit -> approve | reject; approved -> pay | cancel, and pick first for cash on
 * delivery; paid -> pick | cancel; picking -> pack | cancel; packed -> ship | cancel;
 * shipped -> deliver (a cod order is paid on delivery); delivered -> complete;
 * completed, cancelled and closed are final.
 */
export function allowedOrderActions(o: OrderState): OrderAction[] {
  switch (o.status) {
    case 'pending_audit':
      return ['approve', 'reject'];
    case 'approved':
      return o.payment_method === 'cod' ? ['pick', 'pay', 'cancel'] : ['pay', 'cancel'];
    case 'paid':
      return ['pick', 'cancel'];
    case 'picking':
      return ['pack', 'cancel'];
    case 'packed':
      return ['ship', 'cancel'];
    case 'shipped':
      return ['deliver'];
    case 'delivered':
      return ['complete'];
    case 'completed':
    case 'cancelled':
    case 'closed':
      return [];
  }
}

/** The actions of `allowedOrderActions` the caller holds the permission for. */
export function permittedOrderActions(o: OrderState, can: (permission: string) => boolean): OrderAction[] {
  return allowedOrderActions(o).filter((a) => can(ACTION_PERMISSION[a]));
}

/** The happy path of an order, as shown by the steps bar. */
export function orderPath(method: PaymentMethod): OrderStatus[] {
  return method === 'cod'
    ? ['pending_audit', 'approved', 'picking', 'packed', 'shipped', 'delivered', 'completed']
    : ['pending_audit', 'approved', 'paid', 'picking', 'packed', 'shipped', 'delivered', 'completed'];
}

export interface StepsState {
  path: OrderStatus[];
  current: number;
  status: 'process' | 'finish' | 'error';
}

/**
 * Where the steps bar stands. A cancelled or closed order stops (in red) at the last status of
 * the path it reached, found from its events.
 */
export function orderSteps(o: { status: OrderStatus; payment_method: PaymentMethod }, events: readonly OrderEvent[] = []): StepsState {
  const path = orderPath(o.payment_method);
  const at = path.indexOf(o.status);
  if (at >= 0) return { path, current: at, status: o.status === 'completed' ? 'finish' : 'process' };
  let reached = 0;
  for (const e of events) {
    for (const s of [e.from_status, e.to_status]) {
      const i = s ? path.indexOf(s) : -1;
      if (i > reached) reached = i;
    }
  }
  return { path, current: reached, status: 'error' };
}
