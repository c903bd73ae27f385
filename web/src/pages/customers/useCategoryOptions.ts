import { useQuery } from '@tanstack/react-query';
import { customerKeys, customersApi } from '../../api/customers';

/** Categories for selects (first 200 by name). */
export function useCategoryOptions(enabled = true) {
  return useQuery({
    queryKey: customerKeys.categoryOptions,
    queryFn: ({ signal }) => customersApi.listCategories({ sort: 'name', limit: 200 }, signal),
    select: (page) => page.items.map((c) => ({ value: c.id, label: c.name })),
    staleTime: 60_000,
    enabled,
  });
}
