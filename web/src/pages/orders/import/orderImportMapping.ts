import { ORDER_IMPORT_FIELDS, ORDER_IMPORT_REQUIRED, type OrderImport, type OrderImportField } from '../../../api/orders';

/** Column → field (null = not imported), the start body's `mapping`. */
export type OrderMapping = Record<string, OrderImportField | null>;

const KNOWN = new Set<string>(ORDER_IMPORT_FIELDS);

/** The server's suggestion, unknown fields dropped and each field kept for its first column. */
export function initialOrderMapping(job: Pick<OrderImport, 'columns' | 'suggested_mapping'>): OrderMapping {
  const out: OrderMapping = {};
  const taken = new Set<string>();
  for (const column of job.columns) {
    const suggested = job.suggested_mapping?.[column];
    if (suggested && KNOWN.has(suggested) && !taken.has(suggested)) {
      out[column] = suggested as OrderImportField;
      taken.add(suggested);
    } else {
      out[column] = null;
    }
  }
  return out;
}

export interface OrderMappingProblems {
  /** Fields chosen for more than one column. */
  duplicates: OrderImportField[];
  /** Required fields no column is mapped to. */
  missing: OrderImportField[];
}

/** What the server would refuse with `import.mapping_invalid`, checked before sending. */
export function orderMappingProblems(mapping: OrderMapping): OrderMappingProblems {
  const counts = new Map<OrderImportField, number>();
  for (const field of Object.values(mapping)) if (field) counts.set(field, (counts.get(field) ?? 0) + 1);
  return {
    duplicates: [...counts].filter(([, n]) => n > 1).map(([f]) => f),
    missing: ORDER_IMPORT_REQUIRED.filter((f) => !counts.has(f)),
  };
}

/** Percent done: the check reads every row, then the write reads them again. */
export function orderImportPercent(job: Pick<OrderImport, 'phase' | 'processed' | 'row_count' | 'status'>): number {
  if (job.status === 'succeeded') return 100;
  if (job.row_count <= 0 || !job.phase) return 0;
  const half = Math.min(1, job.processed / job.row_count) * 50;
  return Math.floor(job.phase === 'writing' ? 50 + half : half);
}
