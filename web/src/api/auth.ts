import { api } from './client';
import type { Captcha, PasswordPolicy, SessionReply } from './types';

export interface LoginRequest {
  username: string;
  password: string;
  captcha_id: string;
  captcha: string;
  totp?: string;
}

export const authKeys = {
  me: ['auth', 'me'] as const,
  policy: ['auth', 'password-policy'] as const,
};

export const authApi = {
  me: (signal?: AbortSignal) => api.get<SessionReply>('/api/v1/auth/me', { signal }),
  captcha: () => api.get<Captcha>('/api/v1/auth/captcha'),
  login: (body: LoginRequest) => api.post<SessionReply>('/api/v1/auth/login', body),
  logout: () => api.post<void>('/api/v1/auth/logout'),
  changePassword: (current_password: string, new_password: string) =>
    api.post<void>('/api/v1/auth/password', { current_password, new_password }),
  passwordPolicy: (signal?: AbortSignal) => api.get<PasswordPolicy>('/api/v1/auth/password-policy', { signal }),
  recoveryRequest: (identifier: string, captcha_id: string, captcha: string) =>
    api.post<{ status: string }>('/api/v1/auth/recovery/request', { identifier, captcha_id, captcha }),
  recoveryConfirm: (identifier: string, code: string, new_password: string) =>
    api.post<void>('/api/v1/auth/recovery/confirm', { identifier, code, new_password }),
};
