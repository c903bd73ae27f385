/**
 * Keyset pager state. The API hands out `next_after` for the following page; going back needs
 * the cursors of the pages already seen, kept on a stack.
 */
export type Cursor = string | number;

export interface CursorState {
  /** Cursors (`after`) of the previous pages; null = the first page. */
  stack: (Cursor | null)[];
  /** `after` of the page shown; null = first page. */
  current: Cursor | null;
}

export type CursorAction = { type: 'next'; after: Cursor } | { type: 'prev' } | { type: 'reset' };

export const initialCursorState: CursorState = { stack: [], current: null };

export function cursorReducer(state: CursorState, action: CursorAction): CursorState {
  switch (action.type) {
    case 'next':
      return { stack: [...state.stack, state.current], current: action.after };
    case 'prev': {
      if (state.stack.length === 0) return state;
      const stack = state.stack.slice(0, -1);
      return { stack, current: state.stack[state.stack.length - 1] ?? null };
    }
    case 'reset':
      return initialCursorState;
  }
}

/** 1-based number of the page shown. */
export function pageNumber(state: CursorState): number {
  return state.stack.length + 1;
}
