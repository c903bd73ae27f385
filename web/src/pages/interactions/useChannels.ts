import { useQuery } from '@tanstack/react-query';
import { interactionKeys, interactionsApi } from '../../api/interactions';

/** The channel list (small and rarely changed: one query shared by every page). */
export function useChannels(enabled = true) {
  return useQuery({
    queryKey: interactionKeys.channels,
    queryFn: ({ signal }) => interactionsApi.channels(signal),
    select: (r) => r.items,
    staleTime: 60_000,
    enabled,
  });
}
