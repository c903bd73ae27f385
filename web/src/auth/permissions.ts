import type { User } from '../api/types';

/** True when the user holds the permission (admin has every permission in the catalogue). */
export function hasPermission(user: Pick<User, 'permissions'> | null | undefined, permission: string): boolean {
  return !!user && user.permissions.includes(permission);
}

/** Only same-origin console paths are accepted as a post-login target (no open redirect). */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/dashboard';
  if (next === '/login' || next.startsWith('/login?') || next.startsWith('/forgot-password')) return '/dashboard';
  return next;
}

export function loginPathFor(location: { pathname: string; search: string }): string {
  const next = location.pathname + location.search;
  if (next === '/' || next.startsWith('/login')) return '/login';
  return `/login?next=${encodeURIComponent(next)}`;
}
