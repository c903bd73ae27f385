import { describe, expect, it } from 'vitest';
import type { Permission } from '../../../api/types';
import { buildMatrix, toggleRow } from './permissionMatrix';

const p = (name: string, module: string): Permission => ({ name, module, label_zh: name, label_en: name });

describe('permission matrix', () => {
  const catalogue = [
    p('users.view', 'auth'), p('users.manage', 'auth'), p('roles.view', 'auth'),
    p('customers.view', 'customers'), p('customers.export', 'customers'), p('customers.view_pii', 'customers'),
    p('customers.merge', 'customers'),
  ];

  it('groups by module with resources as rows and only existing cells', () => {
    const m = buildMatrix(catalogue);
    expect(m.actions).toEqual(['view', 'edit', 'delete', 'export', 'view_pii', 'manage', 'merge']);
    expect(m.groups.map((g) => g.module)).toEqual(['auth', 'customers']);
    expect(m.groups[0]?.rows.map((r) => r.resource)).toEqual(['users', 'roles']);
    expect(Object.keys(m.groups[0]?.rows[1]?.cells ?? {})).toEqual(['view']);
    expect(m.groups[1]?.rows[0]?.cells.view_pii?.name).toBe('customers.view_pii');
  });

  it('toggles a whole row', () => {
    const row = buildMatrix(catalogue).groups[0]!.rows[0]!;
    expect(toggleRow(['roles.view'], row, true).sort()).toEqual(['roles.view', 'users.manage', 'users.view']);
    expect(toggleRow(['roles.view', 'users.view'], row, false)).toEqual(['roles.view']);
  });
});
