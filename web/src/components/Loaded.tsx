/** A query's three states, the same everywhere: a spinner, the error with a retry, or the data. */
import type { UseQueryResult } from '@tanstack/react-query';
import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { tr } from '../labels';
import { ErrorAlert } from './ErrorAlert';

export function Loaded<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  if (query.isPending) return <Spin tip={tr('正在加载…', 'Loading…')} className="loading-block" />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}
