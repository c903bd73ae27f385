import { api } from './client';

export interface HealthReply {
  status: string;
}

export interface ReadyReply {
  status: string;
  database?: string;
}

export interface VersionReply {
  name: string;
  version: string;
}

export const systemKeys = {
  health: ['system', 'healthz'] as const,
  ready: ['system', 'readyz'] as const,
  version: ['system', 'version'] as const,
};

export const fetchHealth = (signal?: AbortSignal) => api.get<HealthReply>('/healthz', { signal });
export const fetchReady = (signal?: AbortSignal) => api.get<ReadyReply>('/readyz', { signal });
export const fetchVersion = (signal?: AbortSignal) => api.get<VersionReply>('/api/v1/version', { signal });
