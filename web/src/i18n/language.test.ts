import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_LANGUAGE, LANGUAGE_STORAGE_KEY, readStoredLanguage, storeLanguage } from './language';

describe('language preference', () => {
  beforeEach(() => window.localStorage.clear());

  it('defaults to zh-CN', () => {
    expect(DEFAULT_LANGUAGE).toBe('zh-CN');
    expect(readStoredLanguage()).toBe('zh-CN');
  });

  it('reads back a stored choice and ignores unknown values', () => {
    storeLanguage('en');
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(readStoredLanguage()).toBe('en');
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, 'fr');
    expect(readStoredLanguage()).toBe('zh-CN');
  });
});
