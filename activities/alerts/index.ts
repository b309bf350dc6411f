import type { Pool } from 'pg';
import { raiseAlert, type RaiseAlertInput } from './raiseAlert';
import { resolveAlerts, type ResolveAlertsInput } from './resolveAlert';

/** Alert activities bound to the pool (registered by activities/index.ts). */
export function createAlertActivities(deps: { pool: Pool }) {
  return {
    raiseAlert: (input: RaiseAlertInput) => raiseAlert(deps.pool, input),
    resolveAlerts: (input: ResolveAlertsInput) => resolveAlerts(deps.pool, input),
  };
}
