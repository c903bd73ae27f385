import { describe, expect, it } from 'vitest';
import { makeCustomer } from './testData';
import { toFormValues, toPatchBody } from './customerForm';

describe('customer PATCH body', () => {
  it('sends the consent note with a consent change', () => {
    const c = makeCustomer();
    const v = { ...toFormValues(c), consent: ['sms' as const, 'email' as const, 'phone' as const], consent_note: ' 门店签字同意 ' };
    const body = toPatchBody(v, c);
    expect(body.consent).toEqual({ sms: true, email: true, phone: true });
    expect(body.consent_note).toBe('门店签字同意');
  });

  it('drops a note without a consent change (it would be an empty edit)', () => {
    const c = makeCustomer();
    expect(toPatchBody({ ...toFormValues(c), consent_note: '无变化' }, c)).toEqual({});
  });
});
