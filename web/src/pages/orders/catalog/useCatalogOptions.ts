import { useQuery } from '@tanstack/react-query';
import { catalogApi, catalogKeys } from '../../../api/catalog';

/** Warehouses for selects (enabled first, default first). */
export function useWarehouses(enabled = true) {
  return useQuery({
    queryKey: catalogKeys.warehouses,
    queryFn: async ({ signal }) => {
      const items = (await catalogApi.warehouses(signal)).items;
      return [...items].sort((a, b) => Number(b.is_default) - Number(a.is_default) || Number(b.enabled) - Number(a.enabled) || a.id - b.id);
    },
    enabled,
    staleTime: 60_000,
  });
}

/** Product categories for selects and the categories modal. */
export function useProductCategories(enabled = true) {
  return useQuery({
    queryKey: catalogKeys.categories,
    queryFn: async ({ signal }) => (await catalogApi.categories(signal)).items,
    enabled,
    staleTime: 60_000,
  });
}
