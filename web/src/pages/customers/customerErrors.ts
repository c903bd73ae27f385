import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';

/**
 * 409 customer.phone_taken / email_taken: the server's message names the existing customer's
 * number ("Customer C20261122000007 already has …"); returns the localised text naming it, or
 * null for any other error.
 */
export function duplicateText(t: TFunction, error: unknown): string | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const kind = error.code === 'customer.phone_taken' ? 'phone' : error.code === 'customer.email_taken' ? 'email' : null;
  if (!kind) return null;
  const number = /\bC\d{6,}\b/.exec(error.message)?.[0];
  return number ? t(`customers.${kind}TakenBy`, { number }) : t(`errors.customer.${kind}_taken`);
}
