import { IMPORT_FIELDS, type CustomerImport, type ImportField } from '../../../api/customerData';

/** Column → field (null = not imported), the body's `mapping`. */
export type Mapping = Record<string, ImportField | null>;

const KNOWN = new Set<string>(IMPORT_FIELDS);

/** The mapping the wizard starts with: the server's suggestion, unknown suggestions dropped. */
export function initialMapping(job: Pick<CustomerImport, 'columns' | 'suggested_mapping'>): Mapping {
  const out: Mapping = {};
  const taken = new Set<string>();
  for (const column of job.columns) {
    const suggested = job.suggested_mapping?.[column];
    // A field suggested for two columns goes to the first; the user picks for the other.
    if (suggested && KNOWN.has(suggested) && !taken.has(suggested)) {
      out[column] = suggested as ImportField;
      taken.add(suggested);
    } else {
      out[column] = null;
    }
  }
  return out;
}

export interface MappingProblems {
  /** Fields chosen for more than one column. */
  duplicates: ImportField[];
  /** `name` is required for every row. */
  nameMissing: boolean;
  /** match_by's field is not mapped: rows cannot match (refused by the server for `number`). */
  matchFieldMissing: boolean;
  /** match_by = number without a number column (the server refuses it). */
  numberMissing: boolean;
}

/** What the server would refuse with `import.mapping_invalid`, checked before sending. */
export function mappingProblems(mapping: Mapping, matchBy: string): MappingProblems {
  const counts = new Map<ImportField, number>();
  for (const field of Object.values(mapping)) if (field) counts.set(field, (counts.get(field) ?? 0) + 1);
  return {
    duplicates: [...counts].filter(([, n]) => n > 1).map(([f]) => f),
    nameMissing: !counts.has('name'),
    matchFieldMissing: matchBy !== 'none' && !counts.has(matchBy as ImportField),
    numberMissing: matchBy === 'number' && !counts.has('number'),
  };
}

export function mappingOk(p: MappingProblems): boolean {
  return p.duplicates.length === 0 && !p.nameMissing && !p.numberMissing;
}

/** The first non-empty preview values of each column (samples shown next to the select). */
export function columnSamples(columns: string[], preview: string[][] | undefined, max = 3): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  columns.forEach((column, i) => {
    out[column] = (preview ?? [])
      .map((row) => (row[i] ?? '').trim())
      .filter((v) => v !== '')
      .slice(0, max);
  });
  return out;
}

/** A finished job (nothing more to poll). */
export const isFinished = (status: string) => status === 'succeeded' || status === 'failed';
