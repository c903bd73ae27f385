import { useQuery } from '@tanstack/react-query';
import { customerDataApi, customerDataKeys } from '../../../api/customerData';
import { isFinished } from './importMapping';

/** Polls an import every second until it finished. */
export function useImportJob(id: number | null) {
  return useQuery({
    queryKey: customerDataKeys.importJob(id ?? 0),
    queryFn: ({ signal }) => customerDataApi.getImport(id!, signal),
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data && isFinished(q.state.data.status) ? false : 1000),
  });
}
