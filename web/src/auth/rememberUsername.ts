export const REMEMBERED_USERNAME_KEY = 'shopcrm.rememberedUsername';

export function readRememberedUsername(): string {
  try {
    return window.localStorage.getItem(REMEMBERED_USERNAME_KEY) ?? '';
  } catch {
    return '';
  }
}

/** Stores the username when `remember` is on, forgets it otherwise. Never stores a password. */
export function rememberUsername(remember: boolean, username: string): void {
  try {
    if (remember && username.trim()) window.localStorage.setItem(REMEMBERED_USERNAME_KEY, username.trim());
    else window.localStorage.removeItem(REMEMBERED_USERNAME_KEY);
  } catch {
    // storage unavailable: nothing to remember
  }
}
