/** Settings keys grouped for the form; keys the server adds later land in "other". */
export const SETTINGS_GROUPS: { key: string; keys: string[] }[] = [
  { key: 'data', keys: ['data_cache_minutes', 'data_sync_minutes', 'default_export_format', 'export_roles'] },
  {
    key: 'security',
    keys: [
      'lockout_threshold',
      'lockout_minutes',
      'ip_lockout_threshold',
      'session_idle_minutes',
      'session_absolute_hours',
      'password_min_length',
      'password_classes',
    ],
  },
  {
    key: 'business',
    keys: [
      'sla_first_response_hours',
      'sla_resolution_hours',
      'churn_threshold_days',
      'points_per_yuan',
      'orders.receipt_reminder_days',
      'time_zone',
    ],
  },
];

export function groupSettings(schemaKeys: string[]): { key: string; keys: string[] }[] {
  const known = new Set(SETTINGS_GROUPS.flatMap((g) => g.keys));
  const groups = SETTINGS_GROUPS.map((g) => ({ key: g.key, keys: g.keys.filter((k) => schemaKeys.includes(k)) }));
  const other = schemaKeys.filter((k) => !known.has(k));
  if (other.length) groups.push({ key: 'other', keys: other });
  return groups.filter((g) => g.keys.length > 0);
}

/** Only the keys whose value differs from what the server has. */
export function changedSettings(current: Record<string, unknown>, edited: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(edited)) {
    if (v === undefined) continue;
    if (JSON.stringify(v) !== JSON.stringify(current[k])) out[k] = v;
  }
  return out;
}
