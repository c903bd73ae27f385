/**
 * The customer routes of issue 5 beyond the record itself (docs/api/customers.md): timeline,
 * consents, privacy, import, export, duplicates and merges.
 */
import { api, type QueryValue } from './client';
import type { ConsentChannel, Customer } from './customers';
import { downloadFile, uploadRaw } from './files';
import type { Page } from './types';

type Query = Record<string, QueryValue>;

export type TimelineKind = 'interaction' | 'change' | 'merge' | 'order' | 'after_sale';
export interface TimelineItem {
  at: number;
  kind: TimelineKind;
  title: string;
  detail: string;
  actor_name: string;
  ref_id: number | null;
}
export interface TimelinePage {
  items: TimelineItem[];
  next_before: number | null;
}

export interface ConsentChange {
  channel: ConsentChannel;
  granted: boolean;
  at: number;
  actor_id: number | null;
  actor_name: string;
  source: 'api' | 'import' | 'merge' | 'anonymise';
  note: string;
}
export interface Consents {
  current: Record<ConsentChannel, boolean>;
  history: ConsentChange[];
}

export const IMPORT_FIELDS = [
  'number', 'name', 'gender', 'birthday', 'phone', 'email', 'id_number', 'province', 'city', 'district',
  'address_detail', 'source_channel', 'stage', 'hobbies', 'notes', 'tags', 'categories',
  'consent_sms', 'consent_email', 'consent_phone',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export type MatchBy = 'phone' | 'email' | 'number' | 'none';
export const MATCH_BY: readonly MatchBy[] = ['phone', 'email', 'number', 'none'];
export type ImportStatus = 'uploaded' | 'queued' | 'running' | 'succeeded' | 'failed';

export interface ImportError {
  row: number;
  column: string;
  field: string;
  code: string;
  message: string;
}

export interface CustomerImport {
  id: number;
  filename: string;
  format: 'csv' | 'xlsx';
  status: ImportStatus;
  dry_run: boolean;
  match_by: MatchBy;
  mapping: Record<string, string | null> | null;
  columns: string[];
  preview?: string[][];
  suggested_mapping?: Record<string, string>;
  row_count: number;
  processed: number;
  created: number;
  updated: number;
  error_count: number;
  errors: ImportError[];
  /** Why a job failed as a whole (e.g. the file became unreadable), beside the row errors. */
  failure?: string | null;
  created_at: number;
  created_by: number | null;
  started_at: number | null;
  finished_at: number | null;
}

export interface ImportStart {
  mapping: Record<string, string | null>;
  match_by: MatchBy;
  dry_run: boolean;
}

export type ExportFormat = 'csv' | 'xlsx';
export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';
export interface CustomerExport {
  id: number;
  format: ExportFormat;
  status: JobStatus;
  unmask: boolean;
  total: number;
  processed: number;
  filename: string | null;
  created_at: number;
  finished_at: number | null;
  error: string | null;
}

export interface DuplicatePair {
  id: number;
  reason: 'same_id_number' | 'same_name_birthday' | 'same_name_address' | 'similar_name_address';
  status: 'open' | 'merged' | 'dismissed';
  found_at: number;
  customers: [Customer, Customer];
}

export interface Merge {
  id: number;
  survivor_id: number;
  merged_id: number;
  survivor_number: string;
  merged_number: string;
  merged_at: number;
  merged_by: number | null;
  undone_at: number | null;
  moved: Record<string, number>;
}

export const customerDataKeys = {
  timeline: (id: number) => ['customers', 'timeline', id] as const,
  consents: (id: number) => ['customers', 'consents', id] as const,
  imports: ['customer-imports'] as const,
  importJob: (id: number) => ['customer-imports', id] as const,
  exportJob: (id: number) => ['customer-exports', id] as const,
  duplicates: ['customer-duplicates'] as const,
  merges: ['customer-merges'] as const,
};

const C = '/api/v1/customers';
const IMP = '/api/v1/customer-imports';
const EXP = '/api/v1/customer-exports';
const DUP = '/api/v1/customer-duplicates';
const MRG = '/api/v1/customer-merges';

export const customerDataApi = {
  timeline: (id: number, before: number | null, limit = 20, signal?: AbortSignal) =>
    api.get<TimelinePage>(`${C}/${id}/timeline`, { query: { limit, before: before ?? undefined }, signal }),
  consents: (id: number, signal?: AbortSignal) => api.get<Consents>(`${C}/${id}/consents`, { signal }),
  privacyExport: (id: number, number: string) => downloadFile(`${C}/${id}/privacy-export`, `privacy-${number}.zip`),
  anonymise: (id: number, confirm: string) => api.post<Customer>(`${C}/${id}/anonymise`, { confirm }),

  upload: (file: File) => uploadRaw<CustomerImport>(IMP, file, { filename: file.name }),
  startImport: (id: number, body: ImportStart) => api.post<CustomerImport>(`${IMP}/${id}/start`, body),
  getImport: (id: number, signal?: AbortSignal) => api.get<CustomerImport>(`${IMP}/${id}`, { signal }),
  listImports: (query: Query, signal?: AbortSignal) => api.get<Page<CustomerImport>>(IMP, { query, signal }),
  importErrors: (id: number) => downloadFile(`${IMP}/${id}/errors`, `import-${id}-errors.csv`),

  startExport: (body: { format: ExportFormat; filters: Record<string, string | number>; unmask: boolean }) =>
    api.post<CustomerExport>(EXP, body),
  getExport: (id: number, signal?: AbortSignal) => api.get<CustomerExport>(`${EXP}/${id}`, { signal }),
  exportFile: (job: CustomerExport) => downloadFile(`${EXP}/${job.id}/file`, job.filename ?? `customers.${job.format}`),

  scanDuplicates: () => api.post<{ job_id: number | string }>(`${DUP}/scan`, {}),
  duplicates: (query: Query, signal?: AbortSignal) => api.get<Page<DuplicatePair>>(DUP, { query, signal }),
  dismiss: (id: number) => api.post<void>(`${DUP}/${id}/dismiss`, {}),
  merge: (survivor_id: number, merged_id: number) => api.post<Merge>(MRG, { survivor_id, merged_id }),
  merges: (query: Query, signal?: AbortSignal) => api.get<Page<Merge>>(MRG, { query, signal }),
  undoMerge: (id: number) => api.post<Merge>(`${MRG}/${id}/undo`, {}),
};
