/** The complaint workflow's activities (docs/complaints.md), bound to the pool (registered by activities/index.ts). */
import type { Pool } from 'pg';
import { alertComplaint, type AlertComplaintInput } from './alertComplaint';
import { applyComplaintStep, type ApplyComplaintStepInput } from './applyComplaintStep';

export function createComplaintActivities(deps: { pool: Pool }) {
  const { pool } = deps;
  return {
    applyComplaintStep: (i: ApplyComplaintStepInput) => applyComplaintStep(pool, i),
    alertComplaint: (i: AlertComplaintInput) => alertComplaint(pool, i),
  };
}

export type ComplaintActivities = ReturnType<typeof createComplaintActivities>;
