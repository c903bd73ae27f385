import dayjs, { type Dayjs } from 'dayjs';
import type { ConsentChannel, Customer, CustomerInput, Gender, Stage } from '../../api/customers';
import { isMaskedValue, normalizePhone } from './customerValidation';

/** Flat form values of the customer drawer. */
export interface CustomerFormValues {
  name: string;
  gender: Gender;
  birthday?: Dayjs | null;
  phone?: string;
  email?: string;
  province?: string;
  city?: string;
  district?: string;
  address_detail?: string;
  source_channel?: string;
  stage: Stage;
  hobbies?: string;
  notes?: string;
  consent: ConsentChannel[];
  /** Edit only: the reason of a consent change. */
  consent_note?: string;
  tags: string[];
}

/** Server error fields → form field names. */
export const FIELD_MAP: Record<string, string> = {
  'address.province': 'province',
  'address.city': 'city',
  'address.district': 'district',
  'address.detail': 'address_detail',
  address: 'address_detail',
  detail: 'address_detail',
};

export const EMPTY_FORM: CustomerFormValues = { name: '', gender: 'unknown', stage: 'potential', consent: [], tags: [] };

export function toFormValues(c: Customer): CustomerFormValues {
  return {
    name: c.name,
    gender: c.gender,
    birthday: c.birthday ? dayjs(c.birthday) : null,
    phone: c.phone ?? '',
    email: c.email ?? '',
    province: c.address.province,
    city: c.address.city,
    district: c.address.district,
    address_detail: c.address.detail,
    source_channel: c.source_channel,
    stage: c.stage,
    hobbies: c.hobbies,
    notes: c.notes,
    consent: (Object.keys(c.consent) as ConsentChannel[]).filter((k) => c.consent[k]),
    tags: c.tags,
  };
}

const text = (v: string | undefined) => (v ?? '').trim();
const orNull = (v: string | undefined) => (text(v) === '' ? null : text(v));

/** The full create body. */
export function toCreateBody(v: CustomerFormValues): CustomerInput {
  const phone = orNull(v.phone);
  return {
    name: text(v.name),
    gender: v.gender,
    birthday: v.birthday ? v.birthday.format('YYYY-MM-DD') : null,
    phone: phone === null ? null : normalizePhone(phone),
    email: orNull(v.email),
    address: { province: text(v.province), city: text(v.city), district: text(v.district), detail: text(v.address_detail) },
    source_channel: text(v.source_channel),
    stage: v.stage,
    hobbies: text(v.hobbies),
    notes: text(v.notes),
    consent: { sms: v.consent.includes('sms'), email: v.consent.includes('email'), phone: v.consent.includes('phone') },
    tags: v.tags,
  };
}

/**
 * The PATCH body: only fields that differ from the loaded customer. Masked values left as
 * loaded (138****1234) are never sent back.
 */
export function toPatchBody(v: CustomerFormValues, loaded: Customer): CustomerInput {
  const next = toCreateBody(v);
  const before = toCreateBody(toFormValues(loaded));
  const out: CustomerInput = {};
  const keys = Object.keys(next) as (keyof CustomerInput)[];
  for (const key of keys) {
    if (JSON.stringify(next[key]) === JSON.stringify(before[key])) continue;
    if (key === 'address') {
      const address = { ...next.address };
      if (address.detail === before.address?.detail && isMaskedValue(loaded.address.detail)) delete address.detail;
      out.address = address;
    } else {
      (out as Record<string, unknown>)[key] = next[key];
    }
  }
  // The note belongs to a consent change; alone it would be an empty edit.
  if (out.consent && text(v.consent_note) !== '') out.consent_note = text(v.consent_note);
  return out;
}
