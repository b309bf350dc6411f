import type { Pool } from 'pg';
import type { AppConfig } from '../platform/config';

export interface ActivityDeps {
  pool: Pool;
  config: AppConfig;
}

/** Every activity the worker registers, bound to its dependencies. */
export function createActivities(_deps: ActivityDeps) {
  return {};
}

export type Activities = ReturnType<typeof createActivities>;
