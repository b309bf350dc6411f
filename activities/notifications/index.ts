import type { Pool } from 'pg';
import type { AppConfig } from '../../platform/config';
import { deliverAlert, type DeliverAlertInput } from './deliverAlert';

/** Notification activities bound to the pool (registered by activities/index.ts). */
export function createNotificationActivities(deps: { pool: Pool; config: Pick<AppConfig, 'GZ_WEBHOOK_HOSTS'> }) {
  return {
    deliverAlert: (input: DeliverAlertInput) => deliverAlert(deps.pool, input, deps.config.GZ_WEBHOOK_HOSTS ?? []),
  };
}
