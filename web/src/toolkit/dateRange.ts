import dayjs, { type Dayjs } from 'dayjs';

const DAY = 'YYYY-MM-DD';

/** A picked date range as the API's `from`/`to` ISO dates (`to` includes that day). */
export function rangeToParams(range: readonly [Dayjs | null, Dayjs | null] | null | undefined): {
  from: string | undefined;
  to: string | undefined;
} {
  return { from: range?.[0]?.format(DAY) ?? undefined, to: range?.[1]?.format(DAY) ?? undefined };
}

function parseDay(value: string | undefined): Dayjs | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const d = dayjs(value);
  return d.isValid() && d.format(DAY) === value ? d : null;
}

/** URL `from`/`to` back into a picker value; invalid dates are ignored. */
export function paramsToRange(from: string | undefined, to: string | undefined): [Dayjs, Dayjs] | null {
  const a = parseDay(from);
  const b = parseDay(to);
  return a && b ? [a, b] : null;
}
