import dayjs, { type Dayjs } from 'dayjs';
import type { Interaction, InteractionInput } from '../../api/interactions';

/** Form values of the communication drawer. */
export interface InteractionFormValues {
  customer_id?: number;
  at: Dayjs;
  channel_id?: number;
  subject: string;
  content: string;
  outcome: string;
  follow_up_on?: Dayjs | null;
}

export function emptyInteraction(customerId?: number): InteractionFormValues {
  return { customer_id: customerId, at: dayjs(), subject: '', content: '', outcome: '', follow_up_on: null };
}

export function toInteractionValues(i: Interaction): InteractionFormValues {
  return {
    customer_id: i.customer_id,
    at: dayjs(i.at),
    channel_id: i.channel_id,
    subject: i.subject,
    content: i.content,
    outcome: i.outcome,
    follow_up_on: i.follow_up_on ? dayjs(i.follow_up_on) : null,
  };
}

/** The create/PATCH body (the staff member is always the caller, set by the server). */
export function toInteractionBody(v: InteractionFormValues): InteractionInput {
  return {
    customer_id: v.customer_id,
    at: v.at.valueOf(),
    channel_id: v.channel_id,
    subject: v.subject.trim(),
    content: v.content.trim(),
    outcome: (v.outcome ?? '').trim(),
    follow_up_on: v.follow_up_on ? v.follow_up_on.format('YYYY-MM-DD') : null,
  };
}
