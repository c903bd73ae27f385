import { describe, expect, it } from 'vitest';
import { isMaskedValue, isValidEmail, isValidMobile, normalizePhone } from './customerValidation';

describe('customer validation', () => {
  it('normalises phone numbers', () => {
    expect(normalizePhone('+86 138-0013-8000')).toBe('13800138000');
    expect(normalizePhone('0086 13800138000')).toBe('13800138000');
    expect(normalizePhone(' 138 0013 8000 ')).toBe('13800138000');
  });

  it('accepts Chinese mobiles only', () => {
    expect(isValidMobile('13800138000')).toBe(true);
    expect(isValidMobile('+86 199-1234-5678')).toBe(true);
    expect(isValidMobile('12800138000')).toBe(false);
    expect(isValidMobile('1380013800')).toBe(false);
    expect(isValidMobile('138001380001')).toBe(false);
    expect(isValidMobile('0571-88888888')).toBe(false);
  });

  it('checks emails', () => {
    expect(isValidEmail('li.lei@example.com')).toBe(true);
    expect(isValidEmail(' a@b.cn ')).toBe(true);
    expect(isValidEmail('a@b')).toBe(false);
    expect(isValidEmail('a b@c.com')).toBe(false);
    expect(isValidEmail('@c.com')).toBe(false);
  });

  it('recognises masked values', () => {
    expect(isMaskedValue('138****1234')).toBe(true);
    expect(isMaskedValue('l***@example.com')).toBe(true);
    expect(isMaskedValue('13800138000')).toBe(false);
    expect(isMaskedValue(null)).toBe(false);
  });
});
