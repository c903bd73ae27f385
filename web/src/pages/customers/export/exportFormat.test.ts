import { describe, expect, it } from 'vitest';
import { defaultExportFormat, exportFilters } from './exportFormat';

describe('export options', () => {
  it('takes the default format from the settings when valid', () => {
    expect(defaultExportFormat({ default_export_format: 'csv' })).toBe('csv');
    expect(defaultExportFormat({ default_export_format: 'pdf' })).toBe('xlsx');
    expect(defaultExportFormat(undefined)).toBe('xlsx');
  });

  it('sends id filters as integers and drops invalid ones', () => {
    expect(exportFilters({ q: '李', category_id: '3', owner_id: 'x', created_from: '2026-01-01' })).toEqual({ q: '李', category_id: 3, created_from: '2026-01-01' });
  });
});
