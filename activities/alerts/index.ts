import type { Pool } from 'pg';
import { raiseAlert, type RaiseAlertInput } from './raiseAlert';
import { resolveAlert, resolveAlerts, type ResolveAlertInput, type ResolveAlertsInput } from './resolveAlert';

/** Alert activities bound to the pool (registered by activities/index.ts). */
export function createAlertActivities(deps: { pool: Pool }) {
  return {
    raiseAlert: (input: RaiseAlertInput) => raiseAlert(deps.pool, input),
    resolveAlert: (input: ResolveAlertInput | string) => resolveAlert(deps.pool, input),
    resolveAlerts: (input: ResolveAlertsInput) => resolveAlerts(deps.pool, input),
  };
}
