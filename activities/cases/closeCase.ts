/**
 * Closes a decided case: lifts the registration freeze (a ban, if any, stays in force) and
 * resolves the case's open reminder and escalation alerts. Idempotent.
 */
import { domainFailure, failure } from '../domainFailure';
import type { Pool, PoolClient } from 'pg';
import { resolveAlerts } from '../alerts/resolveAlert';
import { caseAlertPrefix } from './alertCase';
import { CaseNotFoundError } from '../../domain/errors';
import { inTransaction } from '../../platform/transactions';

export interface ClosedCase {
  caseId: string;
  campaignId: string;
  cityCode: string;
  /** Whether the case ever raised an alert (only then is the alert table touched). */
  alerted: boolean;
}

export async function closeCase(pool: Pool, caseId: string, closedAt: string = new Date().toISOString()): Promise<{ caseId: string }> {
  const closed = await inTransaction(pool, (client) => closeCaseTx(client, caseId, closedAt));
  await resolveCaseAlerts(pool, closed, closedAt);
  return { caseId };
}

/** The database part, inside the caller's transaction (settleCaseDecision composes it). */
export async function closeCaseTx(client: PoolClient, caseId: string, closedAt: string): Promise<ClosedCase> {
  const found = await client.query<{ status: string; campaign_id: string; city_code: string; alerted: boolean }>(
    `SELECT status, campaign_id, city_code,
            (reminded_at IS NOT NULL OR escalated_at IS NOT NULL OR overdue_at IS NOT NULL) AS alerted
     FROM case_file WHERE case_id = $1 FOR UPDATE`,
    [caseId],
  );
  if (found.rowCount === 0) throw domainFailure(new CaseNotFoundError(caseId));
  const row = found.rows[0];
  if (row.status === 'open' || row.status === 'carried_over') {
    throw failure('CaseNotDecided', `case ${caseId} is ${row.status}: only a decided case is closed`);
  }
  if (row.status === 'decided') {
    await client.query(`UPDATE case_file SET status = 'closed', closed_at = $2 WHERE case_id = $1`, [caseId, closedAt]);
  }
  await client.query('DELETE FROM registration_freeze WHERE case_id = $1', [caseId]);
  return { caseId, campaignId: row.campaign_id, cityCode: row.city_code, alerted: row.alerted };
}

/** Most cases are decided before any alert: the alert table is only touched for the others. */
export async function resolveCaseAlerts(pool: Pool, c: ClosedCase, at: string): Promise<void> {
  if (c.alerted) await resolveAlerts(pool, { keyPrefix: caseAlertPrefix(c.campaignId, c.cityCode, c.caseId), resolvedAt: at });
}
