import dayjs from 'dayjs';

/** UTC milliseconds → local "YYYY-MM-DD HH:mm:ss", or "—". */
export function formatTime(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '—' : dayjs(ms).format('YYYY-MM-DD HH:mm:ss');
}
