/**
 * One TanStack Query client: answers stay fresh for a few seconds (officers move between pages
 * quickly), and a refusal (4xx) is not retried: it will not change by asking again.
 */
import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './http';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        refetchOnWindowFocus: false,
        retry: (failures, err) => !(err instanceof ApiError && err.status < 500) && failures < 2,
      },
      mutations: { retry: false },
    },
  });
}
