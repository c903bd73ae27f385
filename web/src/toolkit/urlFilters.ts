/** Filters live in the URL's search params so reload and back/forward keep them. */
export type Filters = Record<string, string>;

/** The filter values among `keys` present in `params` (empty values are dropped). */
export function readFilters(params: URLSearchParams, keys: readonly string[]): Filters {
  const out: Filters = {};
  for (const key of keys) {
    const value = params.get(key);
    if (value !== null && value !== '') out[key] = value;
  }
  return out;
}

/**
 * A copy of `params` with `patch` applied: empty/undefined/null values remove the key, other
 * keys are kept untouched.
 */
export function writeFilters(
  params: URLSearchParams,
  patch: Record<string, string | number | null | undefined>,
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || value === null || value === '') next.delete(key);
    else next.set(key, String(value));
  }
  return next;
}

/** A stable string for a filter set (used to reset the pager when filters change). */
export function filtersKey(filters: Filters): string {
  return Object.keys(filters)
    .sort()
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(filters[k] ?? '')}`)
    .join('&');
}
