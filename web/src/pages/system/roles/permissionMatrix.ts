import type { Permission } from '../../../api/types';

/** Matrix columns, always shown in this order; other actions in the catalogue get columns after them. */
export const MATRIX_ACTIONS = ['view', 'edit', 'delete', 'export', 'view_pii', 'manage'] as const;

export interface MatrixRow {
  resource: string;
  cells: Record<string, Permission>;
}

export interface MatrixGroup {
  module: string;
  rows: MatrixRow[];
}

export interface Matrix {
  actions: string[];
  groups: MatrixGroup[];
}

/** `customers.view_pii` → ['customers', 'view_pii'] */
export function splitPermission(name: string): [string, string] {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? [name, ''] : [name.slice(0, dot), name.slice(dot + 1)];
}

/** Groups the catalogue by module, rows = resources, cells = the permissions that exist. */
export function buildMatrix(catalogue: readonly Permission[]): Matrix {
  const actions: string[] = [...MATRIX_ACTIONS];
  const groups = new Map<string, Map<string, MatrixRow>>();
  for (const p of catalogue) {
    const [resource, action] = splitPermission(p.name);
    if (!actions.includes(action)) actions.push(action);
    const rows = groups.get(p.module) ?? new Map<string, MatrixRow>();
    groups.set(p.module, rows);
    const row = rows.get(resource) ?? { resource, cells: {} };
    rows.set(resource, row);
    row.cells[action] = p;
  }
  return {
    actions,
    groups: [...groups.entries()].map(([module, rows]) => ({ module, rows: [...rows.values()] })),
  };
}

/** Toggle every permission of a row on or off. */
export function toggleRow(value: readonly string[], row: MatrixRow, on: boolean): string[] {
  const names = Object.values(row.cells).map((p) => p.name);
  const rest = value.filter((n) => !names.includes(n));
  return on ? [...rest, ...names] : rest;
}
