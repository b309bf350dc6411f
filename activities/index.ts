import type { Pool } from 'pg';
import type { AppConfig } from '../platform/config';
import { createAlertActivities } from './alerts';
import { createCaseActivities } from './cases';

export interface ActivityDeps {
  pool: Pool;
  config: AppConfig;
}

/** Every activity the worker registers, bound to its dependencies. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createAlertActivities(deps),
    ...createCaseActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
