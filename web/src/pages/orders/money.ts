/**
 * Money on the console: the API speaks integer fen, people type and read yuan.
 * Arithmetic stays in integers; yuan appear only at the edges (inputs and labels).
 */

const GROUPS = /\B(?=(\d{3})+(?!\d))/g;

/** "¥1,234.56" (2 decimals, thousands grouped); null/undefined become "—". */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '—';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  const yuan = Math.floor(abs / 100).toString().replace(GROUPS, ',');
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}¥${yuan}.${cents}`;
}

/** Fen as a yuan number for an InputNumber (12345 -> 123.45). */
export function fenToYuan(fen: number | null | undefined): number | null {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return null;
  return Math.round(fen) / 100;
}

/**
 * Yuan typed by a person -> integer fen, or null when it is not an amount with at most two
 * decimals ("12.3" -> 1230, 19.99 -> 1999, "1.234" -> null, "abc" -> null).
 */
export function yuanToFen(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    const m = /^\s*(-)?(\d+)(?:\.(\d{0,2}))?\s*$/.exec(value.replace(/[¥,，\s]/g, ''));
    if (!m) return null;
    const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
    return m[1] ? -fen : fen;
  }
  if (!Number.isFinite(value)) return null;
  const scaled = value * 100;
  const fen = Math.round(scaled);
  // Binary floats: 19.99 * 100 = 1998.9999999999998. More than 2 decimals is not money.
  return Math.abs(scaled - fen) < 1e-6 ? fen : null;
}
