import { describe, expect, it } from 'vitest';
import { cursorReducer, initialCursorState, pageNumber } from './cursorStack';

describe('cursor stack pager', () => {
  it('walks forward and back through keyset pages', () => {
    let s = initialCursorState;
    expect(pageNumber(s)).toBe(1);
    s = cursorReducer(s, { type: 'next', after: 100 });
    s = cursorReducer(s, { type: 'next', after: 80 });
    expect(s).toEqual({ stack: [null, 100], current: 80 });
    expect(pageNumber(s)).toBe(3);
    s = cursorReducer(s, { type: 'prev' });
    expect(s.current).toBe(100);
    expect(pageNumber(s)).toBe(2);
    s = cursorReducer(s, { type: 'prev' });
    expect(s).toEqual(initialCursorState);
  });

  it('ignores prev on the first page and resets to the first page', () => {
    expect(cursorReducer(initialCursorState, { type: 'prev' })).toBe(initialCursorState);
    const s = cursorReducer(cursorReducer(initialCursorState, { type: 'next', after: 'x' }), { type: 'reset' });
    expect(s).toEqual(initialCursorState);
  });
});
