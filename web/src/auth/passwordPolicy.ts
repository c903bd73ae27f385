import type { PasswordPolicy } from '../api/types';

export type PasswordClass = 'lower' | 'upper' | 'digit' | 'symbol';

const CLASS_TESTS: Record<PasswordClass, RegExp> = {
  lower: /[a-z]/,
  upper: /[A-Z]/,
  digit: /[0-9]/,
  symbol: /[^A-Za-z0-9]/,
};

export interface PolicyCheck {
  /** i18n key under `password.rules`. */
  key: 'length' | 'classes' | 'username' | 'common';
  /** null = cannot be checked here (the server checks it). */
  ok: boolean | null;
  params: Record<string, string | number>;
}

export function passwordClasses(password: string, names: readonly string[]): PasswordClass[] {
  return names.filter((n): n is PasswordClass => n in CLASS_TESTS && CLASS_TESTS[n as PasswordClass].test(password));
}

/** The checklist shown under a new-password field, item by item. */
export function checkPassword(password: string, policy: PasswordPolicy, username = ''): PolicyCheck[] {
  const names = policy.class_names.length ? policy.class_names : Object.keys(CLASS_TESTS);
  const checks: PolicyCheck[] = [
    { key: 'length', ok: [...password].length >= policy.min_length, params: { min: policy.min_length } },
    {
      key: 'classes',
      ok: passwordClasses(password, names).length >= policy.classes,
      params: { count: policy.classes, total: names.length },
    },
  ];
  if (policy.forbid_username) {
    const name = username.trim().toLowerCase();
    checks.push({ key: 'username', ok: !name || !password.toLowerCase().includes(name), params: {} });
  }
  if (policy.forbid_common) checks.push({ key: 'common', ok: null, params: {} });
  return checks;
}

/** True when every rule checkable in the browser passes. */
export function passwordAcceptable(password: string, policy: PasswordPolicy, username = ''): boolean {
  return checkPassword(password, policy, username).every((c) => c.ok !== false);
}
