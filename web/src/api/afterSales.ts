/** After-sales requests: returns, exchanges, refunds (docs/api/orders.md "After-sales"). Money in fen. */
import { api, type QueryValue } from './client';
import type { Page } from './types';

type Query = Record<string, QueryValue>;

export const AFTER_SALE_KINDS = ['return', 'exchange', 'refund_only'] as const;
export type AfterSaleKind = (typeof AFTER_SALE_KINDS)[number];
export const AFTER_SALE_STATUSES = ['requested', 'approved', 'rejected', 'goods_received', 'refunded', 'reshipped', 'closed'] as const;
export type AfterSaleStatus = (typeof AFTER_SALE_STATUSES)[number];
export const AFTER_SALE_ACTIONS = ['approve', 'reject', 'receive', 'refund', 'reship', 'close'] as const;
export type AfterSaleAction = (typeof AFTER_SALE_ACTIONS)[number];

export interface AfterSale {
  id: number;
  number: string;
  order_id: number;
  order_number?: string;
  customer_id: number;
  customer_name?: string;
  kind: AfterSaleKind;
  status: AfterSaleStatus;
  reason: string;
  note: string;
  requested_fen: number;
  refund_fen: number;
  restocked: boolean;
  reship_carrier: string;
  reship_tracking_number: string;
  version: number;
  created_at: number;
  updated_at: number;
  closed_at: number | null;
}

export interface AfterSaleItem {
  order_item_id: number;
  quantity: number;
  sku?: string;
  name?: string;
}

export interface AfterSaleEvent {
  id: number;
  at: number;
  from_status: AfterSaleStatus | null;
  to_status: AfterSaleStatus;
  actor_id: number | null;
  actor_name: string;
  note: string;
}

export interface AfterSaleDetail extends AfterSale {
  items: AfterSaleItem[];
  events: AfterSaleEvent[];
  /** The order's paid and refunded totals (for the refundable remainder). */
  order_paid_fen?: number;
  order_refunded_fen?: number;
  order?: { paid_fen: number; refunded_fen: number; number?: string };
}

export interface AfterSaleInput {
  order_id: number;
  kind: AfterSaleKind;
  reason: string;
  note?: string;
  items?: { order_item_id: number; quantity: number }[];
  requested_fen?: number;
}

export type AfterSaleActionBody =
  | { note?: string }
  | { restock: boolean; warehouse_id?: number; note?: string }
  | { amount_fen: number; note?: string }
  | { carrier: string; tracking_number: string; note?: string };

export const afterSaleKeys = {
  all: ['after-sales'] as const,
  list: ['after-sales', 'list'] as const,
  detail: (id: number) => ['after-sales', 'detail', id] as const,
  forOrder: (orderId: number) => ['after-sales', 'order', orderId] as const,
};

const A = '/api/v1/after-sales';

export const afterSalesApi = {
  list: (query: Query, signal?: AbortSignal) => api.get<Page<AfterSale>>(A, { query, signal }),
  get: (id: number, signal?: AbortSignal) => api.get<AfterSaleDetail>(`${A}/${id}`, { signal }),
  create: (body: AfterSaleInput) => api.post<AfterSaleDetail>(A, body),
  act: (id: number, action: AfterSaleAction, body: AfterSaleActionBody = {}) => api.post<AfterSaleDetail>(`${A}/${id}/${action}`, body),
};
