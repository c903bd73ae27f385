import { useQuery } from '@tanstack/react-query';
import { adminApi, adminKeys } from '../../api/admin';
import { useSession } from '../../auth/SessionContext';

/** All roles (needs roles.view; empty list otherwise). */
export function useRoles() {
  const { can } = useSession();
  return useQuery({
    queryKey: adminKeys.roles,
    queryFn: ({ signal }) => adminApi.listRoles(signal),
    enabled: can('roles.view'),
    select: (reply) => reply.items,
  });
}
