import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { authApi } from '../api/auth';
import { ApiError, setCsrfToken, setUnauthorizedHandler } from '../api/client';
import type { SessionReply, User } from '../api/types';
import { hasPermission } from './permissions';

export type SessionStatus = 'loading' | 'authenticated' | 'anonymous' | 'error';

export interface Session {
  status: SessionStatus;
  user: User | null;
  /** Set when /auth/me failed for a reason other than 401 (server down …). */
  error: ApiError | null;
  /** True after an explicit logout (the login page then opens without a `next`). */
  loggedOut: boolean;
  can: (permission: string) => boolean;
  signIn: (reply: SessionReply) => void;
  signOut: () => Promise<void>;
  /** Re-reads /auth/me (after editing one's own profile, or to retry after an error). */
  refresh: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<SessionStatus>('loading');
  const [user, setUser] = useState<User | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loggedOut, setLoggedOut] = useState(false);

  const becomeAnonymous = useCallback(() => {
    setCsrfToken(null);
    setUser(null);
    setError(null);
    setStatus('anonymous');
    queryClient.clear();
  }, [queryClient]);

  const signIn = useCallback((reply: SessionReply) => {
    setCsrfToken(reply.csrf_token);
    setLoggedOut(false);
    setUser(reply.user);
    setError(null);
    setStatus('authenticated');
  }, []);

  const refresh = useCallback(async () => {
    try {
      signIn(await authApi.me());
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return becomeAnonymous();
      setError(e instanceof ApiError ? e : new ApiError({ status: 0, code: 'network', message: String(e) }));
      setStatus('error');
    }
  }, [signIn, becomeAnonymous]);

  const signOut = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      setLoggedOut(true);
      becomeAnonymous();
    }
  }, [becomeAnonymous]);

  useEffect(() => {
    setUnauthorizedHandler(() => becomeAnonymous());
    void refresh();
    return () => setUnauthorizedHandler(null);
  }, [refresh, becomeAnonymous]);

  const value = useMemo<Session>(
    () => ({ status, user, error, loggedOut, can: (p) => hasPermission(user, p), signIn, signOut, refresh }),
    [status, user, error, loggedOut, signIn, signOut, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside <SessionProvider>');
  return session;
}
