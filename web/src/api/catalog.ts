/** Products, categories, warehouses and stock (docs/api/orders.md "Catalog and stock"). Money in fen. */
import { api, type QueryValue } from './client';
import type { Page } from './types';

type Query = Record<string, QueryValue>;

export type ProductStatus = 'active' | 'inactive';
export const PRODUCT_STATUSES: readonly ProductStatus[] = ['active', 'inactive'];
export type MovementKind = 'in' | 'out' | 'reserve' | 'release' | 'adjust';
export const MOVEMENT_KINDS: readonly MovementKind[] = ['in', 'out', 'reserve', 'release', 'adjust'];

export interface ProductCategory {
  id: number;
  name: string;
  description: string;
  sort_order: number;
  product_count?: number;
  created_at: number;
  updated_at: number;
}

export interface Product {
  id: number;
  sku: string;
  name: string;
  category_id: number | null;
  category_name?: string | null;
  price_fen: number;
  cost_fen: number;
  barcode: string;
  status: ProductStatus;
  on_hand: number;
  reserved: number;
  available: number;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface ProductInput {
  sku?: string;
  name?: string;
  category_id?: number | null;
  price_fen?: number;
  cost_fen?: number;
  barcode?: string;
  status?: ProductStatus;
}

export interface Warehouse {
  id: number;
  code: string;
  name: string;
  address: string;
  enabled: boolean;
  is_default: boolean;
}

export interface StockRow {
  product_id: number;
  sku?: string;
  product_name?: string;
  warehouse_id: number;
  warehouse_code?: string;
  on_hand: number;
  reserved: number;
  available: number;
  low_stock_threshold: number;
  updated_at: number;
}

export interface StockMovement {
  id: number;
  product_id: number;
  sku?: string;
  product_name?: string;
  warehouse_id: number;
  warehouse_name?: string;
  kind: MovementKind;
  quantity: number;
  on_hand_after: number;
  reserved_after: number;
  reason: string;
  order_id: number | null;
  after_sale_id: number | null;
  actor_id: number | null;
  actor_name?: string;
  at: number;
}

export interface ReceiveInput {
  warehouse_id: number;
  lines: { product_id: number; quantity: number }[];
  reason: string;
}

export interface AdjustInput {
  warehouse_id: number;
  product_id: number;
  quantity: number;
  reason: string;
}

export const catalogKeys = {
  products: ['products'] as const,
  productList: ['products', 'list'] as const,
  productOptions: (q: string) => ['products', 'options', q] as const,
  categories: ['product-categories'] as const,
  warehouses: ['warehouses'] as const,
  stock: ['stock'] as const,
  stockList: ['stock', 'list'] as const,
  movements: ['stock', 'movements'] as const,
};

const P = '/api/v1/products';
const K = '/api/v1/product-categories';
const W = '/api/v1/warehouses';
const S = '/api/v1/stock';

export const catalogApi = {
  products: (query: Query, signal?: AbortSignal) => api.get<Page<Product>>(P, { query, signal }),
  product: (id: number, signal?: AbortSignal) => api.get<Product>(`${P}/${id}`, { signal }),
  createProduct: (body: ProductInput) => api.post<Product>(P, body),
  updateProduct: (id: number, version: number, body: ProductInput) =>
    api.patch<Product>(`${P}/${id}`, body, { headers: { 'If-Match': `"${version}"` } }),

  categories: (signal?: AbortSignal) => api.get<{ items: ProductCategory[] }>(K, { signal }),
  createCategory: (body: { name: string; description?: string; sort_order?: number }) => api.post<ProductCategory>(K, body),
  updateCategory: (id: number, body: { name?: string; description?: string; sort_order?: number }) =>
    api.patch<ProductCategory>(`${K}/${id}`, body),
  deleteCategory: (id: number) => api.delete<void>(`${K}/${id}`),

  warehouses: (signal?: AbortSignal) => api.get<{ items: Warehouse[] }>(W, { signal }),

  stock: (query: Query, signal?: AbortSignal) => api.get<Page<StockRow>>(S, { query, signal }),
  receive: (body: ReceiveInput) => api.post<{ items?: StockRow[] }>(`${S}/receive`, body),
  adjust: (body: AdjustInput) => api.post<StockRow>(`${S}/adjust`, body),
  movements: (query: Query, signal?: AbortSignal) => api.get<Page<StockMovement>>(`${S}/movements`, { query, signal }),
};
