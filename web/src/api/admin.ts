import { api, type QueryValue } from './client';
import type {
  ApiToken,
  AuditEntry,
  DataScope,
  LoginLogEntry,
  Page,
  Permission,
  Role,
  SettingsReply,
  User,
} from './types';

type Query = Record<string, QueryValue>;

export interface UserInput {
  username?: string;
  display_name?: string;
  password?: string;
  phone?: string;
  email?: string;
  department?: string;
  role_ids?: number[];
  status?: 'active' | 'disabled';
}

export interface RoleInput {
  name?: string;
  label: string;
  data_scope: DataScope;
  permissions: string[];
}

export const adminKeys = {
  users: ['users'] as const,
  roles: ['roles'] as const,
  permissions: ['permissions'] as const,
  tokens: ['api-tokens'] as const,
  settings: ['settings'] as const,
  loginLog: ['login-log'] as const,
  auditLog: ['audit-log'] as const,
};

export const adminApi = {
  listUsers: (query: Query, signal?: AbortSignal) => api.get<Page<User>>('/api/v1/users', { query, signal }),
  createUser: (body: UserInput) => api.post<User>('/api/v1/users', body),
  updateUser: (id: number, body: UserInput) => api.patch<User>(`/api/v1/users/${id}`, body),
  resetUserPassword: (id: number, new_password: string) =>
    api.post<void>(`/api/v1/users/${id}/password`, { new_password }),

  listRoles: (signal?: AbortSignal) => api.get<{ items: Role[] }>('/api/v1/roles', { signal }),
  createRole: (body: RoleInput) => api.post<Role>('/api/v1/roles', body),
  updateRole: (id: number, body: RoleInput) => api.patch<Role>(`/api/v1/roles/${id}`, body),
  deleteRole: (id: number) => api.delete<void>(`/api/v1/roles/${id}`),
  listPermissions: (signal?: AbortSignal) => api.get<{ items: Permission[] }>('/api/v1/permissions', { signal }),

  listTokens: (signal?: AbortSignal) => api.get<{ items: ApiToken[] }>('/api/v1/api-tokens', { signal }),
  createToken: (name: string, permissions: string[]) =>
    api.post<ApiToken & { token: string }>('/api/v1/api-tokens', { name, permissions }),
  revokeToken: (id: number) => api.delete<void>(`/api/v1/api-tokens/${id}`),

  getSettings: (signal?: AbortSignal) => api.get<SettingsReply>('/api/v1/settings', { signal }),
  putSettings: (patch: Record<string, unknown>) => api.put<SettingsReply>('/api/v1/settings', patch),

  loginLog: (query: Query, signal?: AbortSignal) =>
    api.get<Page<LoginLogEntry>>('/api/v1/login-log', { query, signal }),
  auditLog: (query: Query, signal?: AbortSignal) =>
    api.get<Page<AuditEntry>>('/api/v1/audit-log', { query, signal }),
};
