import type { QueryClient } from '@tanstack/react-query';
import { customerKeys } from '../../api/customers';

/**
 * Refreshes customer data after a change, except revealed (unmasked) details: re-reading
 * those would write another audit row without the user asking for it.
 */
export function invalidateCustomers(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({
    queryKey: customerKeys.all,
    predicate: (q) => !(q.queryKey[1] === 'detail' && q.queryKey[3] === true),
  });
}
