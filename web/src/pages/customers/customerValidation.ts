/** Client-side checks mirroring the server's (docs/api/customers.md). */

const MOBILE = /^1[3-9]\d{9}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Strips spaces, dashes and a leading +86 / 0086 from a phone number. */
export function normalizePhone(input: string): string {
  let s = input.replace(/[\s-]/g, '');
  if (s.startsWith('+86')) s = s.slice(3);
  else if (s.startsWith('0086')) s = s.slice(4);
  return s;
}

/** True for a Chinese mobile number (after normalisation). */
export function isValidMobile(input: string): boolean {
  return MOBILE.test(normalizePhone(input));
}

export function isValidEmail(input: string): boolean {
  const s = input.trim();
  return s.length <= 254 && EMAIL.test(s);
}

/** A value as shown by the API when masked (contains `*`), e.g. 138****1234. */
export function isMaskedValue(value: string | null | undefined): boolean {
  return !!value && value.includes('*');
}
