/** The city submits its report with an open case explicitly carried over, with a reason. */
import { domainFailure, failure } from '../domainFailure';
import type { Pool } from 'pg';
import { Officer } from '../../domain/officer';
import { CaseNotFoundError } from '../../domain/errors';
import { inTransaction } from '../../platform/transactions';

export async function carryOverCase(
  pool: Pool,
  caseId: string,
  updateId: string,
  reason: string,
  rawOfficer: Officer,
  at: string = new Date().toISOString(),
): Promise<{ caseId: string; updateId: string; duplicate: boolean }> {
  const officer = Officer.parse(rawOfficer);
  return inTransaction(pool, async (client) => {
    const found = await client.query<{ status: string }>('SELECT status FROM case_file WHERE case_id = $1 FOR UPDATE', [caseId]);
    if (found.rowCount === 0) throw domainFailure(new CaseNotFoundError(caseId));
    const logged = await client.query(
      `INSERT INTO decision_log (update_id, case_id, action, officer_id, officer_role, officer_city, payload, recorded_at)
       VALUES ($1, $2, 'carry_over', $3, $4, $5, $6, $7) ON CONFLICT (case_id, update_id) DO NOTHING`,
      [updateId, caseId, officer.userId, officer.role, officer.cityCode ?? null, JSON.stringify({ reason }), at],
    );
    if (logged.rowCount === 0) return { caseId, updateId, duplicate: true };
    const status = found.rows[0].status;
    if (status !== 'open' && status !== 'carried_over') {
      throw failure('CaseNotOpen', `case ${caseId} is ${status}: only an open case is carried over`);
    }
    await client.query(`UPDATE case_file SET status = 'carried_over', carried_over_at = $2, carry_over_reason = $3 WHERE case_id = $1`, [caseId, at, reason]);
    return { caseId, updateId, duplicate: false };
  });
}
