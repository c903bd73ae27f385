/**
 * The after-sales workflow as the console sees it (docs/api/orders.md "After-sales").
 * requested -> approve | reject; approved -> receive (return, exchange) or refund (refund_only);
 * goods_received -> refund (return) or reship (exchange); refunded | reshipped | rejected -> close.
 */
import type { AfterSaleAction, AfterSaleDetail, AfterSaleKind, AfterSaleStatus } from '../../api/afterSales';

export const AFTER_SALE_STATUS_COLORS: Record<AfterSaleStatus, string> = {
  requested: 'orange',
  approved: 'cyan',
  rejected: 'red',
  goods_received: 'blue',
  refunded: 'green',
  reshipped: 'purple',
  closed: 'default',
};

export function allowedAfterSaleActions(kind: AfterSaleKind, status: AfterSaleStatus): AfterSaleAction[] {
  switch (status) {
    case 'requested':
      return ['approve', 'reject'];
    case 'approved':
      return kind === 'refund_only' ? ['refund'] : ['receive'];
    case 'goods_received':
      if (kind === 'return') return ['refund'];
      if (kind === 'exchange') return ['reship'];
      return [];
    case 'refunded':
    case 'reshipped':
    case 'rejected':
      return ['close'];
    case 'closed':
      return [];
  }
}

/** Kinds that send goods back and so need order lines. */
export const needsItems = (kind: AfterSaleKind): boolean => kind !== 'refund_only';

/** What may still be refunded on the order: paid - refunded (never below 0), or null if unknown. */
export function refundableFen(d: Pick<AfterSaleDetail, 'order_paid_fen' | 'order_refunded_fen' | 'order'>): number | null {
  const paid = d.order_paid_fen ?? d.order?.paid_fen;
  const refunded = d.order_refunded_fen ?? d.order?.refunded_fen ?? 0;
  if (paid === undefined || paid === null) return null;
  return Math.max(0, paid - refunded);
}

/** Lines still returnable on an order line: quantity - returned_quantity. */
export function returnableQuantity(line: { quantity: number; returned_quantity: number }): number {
  return Math.max(0, line.quantity - line.returned_quantity);
}
