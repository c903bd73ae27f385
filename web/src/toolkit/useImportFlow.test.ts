import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useImportFlow } from './useImportFlow';

describe('useImportFlow', () => {
  it('maps the upload, starts it once and uploads the file again for a second run', async () => {
    let nextId = 1;
    const upload = vi.fn(async (f: File) => ({ id: nextId++, name: f.name }));
    const start = vi.fn(async () => undefined);
    const { result } = renderHook(() =>
      useImportFlow<{ id: number; name: string }, Record<string, string>>({
        upload,
        initialMapping: (u) => ({ 名称: u.name }),
        start,
      }),
    );
    const file = new File(['a,b\n1,2\n'], 'people.csv');
    await act(() => result.current.receive(file));
    expect(result.current.step).toBe(1);
    expect(result.current.mapping).toEqual({ 名称: 'people.csv' });

    await act(() => result.current.start(true));
    expect(start).toHaveBeenLastCalledWith(1, { 名称: 'people.csv' }, true);
    expect(result.current.runId).toBe(1);
    expect(result.current.step).toBe(2);

    await act(() => result.current.start(false));
    expect(upload).toHaveBeenCalledTimes(2);
    expect(start).toHaveBeenLastCalledWith(2, { 名称: 'people.csv' }, false);
    expect(result.current.runId).toBe(2);
  });

  it('stays on the mapping step with the error when starting fails', async () => {
    const { result } = renderHook(() =>
      useImportFlow<{ id: number }, Record<string, string>>({
        upload: async () => ({ id: 7 }),
        initialMapping: () => ({}),
        start: async () => {
          throw new Error('boom');
        },
      }),
    );
    await act(() => result.current.receive(new File(['x'], 'x.csv')));
    await act(() => result.current.start(false));
    expect(result.current.step).toBe(1);
    expect(result.current.error).toBeTruthy();
    expect(result.current.runId).toBeNull();
  });
});
