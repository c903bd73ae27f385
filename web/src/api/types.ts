/** Shapes of the staff-accounts API (docs/api/staff-accounts.md). Times are UTC milliseconds. */

export interface RoleRef {
  id: number;
  name: string;
  label: string;
}

export type DataScope = 'own' | 'department' | 'all';

export interface User {
  id: number;
  username: string;
  display_name: string;
  phone: string | null;
  email: string | null;
  department: string | null;
  status: 'active' | 'disabled';
  roles: RoleRef[];
  permissions: string[];
  data_scope: DataScope;
  totp_enabled: boolean;
  created_at: number;
  updated_at: number;
  last_login_at: number | null;
}

export interface SessionReply {
  user: User;
  csrf_token: string;
}

export interface Captcha {
  id: string;
  image: string;
}

export interface PasswordPolicy {
  min_length: number;
  classes: number;
  class_names: string[];
  forbid_username: boolean;
  forbid_common: boolean;
}

/** Keyset-paginated list. */
export interface Page<T> {
  items: T[];
  total: number;
  next_after: number | string | null;
}

export interface Role {
  id: number;
  name: string;
  label: string;
  builtin: boolean;
  data_scope: DataScope;
  permissions: string[];
  user_count: number;
}

export interface Permission {
  name: string;
  label_zh: string;
  label_en: string;
  module: string;
}

export interface ApiToken {
  id: number;
  name: string;
  prefix: string;
  permissions: string[];
  created_at: number;
  created_by: string | number | null;
  last_used_at: number | null;
  revoked_at: number | null;
  token?: string;
}

export interface LoginLogEntry {
  id: number;
  at: number;
  username: string;
  user_id: number | null;
  ip: string;
  user_agent: string;
  result: string;
}

export interface AuditEntry {
  id: number;
  at: number;
  actor_id: number | null;
  actor_name: string;
  action: string;
  target_type: string;
  target_id: string | null;
  changes: Record<string, { from?: unknown; to?: unknown }> | null;
  ip: string;
  request_id: string;
}

export type SettingSchema =
  | { type: 'int'; min: number; max: number }
  | { type: 'enum'; enum: string[] }
  | { type: 'roles' }
  | { type: 'time_zone' }
  | { type: string; min?: number; max?: number; enum?: string[] };

export interface SettingsReply {
  values: Record<string, unknown>;
  defaults: Record<string, unknown>;
  schema: Record<string, SettingSchema>;
}
