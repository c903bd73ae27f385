/** The product drawer's values (prices in yuan) and the request body (fen). */
import type { Product, ProductInput, ProductStatus } from '../../../api/catalog';
import { fenToYuan, yuanToFen } from '../money';

export interface ProductFormValues {
  sku: string;
  name: string;
  category_id?: number | null;
  price?: number | null;
  cost?: number | null;
  barcode?: string;
  status: ProductStatus;
}

export const emptyProduct = (): ProductFormValues => ({ sku: '', name: '', category_id: null, price: null, cost: null, barcode: '', status: 'active' });

export function toProductValues(p: Product): ProductFormValues {
  return { sku: p.sku, name: p.name, category_id: p.category_id, price: fenToYuan(p.price_fen), cost: fenToYuan(p.cost_fen), barcode: p.barcode, status: p.status };
}

/** Full body for create; for an edit only the fields that changed (PATCH). */
export function toProductBody(v: ProductFormValues, before?: Product): ProductInput {
  const body: ProductInput = {
    sku: v.sku.trim(),
    name: v.name.trim(),
    category_id: v.category_id ?? null,
    price_fen: yuanToFen(v.price ?? 0) ?? 0,
    cost_fen: yuanToFen(v.cost ?? 0) ?? 0,
    barcode: (v.barcode ?? '').trim(),
    status: v.status,
  };
  if (!before) return body;
  const changed: ProductInput = {};
  for (const key of Object.keys(body) as (keyof ProductInput)[]) {
    if (body[key] !== before[key]) (changed as Record<string, unknown>)[key] = body[key];
  }
  return changed;
}
