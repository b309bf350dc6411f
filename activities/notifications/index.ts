import type { Pool } from 'pg';
import { deliverAlert, type DeliverAlertInput } from './deliverAlert';

/** Notification activities bound to the pool (registered by activities/index.ts). */
export function createNotificationActivities(deps: { pool: Pool }) {
  return {
    deliverAlert: (input: DeliverAlertInput) => deliverAlert(deps.pool, input),
  };
}
