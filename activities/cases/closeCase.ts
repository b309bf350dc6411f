/**
 * Closes a decided case: lifts the registration freeze (a ban, if any, stays in force) and
 * resolves the case's open reminder and escalation alerts. Idempotent.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Pool } from 'pg';
import { resolveAlerts } from '../alerts/resolveAlert';
import { caseAlertPrefix } from './alertCase';
import { CaseNotFoundError, inTransaction } from './gatherCaseEvidence';

export async function closeCase(pool: Pool, caseId: string, closedAt: string = new Date().toISOString()): Promise<{ caseId: string }> {
  const c = await inTransaction(pool, async (client) => {
    const found = await client.query<{ status: string; campaign_id: string; city_code: string; alerted: boolean }>(
      `SELECT status, campaign_id, city_code,
              (reminded_at IS NOT NULL OR escalated_at IS NOT NULL OR overdue_at IS NOT NULL) AS alerted
       FROM case_file WHERE case_id = $1 FOR UPDATE`,
      [caseId],
    );
    if (found.rowCount === 0) throw ApplicationFailure.nonRetryable(new CaseNotFoundError(caseId).message, 'CaseNotFound');
    const row = found.rows[0];
    if (row.status === 'open' || row.status === 'carried_over') {
      throw ApplicationFailure.nonRetryable(`case ${caseId} is ${row.status}: only a decided case is closed`, 'CaseNotDecided');
    }
    if (row.status === 'decided') {
      await client.query(`UPDATE case_file SET status = 'closed', closed_at = $2 WHERE case_id = $1`, [caseId, closedAt]);
    }
    await client.query('DELETE FROM registration_freeze WHERE case_id = $1', [caseId]);
    return row;
  });
  // Most cases are decided before any alert: skip the alert table for them.
  if (c.alerted) await resolveAlerts(pool, { keyPrefix: caseAlertPrefix(c.campaign_id, c.city_code, caseId), resolvedAt: closedAt });
  return { caseId };
}
