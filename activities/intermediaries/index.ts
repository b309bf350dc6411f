import type { Pool } from 'pg';
import { raiseOrderAlert, type OrderAlertInput } from './orderAlert';

/** The intermediary activities bound to the pool (registered by activities/index.ts). */
export function createIntermediaryActivities(deps: { pool: Pool }) {
  return {
    raiseIntermediaryOrderAlert: (input: OrderAlertInput) => raiseOrderAlert(deps.pool, input),
  };
}
