/** Customers API (docs/api/customers.md). Times are UTC milliseconds. */
import { api, request, type QueryValue } from './client';
import type { Page } from './types';

type Query = Record<string, QueryValue>;

export type Gender = 'male' | 'female' | 'unknown';
export type Stage = 'potential' | 'transacted' | 'member';
export const GENDERS: readonly Gender[] = ['male', 'female', 'unknown'];
export const STAGES: readonly Stage[] = ['potential', 'transacted', 'member'];
export type ConsentChannel = 'sms' | 'email' | 'phone';
export const CONSENT_CHANNELS: readonly ConsentChannel[] = ['sms', 'email', 'phone'];
export const CUSTOMER_SORTS = ['-created_at', 'created_at', 'name', '-updated_at'] as const;
export const CATEGORY_SORTS = ['name', '-created_at', 'customer_count'] as const;

export interface Address {
  province: string;
  city: string;
  district: string;
  detail: string;
}

export interface CategoryRef {
  id: number;
  name: string;
}

export interface Customer {
  id: number;
  number: string;
  name: string;
  gender: Gender;
  birthday: string | null;
  phone: string | null;
  email: string | null;
  address: Address;
  id_number: string | null;
  source_channel: string;
  stage: Stage;
  owner_id: number | null;
  owner_name: string;
  categories: CategoryRef[];
  tags: string[];
  hobbies: string;
  notes: string;
  consent: Record<ConsentChannel, boolean>;
  created_at: number;
  created_by: number | null;
  updated_at: number;
  updated_by: number | null;
  version: number;
  masked: boolean;
  /** Set once the customer was anonymised (privacy). */
  anonymised_at?: number | null;
}

/** Fields accepted by create (all) and PATCH (any subset). */
export interface CustomerInput {
  name?: string;
  gender?: Gender;
  birthday?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: Partial<Address>;
  source_channel?: string;
  stage?: Stage;
  hobbies?: string;
  notes?: string;
  consent?: Record<ConsentChannel, boolean>;
  /** Why the consent changed (≤ 200 chars), kept in the consent history; PATCH only. */
  consent_note?: string;
  tags?: string[];
}

export interface DeletedCustomer extends Customer {
  deleted_at: number;
  deleted_by: number | string | null;
}

export interface HistoryEntry {
  at: number;
  actor_id: number | null;
  actor_name: string;
  action: string;
  changes: Record<string, { from?: unknown; to?: unknown }> | null;
}

export interface Category {
  id: number;
  name: string;
  description: string;
  customer_count: number;
  created_at: number;
  updated_at: number;
}

export interface CategoryInput {
  name: string;
  description: string;
}

/** `If-Match` value for a loaded version (the ETag is `"<version>"`). */
export const ifMatch = (version: number): Record<string, string> => ({ 'If-Match': `"${version}"` });

export const customerKeys = {
  all: ['customers'] as const,
  list: ['customers', 'list'] as const,
  detail: (id: number, reveal: boolean) => ['customers', 'detail', id, reveal] as const,
  history: (id: number) => ['customers', 'history', id] as const,
  recycleBin: ['customers', 'recycle-bin'] as const,
  categories: ['customer-categories'] as const,
  categoryList: ['customer-categories', 'list'] as const,
  categoryOptions: ['customer-categories', 'options'] as const,
  category: (id: number) => ['customer-categories', 'detail', id] as const,
  categoryCustomers: (id: number) => ['customer-categories', 'customers', id] as const,
};

const C = '/api/v1/customers';
const K = '/api/v1/customer-categories';

export const customersApi = {
  list: (query: Query, signal?: AbortSignal) => api.get<Page<Customer>>(C, { query, signal }),
  get: (id: number, reveal = false, signal?: AbortSignal) =>
    api.get<Customer>(`${C}/${id}`, { query: reveal ? { reveal: true } : undefined, signal }),
  create: (body: CustomerInput) => api.post<Customer>(C, body),
  update: (id: number, version: number, body: CustomerInput) =>
    api.patch<Customer>(`${C}/${id}`, body, { headers: ifMatch(version) }),
  remove: (id: number) => api.delete<void>(`${C}/${id}`),
  recycleBin: (query: Query, signal?: AbortSignal) => api.get<Page<DeletedCustomer>>(`${C}/recycle-bin`, { query, signal }),
  restore: (id: number) => api.post<Customer>(`${C}/${id}/restore`),
  erase: (id: number, confirm: string) => request<void>(`${C}/${id}/erase`, { method: 'DELETE', body: { confirm } }),
  history: (id: number, signal?: AbortSignal) => api.get<{ items: HistoryEntry[] }>(`${C}/${id}/history`, { signal }),
  setTags: (id: number, tags: string[]) => api.put<Customer>(`${C}/${id}/tags`, { tags }),
  bulkTags: (customer_ids: number[], add: string[], remove: string[]) =>
    api.post<{ updated: number }>(`${C}/bulk-tags`, { customer_ids, add, remove }),

  listCategories: (query: Query, signal?: AbortSignal) => api.get<Page<Category>>(K, { query, signal }),
  getCategory: (id: number, signal?: AbortSignal) => api.get<Category>(`${K}/${id}`, { signal }),
  createCategory: (body: CategoryInput) => api.post<Category>(K, body),
  updateCategory: (id: number, body: CategoryInput) => api.patch<Category>(`${K}/${id}`, body),
  deleteCategory: (id: number) => api.delete<void>(`${K}/${id}`),
  categoryCustomers: (id: number, query: Query, signal?: AbortSignal) =>
    api.get<Page<Customer>>(`${K}/${id}/customers`, { query, signal }),
  addMembers: (id: number, customer_ids: number[]) => api.post<{ added: number }>(`${K}/${id}/members`, { customer_ids }),
  removeMembers: (id: number, customer_ids: number[]) =>
    request<{ removed: number }>(`${K}/${id}/members`, { method: 'DELETE', body: { customer_ids } }),
};
