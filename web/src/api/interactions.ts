/** Communications and their channels (docs/api/customers.md "Communications", "Channels"). */
import { api, type QueryValue } from './client';
import type { Page } from './types';

type Query = Record<string, QueryValue>;

export type ChannelKind = 'phone' | 'online' | 'email' | 'in_person' | 'written' | 'other';
export const CHANNEL_KINDS: readonly ChannelKind[] = ['phone', 'online', 'email', 'in_person', 'written', 'other'];

export interface Channel {
  id: number;
  name: string;
  kind: ChannelKind;
  enabled: boolean;
}

export interface Interaction {
  id: number;
  customer_id: number;
  customer_name: string;
  customer_number: string;
  at: number;
  channel_id: number;
  channel_name: string;
  subject: string;
  content: string;
  outcome: string;
  staff_id: number | null;
  staff_name: string;
  follow_up_on: string | null;
  created_at: number;
  updated_at: number;
}

export interface InteractionInput {
  customer_id?: number;
  at?: number;
  channel_id?: number;
  subject?: string;
  content?: string;
  outcome?: string;
  follow_up_on?: string | null;
}

export interface ChannelInput {
  name?: string;
  kind?: ChannelKind;
  enabled?: boolean;
}

export const interactionKeys = {
  all: ['interactions'] as const,
  list: ['interactions', 'list'] as const,
  channels: ['interaction-channels'] as const,
};

const I = '/api/v1/interactions';
const CH = '/api/v1/interaction-channels';

export const interactionsApi = {
  list: (query: Query, signal?: AbortSignal) => api.get<Page<Interaction>>(I, { query, signal }),
  get: (id: number, signal?: AbortSignal) => api.get<Interaction>(`${I}/${id}`, { signal }),
  create: (body: InteractionInput) => api.post<Interaction>(I, body),
  update: (id: number, body: InteractionInput) => api.patch<Interaction>(`${I}/${id}`, body),
  remove: (id: number) => api.delete<void>(`${I}/${id}`),
  channels: (signal?: AbortSignal) => api.get<{ items: Channel[] }>(CH, { signal }),
  createChannel: (body: ChannelInput) => api.post<Channel>(CH, body),
  updateChannel: (id: number, body: ChannelInput) => api.patch<Channel>(`${CH}/${id}`, body),
};
