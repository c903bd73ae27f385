import type { ExportFormat } from '../../../api/customerData';

/** The settings' `default_export_format` when readable and valid, else xlsx. */
export function defaultExportFormat(values: Record<string, unknown> | undefined): ExportFormat {
  const v = values?.default_export_format;
  return v === 'csv' || v === 'xlsx' ? v : 'xlsx';
}

const ID_FILTERS = new Set(['category_id', 'owner_id']);

/** The list's URL filters as the export body's `filters` (ids are integers there, not text). */
export function exportFilters(filters: Record<string, string>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (ID_FILTERS.has(key)) {
      const id = Number(value);
      if (Number.isInteger(id) && id > 0) out[key] = id;
    } else {
      out[key] = value;
    }
  }
  return out;
}
