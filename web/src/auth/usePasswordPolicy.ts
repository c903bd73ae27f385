import { useQuery } from '@tanstack/react-query';
import { authApi, authKeys } from '../api/auth';

export function usePasswordPolicy() {
  return useQuery({
    queryKey: authKeys.policy,
    queryFn: ({ signal }) => authApi.passwordPolicy(signal),
    staleTime: 5 * 60_000,
  });
}
