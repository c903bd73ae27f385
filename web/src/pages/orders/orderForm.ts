/** The manual-order form: its values, the request body they make and API field paths. */
import type { OrderInput, PaymentMethod } from '../../api/orders';
import { yuanToFen } from './money';

export interface OrderLineValues {
  sku?: string;
  quantity?: number;
  /** Yuan; empty = the product's list price. */
  unit_price?: number | null;
}

export interface OrderFormValues {
  customer_mode: 'existing' | 'new';
  customer_id?: number;
  customer?: { name?: string; phone?: string; email?: string };
  items: OrderLineValues[];
  payment_method: PaymentMethod;
  platform?: string;
  channel?: string;
  store?: string;
  discount?: number | null;
  shipping_fee?: number | null;
  buyer_remarks?: string;
  receiver?: { name?: string; phone?: string; province?: string; city?: string; district?: string; address?: string };
}

export const emptyOrder = (): OrderFormValues => ({
  customer_mode: 'existing',
  items: [{ quantity: 1 }],
  payment_method: 'online',
  platform: 'manual',
});

const trim = (v: string | undefined): string => (v ?? '').trim();

/** The `POST /api/v1/orders` body; amounts in yuan become fen, blank optional parts are left out. */
export function toOrderBody(v: OrderFormValues): OrderInput {
  const body: OrderInput = {
    platform: trim(v.platform) || 'manual',
    payment_method: v.payment_method,
    items: v.items.map((line) => ({
      sku: trim(line.sku),
      quantity: line.quantity ?? 0,
      ...(line.unit_price !== null && line.unit_price !== undefined ? { unit_price_fen: yuanToFen(line.unit_price) ?? 0 } : {}),
    })),
  };
  if (v.customer_mode === 'existing' && v.customer_id) body.customer_id = v.customer_id;
  else {
    const phone = trim(v.customer?.phone);
    const email = trim(v.customer?.email);
    body.customer = { name: trim(v.customer?.name), ...(phone ? { phone } : {}), ...(email ? { email } : {}) };
  }
  const fen = (yuan: number | null | undefined) => (yuan === null || yuan === undefined ? undefined : yuanToFen(yuan) ?? undefined);
  const discount = fen(v.discount);
  const shipping = fen(v.shipping_fee);
  if (discount) body.discount_fen = discount;
  if (shipping) body.shipping_fee_fen = shipping;
  if (trim(v.channel)) body.channel = trim(v.channel);
  if (trim(v.store)) body.store = trim(v.store);
  if (trim(v.buyer_remarks)) body.buyer_remarks = trim(v.buyer_remarks);
  const r = v.receiver ?? {};
  const receiver = { name: trim(r.name), phone: trim(r.phone), province: trim(r.province), city: trim(r.city), district: trim(r.district), address: trim(r.address) };
  if (Object.values(receiver).some((x) => x !== '')) body.receiver = receiver;
  return body;
}

/**
 * An API error field ("items[2].unit_price_fen", "customer.phone", "shipping_fee_fen") as the
 * form's name path (['items', 2, 'unit_price'], ['customer', 'phone'], ['shipping_fee']).
 */
export function apiFieldToPath(field: string): (string | number)[] {
  const path: (string | number)[] = [];
  for (const part of field.split('.')) {
    const m = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
    if (!m) return [field];
    path.push(m[1]!.replace(/_fen$/, ''));
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) path.push(Number(idx[1]));
  }
  return path;
}
