/**
 * Orders API (docs/api/orders.md "Orders", "Order reports", "Customer 360"). Money is integer
 * fen, times are UTC milliseconds; JSON names are the column names with `_ms` dropped.
 */
import { api, type QueryValue } from './client';
import { downloadFile, uploadRaw } from './files';
import type { Page } from './types';

type Query = Record<string, QueryValue>;

export const ORDER_STATUSES = [
  'pending_audit', 'approved', 'paid', 'picking', 'packed', 'shipped', 'delivered', 'completed', 'cancelled', 'closed',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type PaymentMethod = 'online' | 'cod';
export const PAYMENT_METHODS: readonly PaymentMethod[] = ['online', 'cod'];
export const ORDER_ACTIONS = ['approve', 'reject', 'pay', 'pick', 'pack', 'ship', 'deliver', 'complete', 'cancel'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];
export const TRACKING_STATUSES = ['collected', 'in_transit', 'out_for_delivery', 'delivered', 'exception'] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];

export interface AuditReason {
  rule: string;
  message: string;
  /** The figures behind the message (amount_threshold: total_fen, max_total_fen; credit_level: credit_level, min_level). */
  params?: Record<string, number>;
}

export interface OrderReceiver {
  name: string;
  phone: string | null;
  province: string;
  city: string;
  district: string;
  address: string | null;
}

/** A row of the order list (the `orders` columns a list needs). */
export interface Order {
  id: number;
  number: string;
  platform: string;
  external_id: string | null;
  customer_id: number;
  customer_name?: string;
  customer_number?: string;
  channel: string;
  store: string;
  status: OrderStatus;
  payment_method: PaymentMethod;
  items_fen: number;
  discount_fen: number;
  shipping_fee_fen: number;
  total_fen: number;
  paid_fen: number;
  refunded_fen: number;
  /** Phone and address detail arrive masked unless revealed by a caller with customers.view_pii. */
  receiver: OrderReceiver;
  carrier: string;
  tracking_number: string;
  audit_reasons?: AuditReason[];
  placed_at: number;
  created_at?: number;
  updated_at?: number;
  version: number;
}

export interface OrderItem {
  id: number;
  line_no: number;
  product_id: number;
  sku: string;
  name: string;
  category_id: number | null;
  quantity: number;
  unit_price_fen: number;
  discount_fen: number;
  amount_fen: number;
  returned_quantity: number;
}

export interface OrderEvent {
  id: number;
  at: number;
  action: string;
  from_status: OrderStatus | null;
  to_status: OrderStatus;
  actor_id: number | null;
  actor_name: string;
  note: string;
}

export interface TrackingEvent {
  id: number;
  at: number;
  status: TrackingStatus;
  location: string;
  description: string;
  source: 'api' | 'staff';
}

export interface OrderDetail extends Order {
  buyer_remarks: string;
  audit_note: string;
  warehouse_id: number | null;
  approved_at: number | null;
  paid_at: number | null;
  shipped_at: number | null;
  delivered_at: number | null;
  completed_at: number | null;
  cancelled_at: number | null;
  items: OrderItem[];
  events: OrderEvent[];
  tracking: TrackingEvent[];
}

export interface OrderLineInput {
  sku: string;
  quantity: number;
  unit_price_fen?: number;
  discount_fen?: number;
}

export interface ReceiverInput {
  name: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  address: string;
}

/** A manual order (`POST /api/v1/orders`). */
export interface OrderInput {
  platform?: string;
  customer_id?: number;
  customer?: { name: string; phone?: string; email?: string };
  items: OrderLineInput[];
  discount_fen?: number;
  shipping_fee_fen?: number;
  channel?: string;
  store?: string;
  payment_method: PaymentMethod;
  buyer_remarks?: string;
  receiver?: ReceiverInput;
}

export interface PayInput {
  amount_fen: number;
  method: string;
  reference: string;
}
export interface ShipInput {
  carrier: string;
  tracking_number: string;
}
export interface TrackingInput {
  at: number;
  status: TrackingStatus;
  location: string;
  description: string;
}
/** Body of one action; approve/reject take {note}, cancel {reason}. */
export type ActionBody = { note?: string } | { reason: string } | PayInput | ShipInput | Record<string, never>;

export interface AuditRule {
  rule: string;
  enabled: boolean;
  params: Record<string, number>;
  updated_at?: number;
}

export interface PickListLine {
  product_id: number;
  sku: string;
  name: string;
  quantity: number;
  order_count: number;
}

export type ReportGroup = 'day' | 'week' | 'month';
export type ReportBy = 'none' | 'channel' | 'category' | 'region';
export const REPORT_GROUPS: readonly ReportGroup[] = ['day', 'week', 'month'];
export const REPORT_BYS: readonly ReportBy[] = ['none', 'channel', 'category', 'region'];

export interface SalesRow {
  period: string;
  key: string;
  orders: number;
  items: number;
  sales_fen: number;
  refunds_fen: number;
  average_order_fen: number;
}

export interface SummaryFigures {
  orders: number;
  sales_fen: number;
  average_order_fen: number;
  refunds_fen: number;
}
/** `GET /order-reports/summary`: the range and the previous range of the same length. */
export interface SalesSummary {
  current: SummaryFigures;
  previous: SummaryFigures;
  from?: string;
  to?: string;
}

export interface CustomerOrderTotals {
  orders: number;
  sales_fen: number;
  refunds_fen: number;
  first_order_at: number | null;
  last_order_at: number | null;
}
/** A line of a customer's purchase history; `items` = the number of pieces. */
export interface CustomerOrderRow {
  id: number;
  number: string;
  platform: string;
  channel: string;
  status: OrderStatus;
  total_fen: number;
  paid_fen: number;
  refunded_fen: number;
  items: number;
  placed_at: number;
}
export interface CustomerOrders extends Page<CustomerOrderRow> {
  customer_id: number;
  summary: CustomerOrderTotals;
}

export const orderKeys = {
  all: ['orders'] as const,
  list: ['orders', 'list'] as const,
  auditQueue: ['orders', 'audit-queue'] as const,
  detail: (id: number, reveal = false) => ['orders', 'detail', id, reveal] as const,
  rules: ['order-audit-rules'] as const,
  pickList: (status: string) => ['orders', 'pick-list', status] as const,
  customer: (id: number) => ['orders', 'customer', id] as const,
  sales: ['order-reports', 'sales'] as const,
  summary: ['order-reports', 'summary'] as const,
};

const O = '/api/v1/orders';

export const ordersApi = {
  list: (query: Query, signal?: AbortSignal) => api.get<Page<Order>>(O, { query, signal }),
  auditQueue: (query: Query, signal?: AbortSignal) => api.get<Page<Order>>(`${O}/audit-queue`, { query, signal }),
  /** `reveal` unmasks the receiver's phone and address (customers.view_pii; the view is audited). */
  get: (id: number, reveal = false, signal?: AbortSignal) =>
    api.get<OrderDetail>(`${O}/${id}`, { query: reveal ? { reveal: true } : undefined, signal }),
  create: (body: OrderInput) => api.post<OrderDetail>(O, body),
  /** One state-machine transition; `version` is sent as If-Match so a stale page gets 412. */
  act: (id: number, action: OrderAction, body: ActionBody = {}, version?: number) =>
    api.post<OrderDetail>(`${O}/${id}/${action}`, body, version === undefined ? undefined : { headers: { 'If-Match': `"${version}"` } }),
  addTracking: (id: number, body: TrackingInput) => api.post<Order>(`${O}/${id}/tracking`, body),
  pickList: (query: Query, signal?: AbortSignal) => api.get<{ items: PickListLine[] }>(`${O}/pick-list`, { query, signal }),
  auditRules: (signal?: AbortSignal) => api.get<{ items: AuditRule[] }>('/api/v1/order-audit-rules', { signal }),
  saveAuditRules: (rules: Pick<AuditRule, 'rule' | 'enabled' | 'params'>[]) =>
    api.put<{ items: AuditRule[] }>('/api/v1/order-audit-rules', { rules }),
  customerOrders: (customerId: number, query: Query, signal?: AbortSignal) =>
    api.get<CustomerOrders>(`/api/v1/customers/${customerId}/orders`, { query, signal }),
  /** Report rows; the reply names them `items` (or `rows`), both are accepted. */
  sales: async (query: Query, signal?: AbortSignal): Promise<SalesRow[]> => {
    const reply = await api.get<{ items?: SalesRow[]; rows?: SalesRow[] }>('/api/v1/order-reports/sales', { query, signal });
    return reply.items ?? reply.rows ?? [];
  },
  summary: (query: Query, signal?: AbortSignal) => api.get<SalesSummary>('/api/v1/order-reports/summary', { query, signal }),
};

/** Fields of an order import file (docs/api/orders.md "Import"); the first four are required. */
export const ORDER_IMPORT_FIELDS = [
  'external_id', 'customer_name', 'sku', 'quantity', 'platform', 'status', 'placed_at', 'customer_phone',
  'customer_email', 'unit_price_fen', 'line_discount_fen', 'discount_fen', 'shipping_fee_fen', 'payment_method',
  'channel', 'store', 'buyer_remarks', 'receiver_name', 'receiver_phone', 'receiver_province', 'receiver_city',
  'receiver_district', 'receiver_address',
] as const;
export type OrderImportField = (typeof ORDER_IMPORT_FIELDS)[number];
export const ORDER_IMPORT_REQUIRED: readonly OrderImportField[] = ['external_id', 'customer_name', 'sku', 'quantity'];

export interface OrderImportError {
  row: number;
  column: string;
  code: string;
  message: string;
}

/** An order import: uploaded → queued → running (checking, then writing) → succeeded / failed. */
export interface OrderImport {
  id: number;
  filename: string;
  format: 'csv' | 'xlsx';
  status: 'uploaded' | 'queued' | 'running' | 'succeeded' | 'failed';
  phase: 'checking' | 'writing' | null;
  dry_run: boolean;
  mapping: Record<string, OrderImportField | null>;
  columns: string[];
  preview: string[][];
  suggested_mapping: Record<string, string | null>;
  row_count: number;
  /** Rows done in the current phase. */
  processed: number;
  orders: number;
  created: number;
  skipped: number;
  error_count: number;
  errors: OrderImportError[];
  failure: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

export const orderImportKeys = {
  list: ['order-imports'] as const,
  job: (id: number) => ['order-imports', id] as const,
};

const OI = '/api/v1/order-imports';

export const orderImportsApi = {
  upload: (file: File) => uploadRaw<OrderImport>(OI, file, { filename: file.name }),
  start: (id: number, body: { mapping: Record<string, OrderImportField | null>; dry_run: boolean }) =>
    api.post<OrderImport>(`${OI}/${id}/start`, body),
  get: (id: number, signal?: AbortSignal) => api.get<OrderImport>(`${OI}/${id}`, { signal }),
  list: (query: Query, signal?: AbortSignal) => api.get<Page<OrderImport>>(OI, { query, signal }),
  errors: (id: number) => downloadFile(`${OI}/${id}/errors`, `order-import-${id}-errors.csv`),
};
